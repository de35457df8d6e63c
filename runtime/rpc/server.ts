// Hosts services described by protobuf-es descriptors as a gRPC server on node:http2, with the wire layer's framing
// (runtime/wire) — the framing the gateway, the proxy and the CLI already speak. It replaced a grpc-js server:
// profiled under load, grpc-js's per-call machinery (interceptor chain, metadata objects, a "cancelled" event for
// every call) cost a framework service more than its handlers (docs/performance.md). Messages are decoded here, so
// a malformed message becomes a clear INVALID_ARGUMENT instead of a crash, server-streaming methods can read
// follow-up messages (Micro's events ack over the stream), and each call is decoded and answered in the codec its
// content-type names (protobuf, or JSON: codec.ts).
import * as http2 from "node:http2";
import type { DescMessage, DescMethod, DescService } from "@bufbuild/protobuf";
import { MicroError, grpcCodeFor } from "./errors.js";
import {
  CONTENT_TYPE, COMPRESSED_FLAG, FrameDecoder, FrameError, GRPC_CONTENT_TYPE, GRPC_JSON_CONTENT_TYPE, GRPC_MESSAGE, GRPC_STATUS,
  GRPC_TIMEOUT, GrpcCode, MICRO_NAMESPACE, percentEncodeGrpcMessage,
} from "../wire/index.js";
import { codecFor, decodeMessage, encodeFramed, type Codec } from "./codec.js";
import { methodPath, toServiceDef } from "./define.js";
import { CALLS_PER_TURN, TurnQueue } from "./turns.js";
import type { HandlerContext, Metadata, ServiceDef, ServiceImpl } from "./types.js";

export type Middleware = (ctx: HandlerContext, next: () => Promise<void>) => Promise<void>;

export interface RpcServerOptions {
  middleware?: Middleware[];
  /** Largest message accepted, in bytes (default 4 MiB, gRPC's). */
  maxReceiveMessageLength?: number;
}

export interface HandleOptions {
  /** Registry name the service is served under; defaults to the proto package. */
  name?: string;
}

type AnyImpl = Record<string, (...args: any[]) => any>;

/** Request headers that are the protocol's, not the call's metadata (as grpc-js left them out). */
const NOT_METADATA = new Set(["content-type", "te", GRPC_TIMEOUT, "grpc-encoding", "grpc-accept-encoding", "accept-encoding"]);

/** A status a call ends with: a gRPC code and its message (a Micro error envelope, or plain text). */
class CallStatus extends Error {
  constructor(readonly code: number, readonly details: string) {
    super(details);
  }
}

/** A handler's failure as the status it travels as: the JSON envelope as grpc-message. */
export function statusOf(err: unknown, service: string): CallStatus {
  if (err instanceof CallStatus) return err;
  const e = MicroError.from(err, service);
  return new CallStatus(grpcCodeFor(e.code), JSON.stringify(e.toJSON()));
}

/** grpc-timeout ("100m", "5S", ...) in milliseconds; undefined when absent or malformed. */
function timeoutMs(value: string | string[] | undefined): number | undefined {
  const m = typeof value === "string" ? /^(\d{1,8})([HMSmun])$/.exec(value) : null;
  if (!m) return undefined;
  const scale = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 }[m[2] as "H" | "M" | "S" | "m" | "u" | "n"];
  return Number(m[1]) * scale;
}

const noop = (): undefined => undefined;

/** Response headers by codec (node's respond copies them, so one object serves every call). */
const RESPONSE_HEADERS = {
  proto: Object.freeze({ ":status": 200, [CONTENT_TYPE]: GRPC_CONTENT_TYPE }),
  json: Object.freeze({ ":status": 200, [CONTENT_TYPE]: GRPC_JSON_CONTENT_TYPE }),
};
// no date header: gRPC does not use one (Go's gRPC servers send none), and it is one less header to encode per call
// endStream given: node sets it on its copy of the options otherwise, ~0.5 µs per call (as H2_REQUEST_OPTIONS)
const RESPOND_OPTIONS = Object.freeze({ endStream: false, waitForTrailers: true, sendDate: false });
const TRAILERS_ONLY_OPTIONS = Object.freeze({ endStream: true, sendDate: false });
const OK_TRAILERS: Readonly<Record<string, string>> = Object.freeze({ [GRPC_STATUS]: String(GrpcCode.OK), [GRPC_MESSAGE]: "" });

/** The call a stream carries, for the stream's listeners below: functions shared by every call, not closures made
 * for each (profiled under load, a third of a framework service's CPU per call was garbage collection). */
const CALL = Symbol("micro.call");
type CallStream = http2.ServerHttp2Stream & { [CALL]?: Call };
function onData(this: CallStream, chunk: Buffer): void { this[CALL]!.received(chunk); }
function onEnd(this: CallStream): void { this[CALL]!.halfClosed(); }
function onClose(this: CallStream): void { this[CALL]!.closed(); }
function onWantTrailers(this: CallStream): void { this.sendTrailers(this[CALL]!.trailers); }

/** One call: its incoming messages, queued as they arrive (the stream is paused while the handler lags behind,
 * unless the handler takes them all at once: `all`); its response side (headers once, messages, then the status in
 * trailers, or alone: trailers-only); and its handler context's cancellation (the client went away, the deadline
 * passed), whose signal is made only when a handler asks for one or the call is cancelled. */
class Call implements AsyncIterable<Buffer> {
  private queue: Buffer[] = [];
  private ended = false;
  private failure?: CallStatus;
  private wake?: () => void;
  private decoder?: FrameDecoder;
  /** `all` is waiting: every message is kept, the stream never paused. */
  private collecting = false;
  /** The reply's status is sent (or the call is over). */
  finished = false;
  /** The trailers `end` sends once node asks for them. */
  trailers: Readonly<Record<string, string>> = OK_TRAILERS;
  timer?: NodeJS.Timeout;
  private controller?: AbortController;
  private cancelled?: MicroError;
  ctx!: HandlerContext;
  route!: Route;

  constructor(private readonly stream: CallStream, readonly codec: Codec, private readonly maxBytes: number) {}

  /** Starts taking the call's messages (once routed). */
  listen(route: Route, metadata: Metadata, timeout: number | undefined): void {
    this.route = route;
    const call = this;
    this.ctx = {
      service: route.service,
      endpoint: route.endpoint,
      path: route.path,
      metadata,
      namespace: metadata[MICRO_NAMESPACE] || "micro",
      deadline: timeout !== undefined ? new Date(Date.now() + timeout) : undefined,
      get signal(): AbortSignal {
        return call.signal();
      },
    };
    const stream = this.stream;
    stream[CALL] = this;
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("close", onClose);
  }

  // --- incoming messages

  received(chunk: Buffer): void {
    if (this.failure) return;
    // the common case, one whole message in one chunk, without the decoder
    if (this.decoder === undefined && chunk.length >= 5 && chunk.readUInt32BE(1) + 5 === chunk.length && chunk.length - 5 <= this.maxBytes) {
      if (chunk[0]! & COMPRESSED_FLAG) return this.fail(new CallStatus(GrpcCode.UNIMPLEMENTED, "compressed messages are not supported"));
      this.queue.push(chunk.subarray(5));
    } else {
      let frames;
      try {
        frames = (this.decoder ??= new FrameDecoder(this.maxBytes)).push(chunk);
      } catch (err) {
        if (!(err instanceof FrameError)) throw err;
        const size = /message of (\d+) bytes/.exec(err.message)?.[1] ?? "?";
        return this.fail(new CallStatus(GrpcCode.RESOURCE_EXHAUSTED, `Received message larger than max (${size} vs. ${this.maxBytes})`));
      }
      for (const f of frames) {
        if (f.flags & COMPRESSED_FLAG) return this.fail(new CallStatus(GrpcCode.UNIMPLEMENTED, "compressed messages are not supported"));
        this.queue.push(f.data);
      }
      if (this.decoder.pending === 0) this.decoder = undefined;
    }
    if (this.queue.length > 16 && !this.collecting) this.stream.pause();
    this.notify();
  }

  /** The client half-closed. */
  halfClosed(): void {
    this.ended = true;
    this.notify();
  }

  /** The stream is gone: no more messages; a call not answered yet is cancelled. */
  closed(): void {
    this.ended = true;
    this.notify();
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!this.finished) this.cancel(new MicroError(this.route.service, 408, "call cancelled"));
  }

  fail(status: CallStatus): void {
    this.failure ??= status;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    if (wake === undefined) return;
    this.wake = undefined;
    wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const next = this.queue.shift();
      if (next) {
        if (this.queue.length <= 4 && this.stream.isPaused()) this.stream.resume();
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** Every message until the client half-closes (or the call's failure). */
  all(): Promise<Buffer[]> {
    this.collecting = true;
    if (this.stream.isPaused()) this.stream.resume();
    return new Promise<Buffer[]>((resolve, reject) => {
      const settle = () => {
        if (this.failure) reject(this.failure);
        else if (this.ended) {
          // nothing arrives after the end: the queue itself is the answer
          const all = this.queue;
          this.queue = [];
          resolve(all);
        } else this.wake = settle;
      };
      settle();
    });
  }

  // --- the handler's context

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.cancelled) this.controller.abort(this.cancelled);
    }
    return this.controller.signal;
  }

  cancel(reason: MicroError): void {
    if (this.cancelled) return;
    this.cancelled = reason;
    this.controller?.abort(reason);
  }

  // --- the reply

  get open(): boolean {
    return !this.finished && !this.stream.destroyed && !this.stream.closed;
  }

  private headers(): void {
    if (!this.stream.headersSent) this.stream.respond(RESPONSE_HEADERS[this.codec], RESPOND_OPTIONS);
  }

  /** Sends one message (framed: encodeFramed); resolves once the stream can take more (or the call is gone). */
  async send(frame: Buffer): Promise<void> {
    if (!this.open) return;
    this.headers();
    if (!this.stream.write(frame)) {
      await new Promise<void>((resolve) => {
        const done = () => { this.stream.off("drain", done); this.stream.off("close", done); resolve(); };
        this.stream.on("drain", done);
        this.stream.on("close", done);
      });
    }
  }

  /** Ends the call with a status (after an optional last message, framed). */
  end(status: CallStatus | undefined, last?: Buffer): void {
    if (!this.open) return;
    this.finished = true;
    const trailers = status === undefined ? OK_TRAILERS
      : { [GRPC_STATUS]: String(status.code), [GRPC_MESSAGE]: percentEncodeGrpcMessage(status.details) };
    if (!this.stream.headersSent && !last) {
      // trailers-only: one HEADERS frame with the status
      const headers = RESPONSE_HEADERS[this.codec];
      this.stream.respond({
        ":status": 200, [CONTENT_TYPE]: headers[CONTENT_TYPE], [GRPC_STATUS]: trailers[GRPC_STATUS]!, [GRPC_MESSAGE]: trailers[GRPC_MESSAGE]!,
      }, TRAILERS_ONLY_OPTIONS);
      return;
    }
    this.headers();
    this.trailers = trailers;
    this.stream[CALL] = this;
    this.stream.on("wantTrailers", onWantTrailers); // emitted once
    if (last) this.stream.end(last);
    else this.stream.end();
  }

  /** The end of the middleware and handler: the status (OK, or the failure's). */
  readonly settled = (): void => {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.end(undefined);
  };

  readonly failed = (err: unknown): void => {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.end(statusOf(err, this.route.service));
  };
}

interface Route {
  service: string;
  method: DescMethod;
  fn: (...args: any[]) => any;
  /** `ProtoService.Method` and the gRPC path, as every call's context names them. */
  endpoint: string;
  path: string;
}

/** A call as node:http2 hands it over, kept while it waits for its turn. */
interface IncomingStream {
  stream: http2.ServerHttp2Stream;
  headers: http2.IncomingHttpHeaders;
  flags: number;
  rawHeaders: string[] | undefined;
}

export class RpcServer {
  private readonly server: http2.Http2Server;
  private readonly middleware: Middleware[];
  private readonly routes = new Map<string, Route>();
  /** Routes by handler and method alone ("Debug/Health"), for Micro 3.0's clients: they name a method's package
   * after the service they call (`/store.Debug/Health`), and Micro 3.0's servers route by the last dotted part of
   * the path's service. Only names one handler owns; an ambiguous one stays unrouted. */
  private readonly byHandler = new Map<string, Route | null>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly maxReceive: number;
  /** Calls start CALLS_PER_TURN per event-loop turn, so the first answers leave while later calls wait (turns.ts). */
  private readonly turns = new TurnQueue<IncomingStream>(CALLS_PER_TURN, (s) => {
    if (s.stream.destroyed || s.stream.closed) return; // reset by the client while it waited
    try {
      this.serveStream(s.stream, s.headers, s.flags, s.rawHeaders);
    } catch {
      s.stream.destroy(); // a stream node refuses to answer on: end it rather than the turn
    }
  });

  constructor(options: RpcServerOptions = {}) {
    this.middleware = options.middleware ?? [];
    this.maxReceive = options.maxReceiveMessageLength ?? 4 * 1024 * 1024;
    // node's default of 10 MB per session refuses streams of a busy connection (a gateway's one session carries
    // every call to this instance): as grpc-js did, no session memory cap beyond flow control
    this.server = http2.createServer({ maxSessionMemory: Number.MAX_SAFE_INTEGER });
    this.server.on("session", (s: http2.ServerHttp2Session) => {
      this.sessions.add(s);
      s.on("error", () => undefined);
      s.once("close", () => this.sessions.delete(s));
    });
    this.server.on("stream", (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, flags: number, rawHeaders?: string[]) =>
      this.turns.push({ stream, headers, flags, rawHeaders }));
  }

  use(mw: Middleware): void {
    this.middleware.push(mw);
  }

  add<S extends DescService>(service: ServiceDef<S> | S, impl: ServiceImpl<S>, options: HandleOptions = {}): void {
    const def = toServiceDef(service);
    const name = options.name ?? (def.desc.file.proto.package || def.desc.typeName);
    const added = new Map<string, Route>();
    for (const method of def.desc.methods) {
      const fn = (impl as unknown as AnyImpl)[method.localName];
      if (typeof fn !== "function") throw new Error(`${def.desc.typeName}: no implementation for ${method.name}`);
      const path = methodPath(method);
      if (this.routes.has(path)) throw new Error(`Method handler for ${path} already provided.`);
      added.set(path, { service: name, method, fn: fn.bind(impl), endpoint: `${method.parent.name}.${method.name}`, path });
    }
    for (const [path, route] of added) {
      this.routes.set(path, route);
      const key = `${route.method.parent.name}/${route.method.name}`;
      this.byHandler.set(key, this.byHandler.has(key) ? null : route);
    }
  }

  private route(path: string): Route | undefined {
    const exact = this.routes.get(path);
    if (exact) return exact;
    // "/<a.b.>Handler/Method" → "Handler/Method"
    const m = /^\/(?:[^/]*\.)?([^./]+)\/([^/]+)$/.exec(path);
    return m ? this.byHandler.get(`${m[1]}/${m[2]}`) ?? undefined : undefined;
  }

  async listen(host = "127.0.0.1", port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => { this.server.off("error", reject); resolve(); });
    });
    return (this.server.address() as { port: number }).port;
  }

  /** Stops accepting calls and waits up to `graceMs` for running ones, then cancels them. */
  async close(graceMs = 5000): Promise<void> {
    if (!this.server.listening && this.sessions.size === 0) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sessions) s.close(); // GOAWAY: running calls finish, no new ones
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); })]);
    clearTimeout(timer);
    for (const s of this.sessions) s.destroy();
    await closed;
  }

  /** Serves one call: those on this server's port, and those that arrived on another HTTP/2 server of this process
   * (the proxy hands calls to `micro server`'s builtins over here rather than through a second connection).
   * `rawHeaders`, node's flat list of the request's headers when it has one, spares a walk over `headers`. */
  serveStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, _flags?: number, rawHeaders?: string[]): void {
    stream.on("error", noop);
    const contentType = headers[CONTENT_TYPE];
    if (headers[":method"] !== "POST" || typeof contentType !== "string" || !contentType.startsWith(GRPC_CONTENT_TYPE)) {
      stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const codec = contentType === GRPC_CONTENT_TYPE ? "proto" : codecFor(contentType);
    const call = new Call(stream, codec, this.maxReceive);
    const path = String(headers[":path"] ?? "");
    const route = this.route(path);
    if (!route) return call.end(new CallStatus(GrpcCode.UNIMPLEMENTED, `The server does not implement the method ${path}`));
    const encoding = headers["grpc-encoding"];
    if (encoding !== undefined && encoding !== "identity") {
      return call.end(new CallStatus(GrpcCode.UNIMPLEMENTED, `grpc-encoding ${String(encoding)} is not supported`));
    }
    const timeoutHeader = headers[GRPC_TIMEOUT];
    const timeout = timeoutHeader === undefined ? undefined : timeoutMs(timeoutHeader);
    call.listen(route, (rawHeaders && metadataOfRaw(rawHeaders)) || metadataOf(headers), timeout);
    if (timeout !== undefined) {
      call.timer = setTimeout(() => {
        call.cancel(new MicroError(route.service, 408, "deadline exceeded"));
        call.end(new CallStatus(GrpcCode.DEADLINE_EXCEEDED, "Deadline exceeded"));
      }, timeout);
    }
    // A call that arrives expired is not run at all.
    const run = timeout !== undefined && timeout < 1
      ? Promise.reject(new MicroError(route.service, 408, "deadline exceeded before the call started"))
      : dispatch(this.middleware, 0, call.ctx, () => this.body(call));
    run.then(call.settled, call.failed);
  }

  /** Runs the handler of one call by its kind; a unary or client-streaming reply is the call's last message. */
  private async body(call: Call): Promise<void> {
    const { ctx, codec, route: { method, fn, service } } = call;
    switch (method.methodKind) {
      case "unary": {
        const messages = await call.all();
        if (messages.length !== 1) {
          throw new CallStatus(messages.length ? GrpcCode.UNIMPLEMENTED : GrpcCode.INTERNAL,
            messages.length ? "Received a second request message for server streaming method" : "No message received");
        }
        let result = fn(decodeMessage(codec, method.input, messages[0]!), ctx);
        if (typeof result?.then === "function") result = await result;
        call.end(undefined, encodeFramed(codec, method.output, result));
        return;
      }
      case "client_streaming": {
        const out = encodeFramed(codec, method.output, await fn(decodeAll(codec, method.input, call), ctx));
        call.end(undefined, out);
        return;
      }
      case "server_streaming": {
        // registered as bidi: after the request, the client may send acks, read through ctx.incoming
        const incoming = call[Symbol.asyncIterator]();
        const first = await incoming.next();
        if (first.done) throw new MicroError(service, 400, "missing request message");
        (ctx as { incoming?: AsyncIterable<Uint8Array> }).incoming = { [Symbol.asyncIterator]: () => incoming };
        return writeAll(call, codec, method.output, fn(decodeMessage(codec, method.input, first.value), ctx));
      }
      case "bidi_streaming":
        return writeAll(call, codec, method.output, fn(decodeAll(codec, method.input, call), ctx));
    }
  }
}

/** metadataOf from node's flat [name, value, ...] list, without a walk over the headers object; undefined when a
 * name repeats (node then merges the values by rules of its own: metadataOf reads the result). */
function metadataOfRaw(raw: string[]): Metadata | undefined {
  const out: Metadata = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.charCodeAt(0) === 58 /* ':' */ || NOT_METADATA.has(key) || key.endsWith("-bin")) continue;
    if (out[key] !== undefined) return undefined;
    out[key] = raw[i + 1]!;
  }
  return out;
}

/** A call's metadata: its headers but the pseudo-headers, the protocol's own and binary (-bin) ones. */
function metadataOf(headers: http2.IncomingHttpHeaders): Metadata {
  const out: Metadata = {};
  for (const key in headers) {
    if (key.charCodeAt(0) === 58 /* ':' */ || NOT_METADATA.has(key) || key.endsWith("-bin")) continue;
    const value = headers[key];
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.join(", ");
  }
  return out;
}

/** Runs middleware `i` (then the rest, then `last`) for one call; a middleware that throws rather than rejects
 * fails the call the same way. */
function dispatch(middleware: Middleware[], i: number, ctx: HandlerContext, last: () => Promise<void>): Promise<void> {
  try {
    return i < middleware.length ? middleware[i]!(ctx, () => dispatch(middleware, i + 1, ctx, last)) : last();
  } catch (err) {
    return Promise.reject(err);
  }
}

async function* decodeAll(codec: Codec, schema: DescMessage, source: AsyncIterable<Buffer>) {
  for await (const chunk of source) yield decodeMessage(codec, schema, chunk);
}

async function writeAll(call: Call, codec: Codec, schema: DescMessage, out: AsyncIterable<unknown>) {
  for await (const init of out) {
    if (!call.open) return;
    await call.send(encodeFramed(codec, schema, init));
  }
}
