// The gRPC clients the wire bench compares, each behind the same two calls (Helloworld.Call, and a server
// stream of `count` messages), each doing the whole job: encode the request, call, decode the reply.
//   upstream  — the gateway's hand-written node:http2 client (runtime/gateway/upstream.ts), raw frames
//   connect   — @connectrpc/connect-node's gRPC transport (createGrpcTransport) with a connect client
//   grpc-js   — the services' client (runtime/rpc createGrpcTransport), for reference
//   cli-h2    — the CLI's hand-written node:http2 transport (runtime/cli/session/h2-transport.ts)
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { Helloworld, RequestSchema, ResponseSchema, StreamingRequestSchema, StreamingResponseSchema } from "../../test/gen/helloworld_pb.js";

export const KINDS = ["upstream", "connect", "grpc-js", "cli-h2"] as const;
/** The messages of one server stream in the bench's stream mode (Helloworld.Stream). */
export const STREAM_COUNT = 100;
export type Kind = (typeof KINDS)[number];

export interface BenchClient {
  /** Helloworld.Call; resolves with the reply's msg. */
  call(name: string): Promise<string>;
  /** Helloworld.Stream; resolves with the number of messages received. */
  stream(count: number): Promise<number>;
  close(): void;
}

const METADATA = { "micro-namespace": "micro" };
const TIMEOUT_MS = 30_000;

export async function createBenchClient(kind: Kind, address: string): Promise<BenchClient> {
  switch (kind) {
    case "upstream": {
      const { Upstream } = await import("../../runtime/gateway/upstream.js");
      const upstream = new Upstream();
      const base = { addresses: [address], metadata: METADATA, timeoutMs: TIMEOUT_MS, service: "helloworld" };
      return {
        async call(name) {
          const reply = await upstream.unary({ ...base, path: "/helloworld.Helloworld/Call" }, toBinary(RequestSchema, create(RequestSchema, { name })));
          return fromBinary(ResponseSchema, reply).msg;
        },
        async stream(count) {
          const s = await upstream.open({ ...base, path: "/helloworld.Helloworld/Stream" });
          s.send(toBinary(StreamingRequestSchema, create(StreamingRequestSchema, { count: BigInt(count) })));
          s.end();
          let n = 0;
          for await (const m of s.messages()) { fromBinary(StreamingResponseSchema, m); n++; }
          return n;
        },
        close: () => upstream.close(),
      };
    }
    case "connect": {
      const [{ createClient }, { createGrpcTransport, Http2SessionManager }] = await Promise.all([import("@connectrpc/connect"), import("@connectrpc/connect-node")]);
      // an explicit session manager, so that close() can end the HTTP/2 session as the hand-written clients do
      const sessionManager = new Http2SessionManager(`http://${address}`);
      const client = createClient(Helloworld, createGrpcTransport({ baseUrl: `http://${address}`, sessionManager }));
      return {
        async call(name) {
          return (await client.call({ name }, { headers: METADATA, timeoutMs: TIMEOUT_MS })).msg;
        },
        async stream(count) {
          let n = 0;
          for await (const _ of client.stream({ count: BigInt(count) }, { headers: METADATA, timeoutMs: TIMEOUT_MS })) n++;
          return n;
        },
        close: () => sessionManager.abort(),
      };
    }
    case "grpc-js":
    case "cli-h2": {
      const { createClient } = await import("../../runtime/rpc/client.js");
      let transport;
      let close: () => void;
      if (kind === "grpc-js") {
        const rpc = await import("../../runtime/rpc/grpc-transport.js");
        transport = rpc.createGrpcTransport({ address, metadata: () => METADATA });
        close = rpc.closeChannels;
      } else {
        const h2 = await import("../../runtime/cli/session/h2-transport.js");
        transport = h2.createH2Transport({ address, metadata: () => METADATA });
        close = h2.closeH2Sessions;
      }
      const client = createClient(Helloworld, transport);
      return {
        async call(name) {
          return (await client.call({ name }, { timeoutMs: TIMEOUT_MS })).msg;
        },
        async stream(count) {
          let n = 0;
          for await (const _ of client.stream({ count: BigInt(count) }, { timeoutMs: TIMEOUT_MS })) n++;
          return n;
        },
        close,
      };
    }
  }
}
