// engines.ts: which engine each primitive gets from flags and env, and what a bad URL says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { engineUrls, parseEngineUrl, reach, redactUrl } from "../../runtime/server/engines.js";

test("flags win over MICRO_* env; unset or 'embedded' means the embedded engine", () => {
  const env = { MICRO_REGISTRY: "etcd://env:2379", MICRO_EVENTS: "nats://env:4222", MICRO_BROKER: "embedded", MICRO_STORE: "" };
  assert.deepEqual(engineUrls({ events: "nats://flag:4222", config: "embedded" }, env), { registry: "etcd://env:2379", events: "nats://flag:4222" });
  assert.deepEqual(engineUrls({}, {}), {});
});

test("a bad URL names the flag, the engines it supports and never the password", () => {
  assert.throws(() => parseEngineUrl("registry", "etcd"), /^Error: --registry: not a URL \(expected etcd:\/\/host:2379, or embedded\)$/);
  assert.throws(() => parseEngineUrl("events", "redis://u:hunter2@h:6379"), /^Error: --events: unsupported engine "redis" \(supported: embedded, nats:\/\/…\)$/);
  assert.throws(() => parseEngineUrl("store", "mysql://h/db"), /--store: unsupported engine "mysql" \(supported: embedded, postgres:\/\/…, postgresql:\/\/…\)/);
  assert.equal(parseEngineUrl("broker", "nats://127.0.0.1:4222").port, "4222");
  assert.equal(redactUrl("nats://micro:hunter2@127.0.0.1:4222"), "nats://micro:***@127.0.0.1:4222");
  assert.equal(redactUrl("etcd://127.0.0.1:2379"), "etcd://127.0.0.1:2379");
});

test("reach: an engine that never answers fails within the bound, naming the flag; one that fails says why, password scrubbed", async () => {
  const url = new URL("nats://micro:hunter2@10.0.0.1:4222");
  let lateClosed = false;
  const never = new Promise<string>((resolve) => setTimeout(() => resolve("late"), 200));
  await assert.rejects(reach("events", url, never, () => { lateClosed = true; }, 20), /^Error: --events: cannot reach nats:\/\/micro:\*\*\*@10\.0\.0\.1:4222: no answer within 0\.02 s$/);
  await never;
  await new Promise((r) => setImmediate(r));
  assert.ok(lateClosed, "what connected after the bound is closed");
  await assert.rejects(reach("events", url, Promise.reject(new Error("auth failed for micro:hunter2"))), (e: Error) => /^--events: cannot reach .*: auth failed for micro:\*\*\*$/.test(e.message) && !e.message.includes("hunter2"));
});
