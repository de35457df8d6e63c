// One endpoint: its request as a generated form (or as JSON, validated against the request's schema), Call, the
// answer pretty-printed with status and time (errors as Micro's {id, code, detail, status}), and the same call
// as a `micro` command and a curl line. The request lives in the URL (?request=…), so a filled form can be shared.
// Streaming endpoints go over a WebSocket (stream.ts): a server stream's messages show as they arrive; client and
// bidi streams get a send box (the form is the next message; Send, End sending, Close).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Validator } from "@cfworker/json-schema";
import { api, type CallResult, type ListedEndpoint, type Listing } from "../api.js";
import { curlCommand, microCommand } from "../commands.js";
import { MessageFields } from "../form/fields.js";
import { openStream, type Stream } from "../stream.js";
import { href, navigate, type Location } from "../router.js";

export function Endpoint({ listing, service, endpoint, loc, namespace }: { listing: Listing; service: string; endpoint: string; loc: Location; namespace: string }) {
  const svc = listing.services.find((s) => s.name === service);
  const ep = svc?.endpoints.find((e) => e.name === endpoint);
  if (!svc || !ep) {
    return <main><h1>{service} {endpoint}</h1><p class="error" role="alert">No endpoint {endpoint} of service {service} that you may call in {listing.namespace}.</p></main>;
  }
  return <EndpointPage ep={ep} service={service} loc={loc} namespace={namespace} />;
}

function parseRequest(text: string | null): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function EndpointPage({ ep, service, loc, namespace }: { ep: ListedEndpoint; service: string; loc: Location; namespace: string }) {
  const request = useMemo(() => parseRequest(loc.query.get("request")), [loc.query.get("request")]);
  const view = ep.request ? loc.query.get("view") ?? "form" : "json";
  const [result, setResult] = useState<CallResult | undefined>();
  const [busy, setBusy] = useState(false);
  const setRequest = (v: unknown, extra: Record<string, string> = {}) =>
    navigate(href(loc.path, { ns: namespace, view: view === "json" ? "json" : undefined, ...extra, request: JSON.stringify(v ?? {}) }), true);
  const call = async () => {
    setBusy(true);
    try {
      setResult(await api(ep.path, namespace, { method: "POST", body: JSON.stringify(request ?? {}) }));
    } catch (err) {
      setResult({ ok: false, status: 0, ms: 0, body: { detail: (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  const streaming = ep.streaming !== "unary";
  const stream = useStreamCall(ep, namespace);
  const curl = curlCommand(location.origin, ep.path, namespace, request, ep.streaming);
  const submit = () => {
    if (!streaming) return void call();
    if (ep.streaming === "server_streaming" || !stream.open) stream.start(ep.streaming === "server_streaming" ? request : undefined);
    else stream.send(request);
  };
  return (
    <main>
      <p class="crumbs"><a href={href("/services", { ns: namespace })}>Services</a> / {service}</p>
      <h1>{ep.name} <span class="muted">{service}</span></h1>
      {ep.description && <p class="description">{ep.description}</p>}
      <p class="muted">Request <code>{ep.requestType ?? "JSON"}</code> → response <code>{ep.responseType ?? "JSON"}</code>{ep.public && " · public: callable without signing in"}</p>
      <form class="card" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <div class="tabs" role="group" aria-label="Request editor">
          <button type="button" aria-pressed={view === "form"} disabled={!ep.request} onClick={() => setRequest(request, { view: "form" })}>Form</button>
          <button type="button" aria-pressed={view === "json"} onClick={() => navigate(href(loc.path, { ns: namespace, view: "json", request: JSON.stringify(request ?? {}) }), true)}>JSON</button>
        </div>
        {view === "form" && ep.request
          ? <MessageFields schema={ep.request} root={ep.request} value={request} onChange={(v) => setRequest(v ?? {})} path="request" depth={0} />
          : <JsonEditor schema={ep.request} value={request} onChange={(v) => setRequest(v)} />}
        {streaming && <p class="muted">A {ep.streaming.replace("_", " ")} endpoint, called over a WebSocket{ep.streaming === "server_streaming"
          ? ": its messages show as they arrive."
          : ": open the stream, then each Send sends the form as the next message."}</p>}
        <div class="actions">
          {!streaming && <button type="submit" class="primary" disabled={busy}>{busy ? "Calling…" : "Call"}</button>}
          {streaming && (ep.streaming === "server_streaming" || !stream.open) && <button type="submit" class="primary" disabled={stream.open}>{ep.streaming === "server_streaming" ? "Call" : "Open stream"}</button>}
          {streaming && ep.streaming !== "server_streaming" && stream.open && <>
            <button type="submit" class="primary" disabled={stream.halfClosed}>Send</button>
            <button type="button" onClick={stream.end} disabled={stream.halfClosed}>End sending</button>
          </>}
          {streaming && stream.open && <button type="button" onClick={stream.close}>Close</button>}
        </div>
      </form>
      {result && <Result result={result} />}
      {streaming && stream.started && <StreamView state={stream} />}
      <section class="card commands">
        <h2>The same call elsewhere</h2>
        <label for="cmd-micro">micro CLI</label>
        <pre id="cmd-micro" tabIndex={0}>{microCommand(service, ep.name, request, ep.streaming)}</pre>
        {curl !== undefined ? <>
          <label for="cmd-curl">curl</label>
          <pre id="cmd-curl" tabIndex={0}>{curl}</pre>
        </> : <p class="muted">curl cannot send a stream of requests: a WebSocket client can (to <code>/api{ep.path}</code>, each text frame one JSON message, an empty frame ends the sending side).</p>}
      </section>
    </main>
  );
}

interface StreamItem { sent: boolean; body: unknown; at: number }

interface StreamState {
  started: boolean; open: boolean; halfClosed: boolean; items: StreamItem[]; error?: Record<string, unknown>; startedAt: number; endedAt?: number;
  start: (first?: unknown) => void; send: (m: unknown) => void; end: () => void; close: () => void;
}

function useStreamCall(ep: ListedEndpoint, namespace: string): StreamState {
  const ref = useRef<Stream | undefined>(undefined);
  const [st, setSt] = useState<Omit<StreamState, "start" | "send" | "end" | "close">>({ started: false, open: false, halfClosed: false, items: [], startedAt: 0 });
  useEffect(() => () => ref.current?.close(), [ep.path, namespace]);
  const push = (item: StreamItem) => setSt((s) => ({ ...s, items: [...s.items, item] }));
  return {
    ...st,
    start: (first) => {
      ref.current?.close();
      const startedAt = performance.now();
      setSt({ started: true, open: true, halfClosed: ep.streaming === "server_streaming", items: [], startedAt });
      ref.current = openStream(ep.path, namespace, {
        onMessage: (m) => push({ sent: false, body: m, at: performance.now() - startedAt }),
        onEnd: (error, retract) => {
          ref.current = undefined;
          setSt((s) => ({ ...s, open: false, halfClosed: true, endedAt: performance.now() - startedAt, error: error as never,
            items: retract ? s.items.slice(0, -1) : s.items }));
        },
      });
      if (first !== undefined) ref.current.send(first);
    },
    send: (m) => { ref.current?.send(m); push({ sent: true, body: m, at: performance.now() - st.startedAt }); },
    end: () => { ref.current?.end(); setSt((s) => ({ ...s, halfClosed: true })); },
    close: () => { ref.current?.close(); ref.current = undefined; setSt((s) => ({ ...s, open: false, halfClosed: true, endedAt: performance.now() - s.startedAt })); },
  };
}

function StreamView({ state }: { state: StreamState }) {
  const received = state.items.filter((i) => !i.sent).length;
  const status = state.open ? "open" : state.error ? `failed ${String(state.error.code ?? "")}` : "ended";
  return (
    <section class={`card result ${state.error ? "failed" : "succeeded"}`}>
      <h2>Stream <span class="status" id="stream-status">{status}</span> <span class="muted" id="stream-count">{received} received</span>
        {state.endedAt !== undefined && <span class="muted"> · {Math.round(state.endedAt)} ms</span>}</h2>
      {state.error && <ErrorEnvelope body={state.error} status={Number(state.error.code ?? 0)} />}
      <ol class="stream" id="stream-messages" aria-live="polite">
        {state.items.map((i, n) => (
          <li key={n} class={i.sent ? "sent" : "received"}>
            <span class="muted">{i.sent ? "sent" : "received"} · {Math.round(i.at)} ms</span>
            <pre>{JSON.stringify(i.body, null, 2)}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ErrorEnvelope({ body, status }: { body: Record<string, unknown>; status: number }) {
  return (
    <dl class="micro-error" id="result-error">
      <dt>id</dt><dd>{String(body.id ?? "")}</dd>
      <dt>code</dt><dd>{String(body.code ?? status)}</dd>
      <dt>detail</dt><dd>{String(body.detail)}</dd>
      <dt>status</dt><dd>{String(body.status ?? "")}</dd>
    </dl>
  );
}

function JsonEditor({ schema, value, onChange }: { schema?: Record<string, unknown>; value: unknown; onChange: (v: unknown) => void }) {
  const [draft, setDraft] = useState(() => JSON.stringify(value ?? {}, null, 2));
  const validator = useMemo(() => (schema ? new Validator(schema as never, "2020-12", false) : undefined), [schema]);
  const [problems, setProblems] = useState<string[]>([]);
  const edit = (text: string) => {
    setDraft(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return setProblems([`not JSON: ${(err as Error).message}`]);
    }
    const found = validator ? validator.validate(parsed).errors.filter((e) => e.keyword !== "properties" && e.keyword !== "$ref" && e.keyword !== "items" && e.keyword !== "additionalProperties") : [];
    setProblems(found.map((e) => `${e.instanceLocation.replace(/^#/, "request")}: ${e.error}`));
    if (found.length === 0) onChange(parsed);
  };
  return (
    <div class="json-editor">
      <label for="request-json">Request (JSON)</label>
      <textarea id="request-json" rows={12} spellcheck={false} class={problems.length ? "invalid" : ""} value={draft}
        onInput={(e) => edit((e.target as HTMLTextAreaElement).value)} />
      {problems.length > 0 && <ul class="error" role="alert" id="json-problems">{problems.map((p) => <li>{p}</li>)}</ul>}
    </div>
  );
}

function Result({ result }: { result: CallResult }) {
  const body = result.body as Record<string, unknown> | null;
  const isError = !result.ok;
  return (
    <section class={`card result ${isError ? "failed" : "succeeded"}`} aria-live="polite">
      <h2>Response <span class="status" id="result-status">{result.status || "failed"}</span> <span class="muted" id="result-time">{result.ms} ms</span></h2>
      {isError && body && typeof body === "object" && "detail" in body && <ErrorEnvelope body={body} status={result.status} />}
      <pre id="result-body">{typeof body === "string" ? body : JSON.stringify(body, null, 2)}</pre>
    </section>
  );
}
