// Every builtin of `micro server` answers debug.Debug/Health and Stats through the proxy, routed by micro-service.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { withServer } from "../support/server.js";

test("every builtin answers debug.Debug/Health and Stats over the proxy", async () => {
  await withServer(async (server) => {
    const md = await server.adminMetadata("micro");
    const registry = createClient(Registry, createGrpcTransport({ address: server.proxyAddress, metadata: () => md }));
    const builtins = (await registry.listServices({})).services.filter((s) => s.metadata.builtin === "true").map((s) => s.name);
    for (const name of ["store", "config", "events", "broker", "registry", "auth", "runtime", "grpc.reflection.v1"]) {
      assert.ok(builtins.includes(name), `${name} is a registered builtin (${builtins})`);
    }
    let lastRequests = 0n;
    for (const name of builtins) {
      const debug = createClient(Debug, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ ...md, "micro-service": name }) }));
      assert.equal((await debug.health({})).status, "ok", name);
      const stats = await debug.stats({});
      const now = BigInt(Math.floor(Date.now() / 1000));
      assert.ok(stats.started > 0n && stats.started <= now, `${name}: started ${stats.started}`);
      assert.ok(stats.memory > 10_000_000n, `${name}: memory ${stats.memory} is the process RSS`);
      // the server counts calls as they come: each Stats sees at least the calls made before it
      assert.ok(stats.requests > lastRequests, `${name}: requests ${stats.requests} after ${lastRequests}`);
      lastRequests = stats.requests;
    }
  });
});
