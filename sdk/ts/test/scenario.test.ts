// The SDK scenario shared by every language, against a live `micro server` (test/sdk/ts.test.ts starts one
// and sets MICRO_SDK_SCENARIO=1 with MICRO_PROXY and the admin's MICRO_AUTH_ID/MICRO_AUTH_SECRET).
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Client, config, events, MicroError, registry, store } from "../src/index.js";

describe("scenario", { skip: !process.env.MICRO_SDK_SCENARIO && "needs a live server: run test/sdk/ts.test.ts" }, () => {
  const client = new Client();
  after(() => client.close());

  test("store: write, read back, a missing key is a 404 MicroError", async () => {
    const s = new store.StoreClient(client);
    await s.write({ record: { key: "sdk-ts", value: new TextEncoder().encode("hello from ts") } });
    const { records } = await s.read({ key: "sdk-ts" });
    assert.deepEqual(records.map((r) => new TextDecoder().decode(r.value)), ["hello from ts"]);
    await assert.rejects(s.read({ key: "sdk-ts-missing" }),
      (e: unknown) => e instanceof MicroError && e.code === 404 && e.status === "Not Found" && e.id !== "");
  });

  test("config: set then get", async () => {
    const c = new config.ConfigClient(client);
    const namespace = client.options.namespace;
    await c.set({ namespace, path: "sdk.ts", value: { data: '{"ok":true}', format: "json" } });
    assert.equal((await c.get({ namespace, path: "sdk.ts" })).value?.data, '{"ok":true}');
  });

  test("events: publish, then consume it from an offset", async () => {
    const e = new events.StreamClient(client);
    const since = BigInt(Math.floor(Date.now() / 1000) - 1);
    await e.publish({ topic: "sdk-ts", payload: new TextEncoder().encode('"ping"') });
    const abort = new AbortController();
    for await (const ev of e.consume({ topic: "sdk-ts", offset: since, autoAck: true }, { signal: abort.signal, timeoutMs: 30_000 })) {
      assert.equal(ev.topic, "sdk-ts");
      assert.equal(new TextDecoder().decode(ev.payload), '"ping"');
      break;
    }
    abort.abort();
  });

  test("registry: a registered service is listed", async () => {
    const r = new registry.RegistryClient(client);
    const svc = { name: "sdk-ts", version: "1.0.0", nodes: [{ id: "sdk-ts-1", address: "127.0.0.1:9" }] };
    await r.register(svc);
    try {
      assert.ok((await r.listServices({})).services.some((s) => s.name === "sdk-ts"));
    } finally {
      await r.deregister(svc);
    }
  });

  test("a bad token is a 401 MicroError", async () => {
    const bad = new Client({ token: "not-a-token", authId: "" });
    try {
      await assert.rejects(new registry.RegistryClient(bad).listServices({}), (e: unknown) => e instanceof MicroError && e.code === 401);
    } finally {
      bad.close();
    }
  });
});
