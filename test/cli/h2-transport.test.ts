// The CLI's node:http2 transport against a real gRPC server (grpc-js, as the proxy and services are): unary and
// streaming calls, Micro errors in their shape, deadlines, cancellation, and a dead address worded so that the
// CLI reports "Failed to connect".
import { test } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { MicroError, RpcServer } from "../../runtime/rpc/index.js";
import { closeH2Sessions, createH2Transport } from "../../runtime/cli/session/h2-transport.js";
import { isConnectFailure } from "../../runtime/cli/errors.js";
import { kitchen } from "../gateway/harness.js";
import { InnerSchema, Kitchen, OrderSchema } from "../gateway/gen/kitchen_pb.js";

const method = (name: string) => Kitchen.methods.find((m) => m.name === name)!;
const order = (init: Parameters<typeof create<typeof OrderSchema>>[1]) => toBinary(OrderSchema, create(OrderSchema, init));

async function withKitchen(fn: (address: string, seen: { metadata?: Record<string, string>; cancelled: boolean }) => Promise<void>): Promise<void> {
  const seen: { metadata?: Record<string, string>; cancelled: boolean } = { cancelled: false };
  const k = kitchen();
  const server = new RpcServer();
  server.add(k.def, {
    ...k.impl,
    echo: (req, ctx) => { seen.metadata = ctx.metadata; return req; },
    async *chunks(req, ctx) {
      ctx.signal.addEventListener("abort", () => { seen.cancelled = true; });
      for (let i = 0; i < req.small; i++) { yield { label: `chunk ${i}`, size: i }; await sleep(5); }
      if (req.flag) throw new MicroError("kitchen", 409, "stream failed on purpose");
    },
  }, { name: "kitchen" });
  const port = await server.listen("127.0.0.1", 0);
  try {
    await fn(`127.0.0.1:${port}`, seen);
  } finally {
    closeH2Sessions();
    await server.close(100);
  }
}

test("unary calls carry the metadata and return the reply; failures keep Micro's envelope", async () => {
  await withKitchen(async (address, seen) => {
    const t = createH2Transport({ address, metadata: () => ({ "micro-namespace": "micro", authorization: "Bearer x" }) });
    const reply = fromBinary(OrderSchema, await t.unary(method("Echo"), order({ name: "n", small: 3 }), { metadata: { "x-extra": "1" } }));
    assert.equal(reply.name, "n");
    assert.equal(reply.small, 3);
    assert.equal(seen.metadata?.["micro-namespace"], "micro");
    assert.equal(seen.metadata?.authorization, "Bearer x");
    assert.equal(seen.metadata?.["x-extra"], "1");
    await assert.rejects(t.unary(method("Fail"), order({ small: 409 }), {}), (err: any) => {
      assert.deepEqual([err.id, err.code, err.detail], ["kitchen", 409, "failed with 409 on purpose"]);
      return true;
    });
    // a method the server does not have: gRPC UNIMPLEMENTED without an envelope → 501
    const missing = { ...method("Echo"), name: "Nope" } as typeof Kitchen.methods[number];
    await assert.rejects(t.unary(missing, order({}), {}), (err: any) => err.code === 501);
  });
});

test("a deadline ends the call with 408, and so does an abort", async () => {
  await withKitchen(async (address) => {
    const t = createH2Transport({ address });
    const started = performance.now();
    await assert.rejects(t.unary(method("Slow"), order({ small: 5000 }), { timeoutMs: 200 }), (err: any) => err.code === 408);
    assert.ok(performance.now() - started < 2000);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    await assert.rejects(t.unary(method("Slow"), order({ small: 5000 }), { signal: abort.signal }), (err: any) => err.code === 408);
  });
});

test("server, client and bidi streams; stopping early cancels the call on the server", async () => {
  await withKitchen(async (address, seen) => {
    const t = createH2Transport({ address });
    const labels: string[] = [];
    for await (const m of t.stream(method("Chunks"), (async function* () { yield order({ small: 3 }); })(), {})) labels.push(fromBinary(InnerSchema, m).label);
    assert.deepEqual(labels, ["chunk 0", "chunk 1", "chunk 2"]);
    const inner = (label: string) => toBinary(InnerSchema, create(InnerSchema, { label, size: 2 }));
    const collected = [];
    for await (const m of t.stream(method("Collect"), (async function* () { yield inner("a"); yield inner("b"); })(), {})) collected.push(fromBinary(OrderSchema, m));
    assert.deepEqual(collected.map((o) => o.tags), [["a", "b"]]);
    const chat = [];
    for await (const m of t.stream(method("Chat"), (async function* () { yield inner("x"); yield inner("y"); })(), {})) chat.push(fromBinary(InnerSchema, m).size);
    assert.deepEqual(chat, [4, 4]);
    for await (const m of t.stream(method("Chunks"), (async function* () { yield order({ small: 1000 }); })(), {})) {
      void m;
      break;
    }
    for (let i = 0; i < 100 && !seen.cancelled; i++) await sleep(10);
    assert.ok(seen.cancelled, "the server saw the cancellation");
    await assert.rejects(async () => {
      for await (const m of t.stream(method("Chunks"), (async function* () { yield order({ small: 2, flag: true }); })(), {})) void m;
    }, (err: any) => err.code === 409 && err.detail === "stream failed on purpose");
  });
});

test("the deadline holds against a server that accepts the connection and never speaks", async () => {
  const accepted: net.Socket[] = [];
  const silent = net.createServer((socket) => void accepted.push(socket)).listen(0, "127.0.0.1");
  await once(silent, "listening");
  try {
    const t = createH2Transport({ address: `127.0.0.1:${(silent.address() as net.AddressInfo).port}` });
    const started = performance.now();
    await assert.rejects(t.unary(method("Echo"), order({}), { timeoutMs: 300 }), (err: any) => err.code === 408);
    assert.ok(performance.now() - started < 3000);
  } finally {
    closeH2Sessions();
    silent.close();
    for (const socket of accepted) socket.destroy();
  }
});

test("a dead address fails fast as a connect failure", async () => {
  const t = createH2Transport({ address: "127.0.0.1:1" });
  await assert.rejects(t.unary(method("Echo"), order({}), { timeoutMs: 5000 }), (err: any) => {
    assert.equal(err.code, 503);
    assert.ok(isConnectFailure(err), err.detail);
    return true;
  });
  closeH2Sessions();
});
