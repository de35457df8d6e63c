// A Transport over @grpc/grpc-js: one channel per address, metadata (token, namespace, micro-service) added
// per call, grpc-js failures turned into MicroErrors carrying the server's envelope. grpc-js itself (~60 modules,
// ~13 MB of a process's memory, ~30 ms) loads on the first call, not with this module: `micro server` imports this
// through rpc/index.ts and serves without ever calling out over it.
import type * as Grpc from "@grpc/grpc-js";
import type { DescMethod } from "@bufbuild/protobuf";
import { fromGrpcError } from "./errors.js";
import { methodPath } from "./define.js";
import type { CallOptions, Metadata, Transport } from "./types.js";

export interface GrpcTransportOptions {
  /** host:port of the server, the proxy or the network. */
  address: string;
  /** TLS; defaults to true when the port is 443. */
  tls?: boolean;
  /** Metadata added to every call (may refresh a token first). */
  metadata?: () => Metadata | Promise<Metadata>;
  /** Default deadline in milliseconds when a call sets none. */
  timeoutMs?: number;
  maxMessageLength?: number;
}

const identity = (b: Buffer) => b;
const channels = new Map<string, Grpc.Client>();

let grpcModule: typeof Grpc | undefined;
let grpcLoading: Promise<typeof Grpc> | undefined;
/** grpc-js, imported once, by the first call that needs it. */
function loadGrpc(): Promise<typeof Grpc> {
  return grpcLoading ??= import("@grpc/grpc-js").then((m) => (grpcModule = m));
}

/** One grpc-js client per (address, tls): channels are expensive, calls are cheap. */
function channelFor(grpc: typeof Grpc, address: string, tls: boolean, maxMessageLength = 16 * 1024 * 1024): Grpc.Client {
  const key = `${tls ? "tls" : "h2c"}://${address}`;
  let client = channels.get(key);
  if (!client) {
    const creds = tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
    client = new grpc.Client(address, creds, {
      "grpc.max_receive_message_length": maxMessageLength,
      "grpc.max_send_message_length": maxMessageLength,
    });
    channels.set(key, client);
  }
  return client;
}

export function closeChannels(): void {
  for (const c of channels.values()) c.close();
  channels.clear();
}

function toGrpcMetadata(grpc: typeof Grpc, md: Metadata): Grpc.Metadata {
  const out = new grpc.Metadata();
  for (const [k, v] of Object.entries(md)) if (v !== undefined && v !== "") out.set(k.toLowerCase(), v);
  return out;
}

export function createGrpcTransport(options: GrpcTransportOptions): Transport {
  const tls = options.tls ?? options.address.endsWith(":443");
  const client = (grpc: typeof Grpc) => channelFor(grpc, options.address, tls, options.maxMessageLength);
  const callOptions = (o: CallOptions): Grpc.CallOptions => {
    const ms = o.timeoutMs ?? options.timeoutMs;
    return ms ? { deadline: Date.now() + ms } : {};
  };
  const metadataFor = async (grpc: typeof Grpc, o: CallOptions) => toGrpcMetadata(grpc, { ...(await options.metadata?.()), ...o.metadata });
  const errorId = (m: DescMethod) => m.parent.file.proto.package || m.parent.typeName;

  return {
    async unary(method, request, o) {
      const grpc = grpcModule ?? await loadGrpc();
      const md = await metadataFor(grpc, o);
      return new Promise<Uint8Array>((resolve, reject) => {
        const call = client(grpc).makeUnaryRequest(methodPath(method), identity, identity, Buffer.from(request), md, callOptions(o),
          (err, reply) => (err ? reject(fromGrpcError(err, errorId(method))) : resolve(reply ?? new Uint8Array())));
        o.signal?.addEventListener("abort", () => call.cancel(), { once: true });
      });
    },
    async *stream(method, requests, o) {
      const grpc = grpcModule ?? await loadGrpc();
      const md = await metadataFor(grpc, o);
      const call = client(grpc).makeBidiStreamRequest(methodPath(method), identity, identity, md, callOptions(o));
      o.signal?.addEventListener("abort", () => call.cancel(), { once: true });
      const pump = (async () => {
        for await (const req of requests) {
          if (!call.write(Buffer.from(req))) await new Promise((r) => call.once("drain", r));
        }
        call.end();
      })().catch((err) => call.destroy(err));
      try {
        for await (const reply of call as AsyncIterable<Buffer>) yield reply;
      } catch (err) {
        throw fromGrpcError(err, errorId(method));
      } finally {
        call.cancel();
        void pump;
      }
    },
  };
}
