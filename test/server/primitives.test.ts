import { test } from "node:test";
import assert from "node:assert/strict";
import { Service } from "../../runtime/service/index.js";
import { text } from "../../runtime/store/index.js";
import { withServer } from "../support/server.js";

test("a service uses store, config and events through the server with its own account and namespace", async () => {
  await withServer(async (server) => {
    const creds = await server.serviceAccount("tenant-a", "worker");
    const other = await server.serviceAccount("tenant-b", "worker");
    const a = new Service({ name: "worker", env: { proxy: server.proxyAddress, namespace: "tenant-a", ...creds } });
    const b = new Service({ name: "worker", env: { proxy: server.proxyAddress, namespace: "tenant-b", ...other } });

    await a.store.write({ key: "greeting", value: "hello" });
    assert.equal(text((await a.store.read("greeting"))[0]), "hello");
    await assert.rejects(b.store.read("greeting"), /not found/, "tenant-b must not see tenant-a's record");

    await a.config.set("feature.enabled", true);
    assert.equal((await a.config.get("feature.enabled")).bool(false), true);
    assert.equal((await b.config.get("feature.enabled")).exists(), false);

    const received: string[] = [];
    const consuming = (async () => {
      for await (const ev of a.events.consume("orders", { group: "g1" })) {
        received.push(new TextDecoder().decode(ev.payload));
        if (received.includes("order-2")) break;
      }
    })();
    // keep publishing until the subscription is live and has seen both
    for (let i = 0; i < 50 && !received.includes("order-2"); i++) {
      await a.events.publish("orders", new TextEncoder().encode(i % 2 ? "order-2" : "order-1"));
      await new Promise((r) => setTimeout(r, 50));
    }
    await consuming;
    assert.ok(received.includes("order-2"));
    assert.equal((await b.events.read("orders")).length, 0, "tenant-b sees no events of tenant-a");
  });
});

test("anonymous callers cannot use the builtin store, even where the namespace's default rule is public", async () => {
  await withServer(async (server) => {
    const anon = new Service({ name: "anon", env: { proxy: server.proxyAddress, namespace: "micro" } });
    await assert.rejects(anon.store.read("x"), (e: unknown) => (e as { code?: number }).code === 401);
  });
});
