// Bad input over real gRPC through `micro server`'s proxy: each gets its proper status code and a clear message,
// and the server keeps serving afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as http2 from "node:http2";
import { create, toBinary, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { BlobWriteRequestSchema, ReadRequestSchema, ReadResponseSchema, WriteRequestSchema } from "../../runtime/gen/store/store_pb.js";
import { ConsumeRequestSchema } from "../../runtime/gen/events/events_pb.js";
import { fromBinary } from "@bufbuild/protobuf";
import { Helloworld, StreamingRequestSchema } from "../gen/helloworld_pb.js";
import { withServer } from "../support/server.js";
import { host } from "../support/rpc.js";
import type { ServiceImpl } from "../../runtime/rpc/index.js";

const identity = (b: Buffer) => b;
const bytes = <D extends DescMessage>(schema: D, init: MessageInitShape<D>) => Buffer.from(toBinary(schema, create(schema, init)));
const MiB = 1024 * 1024;

interface Outcome { code: grpc.status; details: string; reply?: Buffer }

function unary(client: grpc.Client, path: string, body: Buffer, md: Record<string, string>, options: grpc.CallOptions = {}): Promise<Outcome> {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(md)) metadata.set(k, v);
  return new Promise((resolve) => client.makeUnaryRequest(path, identity, identity, body, metadata, options,
    (err, reply) => resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: "", reply })));
}

/** A streaming call: writes `messages`, leaves the request side open, resolves with the final status. */
function stream(client: grpc.Client, path: string, messages: Buffer[], md: Record<string, string>, options: grpc.CallOptions = {}): Promise<Outcome> {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(md)) metadata.set(k, v);
  return new Promise((resolve) => {
    const call = client.makeBidiStreamRequest(path, identity, identity, metadata, options);
    call.on("data", () => undefined);
    call.on("error", () => undefined);
    call.on("status", (s: grpc.StatusObject) => resolve({ code: s.code, details: s.details }));
    for (const m of messages) call.write(m);
  });
}

/** A raw HTTP/2 gRPC request: lets a call arrive with a deadline that has already passed (grpc-js clients refuse to send one). */
function rawCall(address: string, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status?: string; message: string }> {
  const session = http2.connect(`http://${address}`);
  return new Promise((resolve, reject) => {
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, 5);
    const req = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers", ...headers });
    let last: http2.IncomingHttpHeaders = {};
    req.on("response", (h) => { last = h; });
    req.on("trailers", (t) => { last = t; });
    req.on("data", () => undefined);
    req.on("error", reject);
    req.on("close", () => {
      session.close();
      resolve({ status: last["grpc-status"] as string | undefined, message: decodeURIComponent(String(last["grpc-message"] ?? "")) });
    });
    req.end(frame);
  });
}

test("bad input over gRPC gets the right status with a clear message, and the server keeps serving", { timeout: 120_000 }, async () => {
  await withServer(async (server) => {
    const md = await server.adminMetadata("micro");
    const client = new grpc.Client(server.proxyAddress, grpc.credentials.createInsecure(), {
      "grpc.max_send_message_length": 64 * MiB, "grpc.max_receive_message_length": 64 * MiB,
    });
    try {
      // unknown service / method
      const noService = await unary(client, "/nope.Nope/Call", Buffer.alloc(0), md);
      assert.equal(noService.code, grpc.status.NOT_FOUND);
      assert.match(noService.details, /service nope not found/);
      const noMethod = await unary(client, "/store.Store/Nope", Buffer.alloc(0), md);
      assert.equal(noMethod.code, grpc.status.UNIMPLEMENTED);
      assert.match(noMethod.details, /\/store\.Store\/Nope/);
      const badPath = await unary(client, "/store.Store", Buffer.alloc(0), md);
      assert.equal(badPath.code, grpc.status.INVALID_ARGUMENT);
      assert.match(badPath.details, /not a gRPC method path/);

      // undecodable bytes, and a field of the wrong wire type (key is a string, sent as a varint)
      for (const body of [Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.from([0x08, 0x01]), Buffer.from([0x0a, 0x10, 0x41])]) {
        const r = await unary(client, "/store.Store/Read", body, md);
        assert.equal(r.code, grpc.status.INVALID_ARGUMENT, `${body.toString("hex")}: ${r.details}`);
        assert.match(r.details, /cannot decode store\.ReadRequest/);
      }
      // a message that is not an AckRequest on a Consume stream
      const badAck = await stream(client, "/events.Stream/Consume", [bytes(ConsumeRequestSchema, { topic: "bad-input" }), Buffer.from([0xff, 0xff, 0xff])], md);
      assert.equal(badAck.code, grpc.status.INVALID_ARGUMENT);
      assert.match(badAck.details, /cannot decode events\.AckRequest/);

      // oversize messages: a unary request and one chunk of a client stream, both past the 4 MiB limit
      const big = await unary(client, "/store.Store/Write", bytes(WriteRequestSchema, { record: { key: "big", value: new Uint8Array(5 * MiB) } }), md);
      assert.equal(big.code, grpc.status.RESOURCE_EXHAUSTED);
      assert.match(big.details, /larger than max/);
      const bigChunk = await stream(client, "/store.BlobStore/Write", [bytes(BlobWriteRequestSchema, { key: "blob", blob: new Uint8Array(6 * MiB) })], md);
      assert.equal(bigChunk.code, grpc.status.RESOURCE_EXHAUSTED);

      // deadlines: one that passes while the call runs, and a call that arrives already expired (not executed)
      // (a stream the deadline did not end would hang: the test's timeout catches that, no wall-clock budget here)
      const deadline = Date.now() + 300;
      const consume = await stream(client, "/events.Stream/Consume", [bytes(ConsumeRequestSchema, { topic: "quiet" })], md, { deadline });
      assert.equal(consume.code, grpc.status.DEADLINE_EXCEEDED);
      const expired = await rawCall(server.proxyAddress, "/store.Store/Write", bytes(WriteRequestSchema, { record: { key: "late", value: new Uint8Array([1]) } }),
        { ...md, "grpc-timeout": "1n" });
      assert.equal(expired.status, String(grpc.status.DEADLINE_EXCEEDED), expired.message);
      const late = await unary(client, "/store.Store/Read", bytes(ReadRequestSchema, { key: "late" }), md);
      assert.equal(late.code, grpc.status.NOT_FOUND, "an expired call is not executed");

      // still serving, on the same connection and on new ones
      const ok = await unary(client, "/store.Store/Write", bytes(WriteRequestSchema, { record: { key: "after", value: new TextEncoder().encode("fine") } }), md);
      assert.equal(ok.code, grpc.status.OK, ok.details);
      const read = await unary(client, "/store.Store/Read", bytes(ReadRequestSchema, { key: "after" }), md);
      assert.equal(read.code, grpc.status.OK, read.details);
      assert.equal(new TextDecoder().decode(fromBinary(ReadResponseSchema, read.reply!).records[0].value), "fine");
      const fresh = await rawCall(server.proxyAddress, "/debug.Debug/Health", Buffer.alloc(0), { ...md, "micro-service": "store" });
      assert.equal(fresh.status, "0", fresh.message);
    } finally {
      client.close();
    }
  });
});

test("a handler's signal fires at the call's deadline, so long-running handlers stop with the call", { timeout: 60_000 }, async () => {
  let aborted: ((reason: unknown) => void) | undefined;
  const abortedAt = new Promise<unknown>((resolve) => { aborted = resolve; });
  const impl: ServiceImpl<typeof Helloworld> = {
    call: () => ({ msg: "" }),
    message: () => ({ msg: "" }),
    async *stream(_req, ctx) {
      ctx.signal.addEventListener("abort", () => aborted!(ctx.signal.reason), { once: true });
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
    },
    async *pingPong() {},
  };
  const hosted = await host([{ desc: Helloworld, impl }]);
  try {
    // raw HTTP/2 that never cancels: only the server's own deadline can end the handler (if it never did, the
    // handler would wait forever and the test's timeout would fail it: no wall-clock budget that load can eat)
    const res = await rawCall(hosted.address, "/helloworld.Helloworld/Stream", bytes(StreamingRequestSchema, { count: 1n }), { "grpc-timeout": "200m" });
    assert.equal(res.status, String(grpc.status.DEADLINE_EXCEEDED));
    assert.ok(await abortedAt, "the handler's signal fired, with a reason");
  } finally {
    await hosted.close();
  }
});
