// The registry conformance suite on etcd, against a throwaway etcd (required: Debian's etcd-server; missing, the
// file fails naming it). Each harness has a key prefix of its own, so the cases share one etcd.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { EtcdRegistry } from "../../runtime/registry/etcd.js";
import { connectEtcd } from "../../runtime/server/engines-etcd.js";
import { startEtcd } from "../support/etcd.js";
import { conformance, svc } from "./conformance.js";
import { until } from "../support/wait.js";

const server = await startEtcd();
after(() => server.stop());

conformance("etcd", async () => {
  const registry = await EtcdRegistry.open(await connectEtcd("registry", server.url), `/test-${randomUUID()}/registry/`);
  return { impl: registry, close: async () => registry.close() };
});

// What only a shared engine can show: two servers' registries on one etcd, and etcd going away and coming back.
test("two servers' registries on one etcd: a registration through one is seen, and watched, through the other", { timeout: 60_000 }, async () => {
  const prefix = `/test-${randomUUID()}/registry/`;
  const a = await EtcdRegistry.open(await connectEtcd("registry", server.url), prefix);
  const b = await EtcdRegistry.open(await connectEtcd("registry", server.url), prefix);
  const abort = new AbortController();
  const seen: string[] = [];
  const watching = (async () => {
    for await (const ev of b.watch({ domain: "shop", signal: abort.signal })) seen.push(`${ev.action} ${ev.service.name}`);
  })();
  try {
    await a.register(svc("cart", ["c1"]), { domain: "shop", ttlMs: 2000 });
    await until(async () => ((await b.getService("cart", { domain: "shop" }))[0]?.nodes.length === 1 || undefined), "b to see a's registration", 20_000, 20);
    // a's heartbeats stop: etcd's lease drops the node, and b's watch says so
    await until(async () => (seen.includes("delete cart") || undefined), "the lease to expire and b's watch to report it", 30_000, 50);
    assert.deepEqual(seen, ["create cart", "delete cart"]);
    assert.deepEqual(await b.getService("cart", { domain: "shop" }), []);
  } finally {
    abort.abort();
    await watching;
    a.close();
    b.close();
  }
});

test("etcd stopped and started again: reads answer from the copy meanwhile, and changes made after it came back arrive", { timeout: 120_000 }, async () => {
  const prefix = `/test-${randomUUID()}/registry/`;
  const a = await EtcdRegistry.open(await connectEtcd("registry", server.url), prefix);
  const b = await EtcdRegistry.open(await connectEtcd("registry", server.url), prefix);
  try {
    await a.register(svc("stays", ["s1"]), { ttlMs: 0 });
    await until(async () => ((await b.getService("stays")).length === 1 || undefined), "b to see it", 20_000, 20);
    await server.restart();
    assert.equal((await b.getService("stays")).length, 1, "answered from b's copy while etcd restarted");
    // a service re-registering after the restart (its next heartbeat) reaches the other server
    await until(async () => {
      await a.register(svc("after", ["x1"]), { ttlMs: 0 }).catch(() => undefined);
      return (await b.getService("after")).length === 1 || undefined;
    }, "a registration made after the restart to reach b", 60_000, 500);
  } finally {
    a.close();
    b.close();
  }
});
