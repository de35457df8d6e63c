// What only the gRPC handler adds: the namespace from metadata, cross-namespace access, wire-level checks,
// and the service framework's view (connectConfig) over a real connection.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Config as ConfigDesc } from "../../runtime/gen/config/config_pb.js";
import { createClient, type Middleware } from "../../runtime/rpc/index.js";
import { configHandler, connectConfig } from "../../runtime/config/index.js";
import { host } from "../support/rpc.js";
import { embedded, eventually, served } from "./harness.js";
import { microError } from "../support/errors.js";

const v = (x: unknown) => ({ data: JSON.stringify(x) });

// Stands in for the auth layer: the test-account header names a verified platform admin.
const testAccounts: Middleware = async (ctx, next) => {
  if (ctx.metadata["x-test-account"] === "admin") ctx.account = { id: "admin", type: "user", issuer: "micro", scopes: ["admin"] };
  await next();
};

test("the caller's namespace is the default; another is forbidden unless the caller is a platform admin", async () => {
  const s = await served([testAccounts]);
  try {
    const alpha = s.client({ "micro-namespace": "alpha" });
    await alpha.set("key", v("a"));
    assert.equal((await s.config.get("key", { namespace: "alpha" })).data, '"a"');
    await assert.rejects(s.config.get("key", { namespace: "micro" }), microError(404));
    await assert.rejects(alpha.get("key", { namespace: "beta" }), microError(403, /namespace beta denied/));
    await assert.rejects(alpha.set("key", v(1), { namespace: "beta" }), microError(403));
    const admin = s.client({ "micro-namespace": "micro", "x-test-account": "admin" });
    assert.equal((await admin.get("key", { namespace: "alpha" })).data, '"a"');
    await admin.delete("key", { namespace: "alpha" });
    await assert.rejects(alpha.get("key"), microError(404));
  } finally {
    await s.close();
  }
});

test("over the wire: a Set without a value is a 400, and Read carries its timestamp", async () => {
  const e = await embedded();
  const h = await host([{ desc: ConfigDesc, impl: configHandler(e.config) }], { metadata: { "micro-namespace": "gamma" } });
  try {
    const client = createClient(ConfigDesc, h.transport);
    await assert.rejects(client.set({ path: "k" }), microError(400, /value is required/));
    await client.set({ path: "k", value: { data: "[1,2]" } });
    const { change } = await client.read({ path: "k" });
    assert.equal(change?.namespace, "gamma");
    assert.equal(change?.changeSet?.data, "[1,2]");
    assert.ok((change?.changeSet?.timestamp ?? 0n) > 0n);
    const got = await client.get({ path: "k" });
    assert.deepEqual({ data: got.value?.data, format: got.value?.format }, { data: "[1,2]", format: "json" });
  } finally {
    await h.close();
    await e.close();
  }
});

test("connectConfig: a service reads, sets and watches its namespace's config over gRPC", async () => {
  const e = await embedded();
  const h = await host([{ desc: ConfigDesc, impl: configHandler(e.config) }], { metadata: { "micro-namespace": "svcns" } });
  try {
    const config = connectConfig(h.transport, { watchIntervalMs: 10 });
    await config.set("helloworld", { greeting: "Hello", times: 2 });
    assert.equal((await config.get("helloworld.greeting")).string(), "Hello");
    assert.equal((await e.config.get("helloworld.times", { namespace: "svcns" })).data, "2");
    const greetings: string[] = [];
    const stop = config.watch("helloworld.greeting", (entry) => void greetings.push(entry.string()));
    try {
      await stop.ready;
      await config.set("helloworld.greeting", "Hi");
      await eventually(() => greetings.length > 0, "the new greeting");
      assert.deepEqual(greetings, ["Hi"]);
    } finally {
      stop();
    }
  } finally {
    await h.close();
    await e.close();
  }
});
