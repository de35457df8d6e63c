// Hosts services described by protobuf-es descriptors on a grpc-js server. Messages travel as raw bytes
// through grpc-js and are decoded here, so a malformed message becomes a clear INVALID_ARGUMENT instead of
// a crash, server-streaming methods can read follow-up messages (Micro's events ack over the stream), and
// each call is decoded and answered in the codec its content-type names (protobuf, or JSON: codec.ts).
import * as grpc from "@grpc/grpc-js";
import type { DescMessage, DescMethod, DescService } from "@bufbuild/protobuf";
import { MicroError, grpcCodeFor } from "./errors.js";
import { CONTENT_TYPE, GRPC_JSON_CONTENT_TYPE, MICRO_NAMESPACE } from "../wire/metadata.js";
import { codecFor, decodeMessage, encodeMessage, type Codec } from "./codec.js";
import { methodPath, toServiceDef } from "./define.js";
import type { HandlerContext, Metadata, ServiceDef, ServiceImpl } from "./types.js";

export type Middleware = (ctx: HandlerContext, next: () => Promise<void>) => Promise<void>;

export interface RpcServerOptions {
  middleware?: Middleware[];
  /** Largest message accepted, in bytes (grpc-js default 4 MiB). */
  maxReceiveMessageLength?: number;
}

export interface HandleOptions {
  /** Registry name the service is served under; defaults to the proto package. */
  name?: string;
}

type AnyServerCall = grpc.ServerUnaryCall<Buffer, Buffer> | grpc.ServerReadableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;
type AnyImpl = Record<string, (...args: any[]) => any>;
const identity = (b: Buffer) => b;

/** Where the request's content-type reaches the handler: grpc-js drops content-type from the call's metadata. */
const REQUEST_CONTENT_TYPE = "micro-request-content-type";

/**
 * grpc-js's content-type check is the one place that sees a request's headers before it builds the call's
 * metadata (without content-type): copy the content-type under our own name there. It is always overwritten,
 * so a client cannot name a codec other than its content-type's. Fails loudly if grpc-js renames the hook.
 */
function exposeContentType(server: grpc.Server): void {
  type Hook = (this: grpc.Server, stream: unknown, headers: Record<string, unknown>) => boolean;
  const target = server as unknown as { _verifyContentType?: Hook };
  const verify = target._verifyContentType;
  if (typeof verify !== "function") throw new Error("@grpc/grpc-js has no _verifyContentType: RpcServer cannot see request content-types");
  target._verifyContentType = function (stream, headers) {
    headers[REQUEST_CONTENT_TYPE] = headers[CONTENT_TYPE];
    return verify.call(this, stream, headers);
  };
}

/** Reads (and removes) the codec of a call; JSON calls get `application/grpc+json` back on their response headers. */
function takeCodec(call: AnyServerCall): Codec {
  const codec = codecFor(call.metadata.get(REQUEST_CONTENT_TYPE)[0] as string | undefined);
  call.metadata.remove(REQUEST_CONTENT_TYPE);
  if (codec === "json") {
    const md = new grpc.Metadata();
    md.set(CONTENT_TYPE, GRPC_JSON_CONTENT_TYPE);
    call.sendMetadata(md);
  }
  return codec;
}

export class RpcServer {
  readonly grpc: grpc.Server;
  private readonly middleware: Middleware[];
  private port = 0;

  constructor(options: RpcServerOptions = {}) {
    this.grpc = new grpc.Server({
      "grpc.max_receive_message_length": options.maxReceiveMessageLength ?? 4 * 1024 * 1024,
    });
    exposeContentType(this.grpc);
    this.middleware = options.middleware ?? [];
  }

  use(mw: Middleware): void {
    this.middleware.push(mw);
  }

  add<S extends DescService>(service: ServiceDef<S> | S, impl: ServiceImpl<S>, options: HandleOptions = {}): void {
    const def = toServiceDef(service);
    const name = options.name ?? (def.desc.file.proto.package || def.desc.typeName);
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const method of def.desc.methods) {
      const fn = (impl as unknown as AnyImpl)[method.localName];
      if (typeof fn !== "function") throw new Error(`${def.desc.typeName}: no implementation for ${method.name}`);
      const bound = fn.bind(impl);
      // Server streaming is registered as bidi so that clients may send acks after the request.
      const clientStreams = method.methodKind !== "unary";
      const serverStreams = method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming";
      definition[method.name] = {
        path: methodPath(method),
        requestStream: clientStreams,
        responseStream: serverStreams,
        requestSerialize: identity, requestDeserialize: identity,
        responseSerialize: identity, responseDeserialize: identity,
        originalName: method.localName,
      };
      handlers[method.name] = this.dispatcher(name, method, bound);
    }
    this.grpc.addService(definition as grpc.ServiceDefinition, handlers);
  }

  async listen(host = "127.0.0.1", port = 0): Promise<number> {
    this.port = await new Promise<number>((resolve, reject) =>
      this.grpc.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return this.port;
  }

  /** Stops accepting calls and waits up to `graceMs` for running ones, then cancels them. */
  async close(graceMs = 5000): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.grpc.forceShutdown(); resolve(); }, graceMs);
      this.grpc.tryShutdown(() => { clearTimeout(timer); resolve(); });
    });
  }

  private dispatcher(service: string, method: DescMethod, fn: (...args: any[]) => any): grpc.UntypedHandleCall {
    const run = (call: AnyServerCall, body: (ctx: HandlerContext, codec: Codec) => Promise<void>) => {
      const codec = takeCodec(call);
      const { ctx, finish } = makeContext(service, method, call);
      // A call that arrives expired is not run at all: grpc-js answers DEADLINE_EXCEEDED only on its next tick.
      if (ctx.deadline && ctx.deadline.getTime() <= Date.now()) {
        finish();
        return Promise.reject(new MicroError(service, 408, "deadline exceeded before the call started"));
      }
      return compose(this.middleware, ctx, () => body(ctx, codec)).finally(finish);
    };
    switch (method.methodKind) {
      case "unary":
        return (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          let reply: Buffer | undefined;
          run(call, async (ctx, codec) => {
            const req = decodeMessage(codec, method.input, call.request);
            reply = encodeMessage(codec, method.output, await fn(req, ctx));
          }).then(() => callback(null, reply), (err) => callback(toServiceError(err, service)));
        };
      case "client_streaming":
        return (call: grpc.ServerReadableStream<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          let reply: Buffer | undefined;
          run(call, async (ctx, codec) => {
            reply = encodeMessage(codec, method.output, await fn(decodeAll(codec, method.input, readAll(call)), ctx));
          }).then(() => callback(null, reply), (err) => callback(toServiceError(err, service)));
        };
      case "server_streaming":
        return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
          const incoming = readAll(call)[Symbol.asyncIterator]();
          run(call, async (ctx, codec) => {
            const first = await incoming.next();
            if (first.done) throw new MicroError(service, 400, "missing request message");
            (ctx as { incoming?: AsyncIterable<Uint8Array> }).incoming = { [Symbol.asyncIterator]: () => incoming };
            await writeAll(call, codec, method.output, fn(decodeMessage(codec, method.input, first.value), ctx));
          }).then(() => call.end(), (err) => call.emit("error", toServiceError(err, service)));
        };
      case "bidi_streaming":
        return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
          run(call, async (ctx, codec) => {
            await writeAll(call, codec, method.output, fn(decodeAll(codec, method.input, readAll(call)), ctx));
          }).then(() => call.end(), (err) => call.emit("error", toServiceError(err, service)));
        };
    }
  }
}

/** The handler's context, and `finish` for when the call is over. grpc-js emits "cancelled" when any call's stream
 * closes, answered or not: after `finish` that means nothing. The signal (and its reason, an error with a stack)
 * is made only for a handler that asks for it or a call really cancelled — per call, both were a measurable cost. */
function makeContext(service: string, method: DescMethod, call: AnyServerCall): { ctx: HandlerContext; finish: () => void } {
  const metadata = flattenMetadata(call.metadata);
  let controller: AbortController | undefined;
  let finished = false;
  let cancelled = false;
  const reason = () => new MicroError(service, 408, "call cancelled");
  (call as grpc.ServerUnaryCall<Buffer, Buffer>).once("cancelled", () => {
    if (finished) return;
    cancelled = true;
    controller?.abort(reason());
  });
  const deadline = call.getDeadline();
  const deadlineDate = deadline instanceof Date ? deadline : Number.isFinite(deadline) ? new Date(deadline as number) : undefined;
  const ctx: HandlerContext = {
    service,
    endpoint: `${method.parent.name}.${method.name}`,
    path: methodPath(method),
    metadata,
    namespace: metadata[MICRO_NAMESPACE] || "micro",
    deadline: deadlineDate,
    get signal(): AbortSignal {
      if (!controller) {
        controller = new AbortController();
        if (cancelled) controller.abort(reason());
      }
      return controller.signal;
    },
  };
  return { ctx, finish: () => { finished = true; } };
}

export function flattenMetadata(md: grpc.Metadata): Metadata {
  const out: Metadata = {};
  for (const [key, value] of Object.entries(md.getMap())) {
    if (typeof value === "string") out[key.toLowerCase()] = value;
  }
  return out;
}

async function compose(middleware: Middleware[], ctx: HandlerContext, last: () => Promise<void>): Promise<void> {
  const step = (i: number): Promise<void> => (i < middleware.length ? middleware[i](ctx, () => step(i + 1)) : last());
  return step(0);
}

/**
 * Incoming messages of a call. Plain `for await` on a grpc-js call would destroy the duplex when the
 * client half-closes, and the status would never be sent: iterate without destroying.
 */
function readAll(call: grpc.ServerReadableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>): AsyncIterable<Buffer> {
  return call.iterator({ destroyOnReturn: false });
}

async function* decodeAll(codec: Codec, schema: DescMessage, source: AsyncIterable<Buffer>) {
  for await (const chunk of source) yield decodeMessage(codec, schema, chunk);
}

async function writeAll(call: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>, codec: Codec, schema: DescMessage, out: AsyncIterable<unknown>) {
  for await (const init of out) {
    if (call.cancelled) return;
    if (!call.write(encodeMessage(codec, schema, init))) await new Promise((r) => call.once("drain", r));
  }
}

/** A handler's failure, in the shape grpc-js sends: status code plus the JSON envelope as grpc-message. */
export function toServiceError(err: unknown, service: string): grpc.ServerErrorResponse {
  const e = MicroError.from(err, service);
  const details = JSON.stringify(e.toJSON());
  return Object.assign(new Error(details), { code: grpcCodeFor(e.code), details });
}
