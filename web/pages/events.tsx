// Events: publish to a topic (Stream.Publish; the payload is written as UTF-8 bytes, metadata as key=value
// lines) and a live tail of a topic (Stream.Consume over a WebSocket, auto-acked, in a group of its own), newest
// last. The topic tailed is in the URL.
import { useEffect, useState } from "preact/hooks";
import { rpc } from "../api.js";
import { href, navigate, type Location } from "../router.js";
import { openStream } from "../stream.js";
import { ErrorLine, formValues, fromBase64, toBase64 } from "../ui.js";

interface Event { id: string; topic: string; metadata?: Record<string, string>; payload?: string; timestamp?: string }

export default function EventsPage({ namespace, loc }: { namespace: string; loc: Location }) {
  const tail = loc.query.get("tail") ?? "";
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const publish = async (e: globalThis.Event) => {
    const f = formValues(e);
    setError(""); setNotice("");
    const metadata = Object.fromEntries((f.metadata ?? "").split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
      const eq = l.indexOf("=");
      return eq < 0 ? [l, ""] : [l.slice(0, eq).trim(), l.slice(eq + 1).trim()];
    }));
    try {
      await rpc("/events/stream/publish", namespace, { topic: f.topic, payload: toBase64(f.payload ?? ""), metadata });
      setNotice(`Published to ${f.topic}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main>
      <h1>Events <span class="muted">in {namespace}</span></h1>
      <div class="split">
        <form class="card" aria-labelledby="publish-title" onSubmit={publish}>
          <h2 id="publish-title">Publish</h2>
          <label for="publish-topic">Topic</label>
          <input id="publish-topic" name="topic" required defaultValue={tail} />
          <label for="publish-payload">Payload</label>
          <textarea id="publish-payload" name="payload" rows={4} placeholder='{"hello": "world"}' />
          <label for="publish-metadata">Metadata (key=value, one a line)</label>
          <textarea id="publish-metadata" name="metadata" rows={2} />
          <button type="submit">Publish</button>
          <ErrorLine error={error} id="publish-error" />
          {notice && <p class="notice" role="status" id="publish-notice">{notice}</p>}
        </form>
        <section class="card" aria-labelledby="tail-title">
          <h2 id="tail-title">Tail a topic</h2>
          <form class="inline" onSubmit={(e) => { const f = formValues(e); navigate(href("/events", { ns: namespace, tail: f.topic }), true); }}>
            <div class="grow"><label for="tail-topic">Topic</label><input id="tail-topic" name="topic" required defaultValue={tail} key={tail} /></div>
            <button type="submit">Tail</button>
          </form>
          {tail && <Tail key={`${namespace}/${tail}`} topic={tail} namespace={namespace} />}
        </section>
      </div>
    </main>
  );
}

function Tail({ topic, namespace }: { topic: string; namespace: string }) {
  const [events, setEvents] = useState<Event[]>([]);
  const [state, setState] = useState("connecting");
  useEffect(() => {
    const s = openStream("/events/stream/consume", namespace, {
      onMessage: (m) => { setState("live"); setEvents((l) => [...l.slice(-199), m as Event]); },
      onEnd: (err) => setState(err ? `failed: ${err.detail}` : "ended"),
    });
    s.send({ topic, autoAck: true });
    setState("live");
    return () => s.close();
  }, [topic, namespace]);
  return (
    <>
      <p class="muted">Tailing <code>{topic}</code>: <span id="tail-state">{state}</span> · {events.length} received</p>
      <ol class="stream" id="tail-events" aria-live="polite">
        {events.map((e) => (
          <li key={e.id}>
            <span class="muted">{e.timestamp ? new Date(Number(e.timestamp) * (String(e.timestamp).length > 12 ? 1 : 1000)).toISOString() : ""} · {e.id}</span>
            <pre>{fromBase64(e.payload)}</pre>
            {e.metadata && Object.keys(e.metadata).length > 0 && <small class="muted">{Object.entries(e.metadata).map(([k, v]) => `${k}=${v}`).join(" ")}</small>}
          </li>
        ))}
      </ol>
    </>
  );
}
