// The proxy hands a call that resolves to the RPC server in its own process (micro server's builtins) straight to
// that server, without a second HTTP/2 connection: admitted once at the door, then served with exactly the headers
// it would have been forwarded with, the inner server's own middleware (its admission) still running.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { Resolver } from "../../runtime/proxy/resolver.js";
import { createProxyServer, type ProxyCall } from "../../runtime/proxy/server.js";
import { RpcServer } from "../../runtime/rpc/server.js";
import { MicroError } from "../../runtime/rpc/errors.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";

// nothing listens on port 1: a call that went out over a connection would fail with 503
const LOCAL = "127.0.0.1:1";

test("proxy: a call to a builtin of its own process is served in-process, admitted at the door and by the inner server", async () => {
  const seen: Record<string, unknown>[] = [];
  const rpc = new RpcServer({ middleware: [async (ctx, next) => {
    seen.push({ ...ctx.metadata });
    if (ctx.metadata["x-refuse"]) throw new MicroError("debug", 403, "refused by the inner server");
    await next();
  }] });
  rpc.add(Debug, {
    health: async () => ({ status: "ok" }),
    log: async () => { throw new MicroError("debug", 400, "no log here"); },
    stats: async () => ({}),
    trace: async () => ({}),
  }, { name: "debug" });
  const admitted: ProxyCall[] = [];
  const proxy = createProxyServer({
    resolver: new Resolver(new MemoryRegistry(), () => LOCAL),
    admit: async (call) => {
      admitted.push(call);
      if (call.headers["x-door-refuses"]) throw new MicroError("micro.proxy", 401, "refused at the door");
      return { namespace: "micro" };
    },
    local: { address: () => LOCAL, serve: (s, h) => rpc.serveStream(s, h) },
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const debug = (metadata: Record<string, string>) => createClient(Debug, createGrpcTransport({ address, metadata: () => metadata }));
  try {
    const reply = await debug({ "micro-namespace": "someone-else", "x-caller": "c1" }).health({});
    assert.equal(reply.status, "ok");
    assert.equal(admitted.length, 1, "the door admitted the call once");
    assert.equal(seen.length, 1, "the inner server's middleware ran once");
    assert.equal(seen[0]!["micro-namespace"], "micro", "the inner server sees the namespace the door admitted, not the caller's");
    assert.equal(seen[0]!["micro-peer"], "127.0.0.1", "and the caller's address, as the door found it");
    assert.equal(seen[0]!["x-caller"], "c1", "the caller's metadata goes on");

    await assert.rejects(debug({ "x-door-refuses": "1" }).health({}), (e: MicroError) => e.code === 401);
    assert.equal(seen.length, 1, "a call the door refused never reaches the inner server");
    await assert.rejects(debug({ "x-refuse": "1" }).health({}), (e: MicroError) => e.code === 403 && /inner server/.test(e.detail));
    await assert.rejects(debug({}).log({}), (e: MicroError) => e.code === 400 && e.detail === "no log here", "a handler's error reaches the caller");
  } finally {
    closeChannels();
    proxy.close();
    proxy.pool.close();
    await rpc.close(0);
  }
});
