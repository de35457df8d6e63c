// debug.Debug/Trace answers real spans: the server's builtins and framework services record each inbound call
// (endpoint, start, duration, status, trace and parent ids from Micro-Trace-Id / Micro-Span-Id), and a caller is
// answered only its own namespace's spans.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Debug, SpanType } from "../../runtime/gen/debug/debug_pb.js";
import { Store } from "../../runtime/gen/store/store_pb.js";
import { Service } from "../../runtime/service/index.js";
import { createClient, createGrpcTransport, MicroError, NotFound, type Metadata } from "../../runtime/rpc/index.js";
import { SpanRecorder } from "../../runtime/debug/trace.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { withServer } from "../support/server.js";
import { tenantMetadata } from "./support/tenant.js";

const via = (address: string, md: Metadata) => createGrpcTransport({ address, metadata: () => md });

test("the server's builtins record their calls as spans; a tenant sees its own, a platform admin all", async () => {
  await withServer(async (server) => {
    const admin = await server.adminMetadata("micro");
    const tenant = await tenantMetadata(server, "tenant-t");
    const before = BigInt(Date.now()) * 1_000_000n;
    await createClient(Store, via(server.proxyAddress, { ...admin, "micro-trace-id": "trace-admin" })).write({ record: { key: "k", value: new Uint8Array([1]) } });
    await createClient(Store, via(server.proxyAddress, { ...tenant, "micro-trace-id": "trace-tenant", "micro-span-id": "parent-1" }))
      .write({ record: { key: "k", value: new Uint8Array([2]) } });
    await assert.rejects(createClient(Store, via(server.proxyAddress, { ...tenant, "micro-trace-id": "trace-tenant" })).read({ key: "missing" }));
    const after = BigInt(Date.now()) * 1_000_000n;

    const trace = (md: Metadata, id = "") => createClient(Debug, via(server.proxyAddress, { ...md, "micro-service": "store" })).trace({ id });
    const mine = (await trace(tenant, "trace-tenant")).spans;
    assert.deepEqual(mine.map((s) => [s.name, s.trace, s.parent, s.metadata.status, s.type]), [
      ["store.Store.Write", "trace-tenant", "parent-1", "ok", SpanType.INBOUND],
      ["store.Store.Read", "trace-tenant", "", "404", SpanType.INBOUND],
    ]);
    assert.match(mine[1]!.metadata.error ?? "", /not found/i);
    for (const s of mine) {
      assert.ok(s.started >= before && s.started <= after, `started ${s.started} within the calls (${before}..${after})`);
      assert.ok(s.duration > 0n, `duration ${s.duration}`);
      assert.ok(s.id.length > 0, "a span id");
    }
    assert.notEqual(mine[0]!.id, mine[1]!.id);

    // the tenant is not shown the admin's trace, even asked by id, nor anything outside tenant-t
    assert.deepEqual((await trace(tenant, "trace-admin")).spans, []);
    const all = (await trace(tenant)).spans;
    assert.ok(all.length >= 2 && all.every((s) => s.trace !== "trace-admin"), all.map((s) => s.trace).join(","));
    // a platform admin sees every namespace's
    const adminView = (await trace(admin)).spans.map((s) => s.trace);
    assert.ok(adminView.includes("trace-admin") && adminView.includes("trace-tenant"), adminView.join(","));
    // Debug.* calls are not recorded (as in Micro 3.0): the Trace calls above left no span
    assert.ok((await trace(admin)).spans.every((s) => !s.name.includes(".Debug.")));
    // anonymous callers are refused
    await assert.rejects(trace({ "micro-namespace": "tenant-t" }), (e: unknown) => e instanceof MicroError && e.code === 401);
  });
});

test("a framework service records its calls as spans, a call without a trace id starting its own trace", async () => {
  await withServer(async (server) => {
    const creds = await server.serviceAccount("micro", "tracer");
    const srv = new Service({ name: "tracer", env: { proxy: server.proxyAddress, namespace: "micro", ...creds } });
    srv.handle(Helloworld, {
      call: (req) => {
        if (req.name === "nobody") throw NotFound("tracer", "nobody is not here");
        return { msg: `Hello ${req.name}` };
      },
      message: (req) => ({ msg: req.name }),
      async *stream(req) { for (let i = 0n; i < req.count; i++) yield { count: i }; },
      async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke }; },
    });
    await srv.start();
    try {
      const md = await server.adminMetadata("micro");
      const hello = createClient(Helloworld, via(server.proxyAddress, { ...md, "micro-service": "tracer", "micro-trace-id": "t-1" }));
      await hello.call({ name: "Alice" });
      for await (const _ of hello.stream({ count: 2n })) { /* drain */ }
      await assert.rejects(createClient(Helloworld, via(server.proxyAddress, { ...md, "micro-service": "tracer" })).call({ name: "nobody" }));
      const debug = createClient(Debug, via(server.proxyAddress, { ...md, "micro-service": "tracer" }));
      assert.deepEqual((await debug.trace({ id: "t-1" })).spans.map((s) => [s.name, s.metadata.status]),
        [["tracer.Helloworld.Call", "ok"], ["tracer.Helloworld.Stream", "ok"]]);
      const all = (await debug.trace({})).spans;
      const failed = all.find((s) => s.metadata.status === "404");
      assert.ok(failed, `the failed call is a span: ${JSON.stringify(all.map((s) => s.name))}`);
      assert.ok(failed.trace.length > 0 && failed.trace !== "t-1", "a call without Micro-Trace-Id starts its own trace");
      assert.equal(failed.metadata.error, "nobody is not here");
    } finally {
      await srv.stop();
    }
  });
});

test("the span ring keeps the most recent calls, oldest first, up to its capacity", async () => {
  const spans = new SpanRecorder(3);
  const mw = spans.middleware();
  for (let i = 0; i < 5; i++) {
    const ctx = { service: "s", endpoint: `E.M${i}`, path: "", metadata: { "micro-trace-id": `t${i}` }, namespace: "ns", signal: new AbortController().signal };
    await mw(ctx, async () => undefined);
  }
  assert.deepEqual(spans.read().map((s) => s.name), ["s.E.M2", "s.E.M3", "s.E.M4"]);
  assert.deepEqual(spans.read({ trace: "t3" }).map((s) => s.name), ["s.E.M3"]);
  assert.deepEqual(spans.read({ namespace: "other" }), []);
  assert.throws(() => new SpanRecorder(0), /span capacity must be a positive integer, got 0/);
});
