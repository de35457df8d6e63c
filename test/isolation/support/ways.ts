// The ways in, each turning one attempt into an Outcome: the HTTP gateway (plain calls, SSE for server streams,
// WebSocket for client streams), gRPC through the proxy, gRPC straight at the builtins' internal port, the real
// `micro` binary, and a framework service's own transports and clients.
import * as http from "node:http";
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { fromBinary, fromJson, toBinary, toJson, type JsonObject } from "@bufbuild/protobuf";
import { createGrpcTransport, type CallOptions, type Metadata, type Transport } from "../../../runtime/rpc/index.js";
import { MICRO_BIN } from "../../cli/support/micro.js";
import { AsyncQueue } from "../../../runtime/events/async-queue.js";
import type { Op } from "./ops.js";

export type Outcome =
  | { kind: "refused"; code: number; detail: string; output: string }
  | { kind: "absent"; code: number; detail: string; output: string }
  | { kind: "ok"; output: string; poked: boolean }
  | { kind: "open"; output: string; poked: boolean }
  | { kind: "failed"; code: number; detail: string; output: string };

/** How long a stream may stay silent before the owner's side is poked, and again after. */
export const WINDOW_MS = 600;

export function fromError(err: unknown, output = ""): Outcome {
  const e = err as { code?: unknown; detail?: unknown; message?: unknown };
  const code = typeof e?.code === "number" ? e.code : 0;
  const detail = String(e?.detail ?? e?.message ?? err);
  if (code === 401 || code === 403) return { kind: "refused", code, detail, output };
  if (code === 404) return { kind: "absent", code, detail, output };
  return { kind: "failed", code, detail, output };
}

/** Reads a stream for a window; if it is still open, pokes and reads one more window; then cancels. */
export async function collect<T>(open: (signal: AbortSignal) => AsyncIterable<T>, render: (m: T) => string, poke?: () => Promise<void>,
  windowMs = WINDOW_MS, enough?: (output: string) => boolean): Promise<Outcome> {
  const ac = new AbortController();
  const out: string[] = [];
  let ended = false;
  let aborted = false;
  let error: unknown;
  const reader = (async () => {
    try {
      for await (const m of open(ac.signal)) {
        out.push(render(m));
        // seen what the case is about (a control its own data, an attack the victim's): no need to wait on
        if (enough?.(out.join("\n"))) {
          aborted = true;
          ac.abort();
          return;
        }
      }
      ended = true;
    } catch (err) {
      if (!aborted) error = err;
    }
  })();
  const settled = () => ended || error !== undefined || aborted;
  await Promise.race([reader, sleep(windowMs)]);
  let poked = false;
  if (!settled() && poke) {
    poked = true;
    await poke();
    await Promise.race([reader, sleep(windowMs)]);
  }
  if (!settled()) {
    aborted = true;
    ac.abort();
    await Promise.race([reader, sleep(2000)]);
  }
  const output = out.join("\n");
  if (error !== undefined) return fromError(error, output);
  return { kind: ended ? "ok" : "open", output, poked };
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** One call of `op` with a proto3-JSON request over any gRPC transport. */
export async function grpcAttempt(transport: Transport, op: Op, request: JsonObject, options: CallOptions, poke?: () => Promise<void>,
  enough?: (output: string) => boolean): Promise<Outcome> {
  const m = op.method;
  const input = toBinary(m.input, fromJson(m.input, request));
  const render = (bytes: Uint8Array) => JSON.stringify(toJson(m.output, fromBinary(m.output, bytes)));
  if (m.methodKind === "unary") {
    try {
      return { kind: "ok", output: render(await transport.unary(m, input, { ...options, timeoutMs: 5000 })), poked: false };
    } catch (err) {
      return fromError(err);
    }
  }
  return collect((signal) => transport.stream(m, once(input), { ...options, signal }), render, poke, m.methodKind === "server_streaming" ? WINDOW_MS : 5000, enough);
}

export function grpcTransport(address: string, metadata: Metadata): Transport {
  return createGrpcTransport({ address, metadata: () => metadata });
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** Micro's default path rule: /<service>/<proto service>/<method>. */
export function gatewayPath(service: string, op: Op): string {
  return `/${service}/${kebab(op.method.parent.name)}/${kebab(op.method.name)}`;
}

/** One call through the HTTP gateway. */
export async function gatewayAttempt(port: number, path: string, headers: Record<string, string>, request: JsonObject, op: Op,
  poke?: () => Promise<void>, enough?: (output: string) => boolean): Promise<Outcome> {
  if (op.http) return collect((signal) => httpLines(port, op.http!.path, headers, "", false, signal, op.http!.method), (l) => l, undefined, 5000);
  const kind = op.method.methodKind;
  if (kind === "client_streaming" || kind === "bidi_streaming") return websocketAttempt(port, path, headers, request);
  const sse = kind === "server_streaming";
  const body = JSON.stringify(request);
  const all = { ...headers, "content-type": "application/json", ...(sse ? { accept: "text/event-stream" } : {}) };
  return collect((signal) => httpLines(port, path, all, body, sse, signal), (line) => line, sse ? poke : undefined, sse ? WINDOW_MS : 5000, enough);
}

class HttpFailure extends Error {
  constructor(readonly code: number, readonly detail: string) { super(detail); }
}

/** The reply as lines: the whole body for a plain call, each `data:` for SSE; HTTP and SSE errors throw. */
function httpLines(port: number, path: string, headers: Record<string, string>, body: string, sse: boolean, signal: AbortSignal,
  method = "POST"): AsyncGenerator<string> {
  return streamed<string>(signal, body, (sink) => http.request({ host: "127.0.0.1", port, path, method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      if (!sse || res.statusCode !== 200) return;
      let i;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (event.startsWith("event: end")) continue;
        if (event.startsWith("event: error")) {
          const env = JSON.parse(event.slice(event.indexOf("data: ") + 6));
          sink.fail(new HttpFailure(env.code, env.detail));
        } else if (event.startsWith("data: ")) sink.push(event.slice(6));
      }
    });
    res.on("end", () => {
      if (res.statusCode === 200 && !sse) sink.push(buffer);
      else if (res.statusCode === 204) sink.push("");
      else if (res.statusCode !== 200) {
        let env: { code?: number; detail?: string } = {};
        try { env = JSON.parse(buffer); } catch { /* not JSON */ }
        sink.fail(new HttpFailure(env.code ?? res.statusCode ?? 0, env.detail ?? buffer));
      }
      sink.end();
    });
    res.on("error", (err) => sink.fail(err));
  }));
}

export interface Sink<T> { push(value: T): void; end(): void; fail(err: unknown): void }

/** What a request's callbacks push, read as it arrives: ends when they end it, throws what they fail it with (after
 * what came before), and ends at once when `signal` aborts the request. */
export async function* streamed<T>(signal: AbortSignal, body: string | Buffer, open: (sink: Sink<T>) => http.ClientRequest): AsyncGenerator<T> {
  const queue = new AsyncQueue<T>();
  let failure: unknown;
  const sink: Sink<T> = { push: (v) => void queue.push(v), end: () => queue.close(), fail: (err) => { failure = err; queue.close(); } };
  const req = open(sink);
  req.on("error", (err) => (signal.aborted ? sink.end() : sink.fail(err)));
  signal.addEventListener("abort", () => { req.destroy(); sink.end(); }, { once: true });
  req.end(body);
  yield* queue;
  if (failure) throw failure;
}

/** Client streaming through the gateway: one JSON frame, then the empty frame that half-closes. */
function websocketAttempt(port: number, path: string, headers: Record<string, string>, request: JsonObject): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    const messages: string[] = [];
    const timer = setTimeout(() => { ws.terminate(); resolve({ kind: "open", output: messages.join("\n"), poked: false }); }, 5000);
    ws.on("error", () => undefined);
    ws.on("open", () => { ws.send(JSON.stringify(request)); ws.send(""); });
    ws.on("message", (d) => messages.push(d.toString()));
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        clearTimeout(timer);
        let env: { code?: number; detail?: string } = {};
        try { env = JSON.parse(text); } catch { /* not JSON */ }
        resolve(fromError({ code: env.code ?? res.statusCode, detail: env.detail ?? text }));
      });
    });
    ws.on("close", (code) => {
      clearTimeout(timer);
      const output = messages.join("\n");
      if (code === 1000) resolve({ kind: "ok", output, poked: false });
      else if (code >= 4000) resolve(fromError({ code: code - 4000, detail: messages.at(-1) ?? "" }, output));
      else resolve({ kind: "failed", code, detail: `closed with ${code}`, output });
    });
  });
}

/** The real binary, HOME logged in as the caller. Streams are poked once they run past the window. */
export function cliAttempt(home: string, proxyPort: number, args: string[], stream: boolean, poke?: () => Promise<void>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(MICRO_BIN, args, {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_PROXY_PORT: String(proxyPort) }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    let poked = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const pokeTimer = stream && poke ? setTimeout(() => { poked = true; void poke(); }, 2 * WINDOW_MS) : undefined;
    const killTimer = setTimeout(() => { killed = true; child.kill("SIGKILL"); }, stream ? 4 * WINDOW_MS + 1500 : 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(pokeTimer);
      clearTimeout(killTimer);
      const detail = stderr.trim();
      if (killed) return resolve({ kind: "open", output: stdout, poked });
      if (code === 0) return resolve({ kind: "ok", output: stdout, poked });
      if (code === 2) return resolve({ kind: "refused", code: 403, detail, output: stdout });
      if (code === 4 && !/Failed to connect/.test(detail)) return resolve({ kind: "absent", code: 404, detail, output: stdout });
      resolve({ kind: "failed", code: code ?? -1, detail, output: stdout });
    });
  });
}
