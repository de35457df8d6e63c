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
  GRPC_TIMEOUT, GrpcCode, MICRO_NAMESPACE, encodeFrame, percentEncodeGrpcMessage,
} from "../wire/index.js";
import { codecFor, decodeMessage, encodeMessage, type Codec } from "./codec.js";
import { methodPath, toServiceDef } from "./define.js";
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

/** Incoming messages of one call, queued as they arrive: the stream is paused while the handler lags behind. */
class Inbox implements AsyncIterable<Buffer> {
  private readonly queue: Buffer[] = [];
  private ended = false;
  private failure?: CallStatus;
  private wake?: () => void;

  constructor(private readonly stream: http2.ServerHttp2Stream, maxBytes: number) {
    const decoder = new FrameDecoder(maxBytes);
    stream.on("data", (chunk: Buffer) => {
      if (this.failure) return;
      let frames;
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        if (!(err instanceof FrameError)) throw err;
        const size = /message of (\d+) bytes/.exec(err.message)?.[1] ?? "?";
        return this.fail(new CallStatus(GrpcCode.RESOURCE_EXHAUSTED, `Received message larger than max (${size} vs. ${maxBytes})`));
      }
      for (const f of frames) {
        if (f.flags & COMPRESSED_FLAG) return this.fail(new CallStatus(GrpcCode.UNIMPLEMENTED, "compressed messages are not supported"));
        this.queue.push(f.data);
      }
      if (this.queue.length > 16) stream.pause();
      this.notify();
    });
    stream.once("end", () => { this.ended = true; this.notify(); });
    stream.once("close", () => { this.ended = true; this.notify(); });
  }

  fail(status: CallStatus): void {
    this.failure ??= status;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
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

  /** Every message until the client half-closes. */
  async all(): Promise<Buffer[]> {
    const out: Buffer[] = [];
    for await (const m of this) out.push(m);
    return out;
  }
}

/** One call's response side: headers once, messages, then the status in trailers (or alone: trailers-only). */
class Reply {
  finished = false;
  private readonly contentType: string;

  constructor(private readonly stream: http2.ServerHttp2Stream, codec: Codec) {
    this.contentType = codec === "json" ? GRPC_JSON_CONTENT_TYPE : GRPC_CONTENT_TYPE;
  }

  get open(): boolean {
    return !this.finished && !this.stream.destroyed && !this.stream.closed;
  }

  private headers(): void {
    if (!this.stream.headersSent) this.stream.respond({ ":status": 200, [CONTENT_TYPE]: this.contentType }, { waitForTrailers: true });
  }

  /** Sends one message; resolves once the stream can take more (or the call is gone). */
  async send(message: Uint8Array): Promise<void> {
    if (!this.open) return;
    this.headers();
    if (!this.stream.write(encodeFrame(message))) {
      await new Promise<void>((resolve) => {
        const done = () => { this.stream.off("drain", done); this.stream.off("close", done); resolve(); };
        this.stream.on("drain", done);
        this.stream.on("close", done);
      });
    }
  }

  /** Ends the call with a status (after an optional last message). */
  end(status: CallStatus | undefined, last?: Uint8Array): void {
    if (!this.open) return;
    this.finished = true;
    const trailers = { [GRPC_STATUS]: String(status?.code ?? GrpcCode.OK), [GRPC_MESSAGE]: percentEncodeGrpcMessage(status?.details ?? "") };
    if (!this.stream.headersSent && !last) {
      // trailers-only: one HEADERS frame with the status
      this.stream.respond({ ":status": 200, [CONTENT_TYPE]: this.contentType, ...trailers }, { endStream: true });
      return;
    }
    this.headers();
    this.stream.once("wantTrailers", () => this.stream.sendTrailers(trailers));
    if (last) this.stream.end(encodeFrame(last));
    else this.stream.end();
  }
}

interface Route {
  service: string;
  method: DescMethod;
  fn: (...args: any[]) => any;
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
    this.server.on("stream", (stream, headers) => this.serveStream(stream, headers));
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
      added.set(path, { service: name, method, fn: fn.bind(impl) });
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
   * (the proxy hands calls to `micro server`'s builtins over here rather than through a second connection). */
  serveStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on("error", () => undefined);
    const contentType = String(headers[CONTENT_TYPE] ?? "");
    if (headers[":method"] !== "POST" || !contentType.startsWith(GRPC_CONTENT_TYPE)) {
      stream.respond({ ":status": 415 }, { endStream: true });
      return;
    }
    const codec = codecFor(contentType);
    const reply = new Reply(stream, codec);
    const path = String(headers[":path"] ?? "");
    const route = this.route(path);
    if (!route) return reply.end(new CallStatus(GrpcCode.UNIMPLEMENTED, `The server does not implement the method ${path}`));
    const encoding = headers["grpc-encoding"];
    if (encoding !== undefined && encoding !== "identity") {
      return reply.end(new CallStatus(GrpcCode.UNIMPLEMENTED, `grpc-encoding ${String(encoding)} is not supported`));
    }
    const inbox = new Inbox(stream, this.maxReceive);
    const { ctx, cancel } = makeContext(route, headers);
    const timeout = timeoutMs(headers[GRPC_TIMEOUT]);
    let timer: NodeJS.Timeout | undefined;
    if (timeout !== undefined) {
      timer = setTimeout(() => {
        cancel(new MicroError(route.service, 408, "deadline exceeded"));
        reply.end(new CallStatus(GrpcCode.DEADLINE_EXCEEDED, "Deadline exceeded"));
      }, timeout);
    }
    stream.once("close", () => {
      clearTimeout(timer);
      if (!reply.finished) cancel(new MicroError(route.service, 408, "call cancelled"));
    });
    // A call that arrives expired is not run at all.
    const run = timeout !== undefined && timeout < 1
      ? Promise.reject(new MicroError(route.service, 408, "deadline exceeded before the call started"))
      : compose(this.middleware, ctx, () => this.body(route, ctx, codec, inbox, reply));
    run.then(() => reply.end(undefined), (err) => reply.end(statusOf(err, route.service))).finally(() => clearTimeout(timer));
  }

  /** Runs the handler of one call by its kind; a unary or client-streaming reply is the call's last message. */
  private async body(route: Route, ctx: HandlerContext, codec: Codec, inbox: Inbox, reply: Reply): Promise<void> {
    const { method, fn, service } = route;
    switch (method.methodKind) {
      case "unary": {
        const messages = await inbox.all();
        if (messages.length !== 1) {
          throw new CallStatus(messages.length ? GrpcCode.UNIMPLEMENTED : GrpcCode.INTERNAL,
            messages.length ? "Received a second request message for server streaming method" : "No message received");
        }
        const out = encodeMessage(codec, method.output, await fn(decodeMessage(codec, method.input, messages[0]!), ctx));
        reply.end(undefined, out);
        return;
      }
      case "client_streaming": {
        const out = encodeMessage(codec, method.output, await fn(decodeAll(codec, method.input, inbox), ctx));
        reply.end(undefined, out);
        return;
      }
      case "server_streaming": {
        // registered as bidi: after the request, the client may send acks, read through ctx.incoming
        const incoming = inbox[Symbol.asyncIterator]();
        const first = await incoming.next();
        if (first.done) throw new MicroError(service, 400, "missing request message");
        (ctx as { incoming?: AsyncIterable<Uint8Array> }).incoming = { [Symbol.asyncIterator]: () => incoming };
        return writeAll(reply, codec, method.output, fn(decodeMessage(codec, method.input, first.value), ctx));
      }
      case "bidi_streaming":
        return writeAll(reply, codec, method.output, fn(decodeAll(codec, method.input, inbox), ctx));
    }
  }
}

/** The handler's context, and `cancel` for a call that ends before its handler does (the client went away, the
 * deadline passed). The signal, and its reason, are made only when a handler asks for one or the call is cancelled. */
function makeContext(route: Route, headers: http2.IncomingHttpHeaders): { ctx: HandlerContext; cancel: (reason: MicroError) => void } {
  const metadata = metadataOf(headers);
  let controller: AbortController | undefined;
  let cancelled: MicroError | undefined;
  const timeout = timeoutMs(headers[GRPC_TIMEOUT]);
  const ctx: HandlerContext = {
    service: route.service,
    endpoint: `${route.method.parent.name}.${route.method.name}`,
    path: methodPath(route.method),
    metadata,
    namespace: metadata[MICRO_NAMESPACE] || "micro",
    deadline: timeout !== undefined ? new Date(Date.now() + timeout) : undefined,
    get signal(): AbortSignal {
      if (!controller) {
        controller = new AbortController();
        if (cancelled) controller.abort(cancelled);
      }
      return controller.signal;
    },
  };
  const cancel = (reason: MicroError) => {
    if (cancelled) return;
    cancelled = reason;
    controller?.abort(reason);
  };
  return { ctx, cancel };
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

async function compose(middleware: Middleware[], ctx: HandlerContext, last: () => Promise<void>): Promise<void> {
  const step = (i: number): Promise<void> => (i < middleware.length ? middleware[i]!(ctx, () => step(i + 1)) : last());
  return step(0);
}

async function* decodeAll(codec: Codec, schema: DescMessage, source: AsyncIterable<Buffer>) {
  for await (const chunk of source) yield decodeMessage(codec, schema, chunk);
}

async function writeAll(reply: Reply, codec: Codec, schema: DescMessage, out: AsyncIterable<unknown>) {
  for await (const init of out) {
    if (!reply.open) return;
    await reply.send(encodeMessage(codec, schema, init));
  }
}
