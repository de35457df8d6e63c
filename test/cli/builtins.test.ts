// The builtin commands for the primitives: store, config, events and broker publish, end to end.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../runtime/gen/store/store_pb.js";
import { Config } from "../../runtime/gen/config/config_pb.js";
import { Stream, Store as EventStore } from "../../runtime/gen/events/events_pb.js";
import { Broker } from "../../runtime/gen/broker/broker_pb.js";
import { EmbeddedStore, storeHandler } from "../../runtime/store/index.js";
import { EmbeddedConfig, configHandler } from "../../runtime/config/index.js";
import { EmbeddedEvents, streamHandler, storeHandler as eventStoreHandler } from "../../runtime/events/index.js";
import { MemoryBroker, brokerHandler } from "../../runtime/broker/index.js";
import { createClient } from "../../runtime/rpc/client.js";
import { startPlatform, type Platform } from "./support/platform.js";
import { adminHome } from "./support/login.js";
import { runMicro } from "./support/micro.js";
import { pastDeadline, withinTtl } from "../support/deadline.js";

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });
const ok = async (...args: string[]) => {
  const r = await micro(...args);
  assert.equal(r.code, 0, `micro ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

before(async () => {
  platform = await startPlatform();
  // the server hosts these itself once they are wired in; until then the tests host them beside it
  await platform.ensureBuiltin("store", async (engine) => {
    const store = new EmbeddedStore(engine);
    return { handlers: [{ def: Store, impl: storeHandler(store) }], close: () => store.close() };
  });
  await platform.ensureBuiltin("config", async (engine, dataDir) => ({
    handlers: [{ def: Config, impl: configHandler(await EmbeddedConfig.open(engine, { dataDir, env: {} })) }],
  }));
  await platform.ensureBuiltin("events", async (engine) => {
    const events = new EmbeddedEvents(engine);
    return { handlers: [{ def: Stream, impl: streamHandler(events) }, { def: EventStore, impl: eventStoreHandler(events) }], close: () => events.close() };
  });
  await platform.ensureBuiltin("broker", async () => ({ handlers: [{ def: Broker, impl: brokerHandler(new MemoryBroker()) }] }));
  home = await adminHome(platform.port);
});

after(async () => {
  await home?.remove();
  await platform?.close();
});

test("store write, read, list, delete", async () => {
  await ok("store", "write", "user:1", "Alice");
  await ok("store", "write", "user:2", "Bob");
  await ok("store", "write", "team:1", "Core");
  assert.equal(await ok("store", "read", "user:1"), "Alice\n");
  assert.equal(await ok("store", "read", "--prefix", "user:"), "Alice\nBob\n");
  assert.equal(await ok("store", "read", "--suffix", ":1", "--output", "json").then((o) => JSON.parse(o).map((r: { key: string }) => r.key).join()), "team:1,user:1");
  assert.match(await ok("store", "read", "--prefix", "user:", "--output", "table"), /^KEY\s+VALUE\s+EXPIRY\nuser:1\s+Alice\s*\nuser:2\s+Bob/m);
  assert.equal(await ok("store", "list"), "team:1\nuser:1\nuser:2\n");
  assert.equal(await ok("store", "list", "--prefix", "user:"), "user:1\nuser:2\n");
  assert.equal(await ok("store", "list", "--limit", "1", "--offset", "1"), "user:1\n");
  assert.equal(await ok("store", "list", "--order", "desc", "--limit", "1"), "user:2\n");
  assert.deepEqual(JSON.parse(await ok("store", "list", "--output", "json")), ["team:1", "user:1", "user:2"]);
  await ok("store", "delete", "user:1");
  const gone = await micro("store", "read", "user:1");
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /not found/);
  const badLimit = await micro("store", "list", "--limit", "lots");
  assert.equal(badLimit.code, 1);
  assert.match(badLimit.stderr, /--limit must be a non-negative integer/);
});

test("store tables and databases, with --table and --database", async () => {
  await ok("store", "write", "--table", "orders", "o:1", "tea");
  assert.equal(await ok("store", "read", "--table", "orders", "o:1"), "tea\n");
  assert.equal((await micro("store", "read", "o:1")).code, 1, "other tables do not see it");
  assert.match(await ok("store", "tables"), /^orders$/m);
  assert.match(await ok("store", "databases"), /^micro$/m);
  await ok("store", "write", "--database", "micro", "--table", "misc", "k", "v");
  assert.equal(await ok("store", "read", "--database", "micro", "--table", "misc", "k"), "v\n");
});

test("store write --expiry makes the record disappear", async () => {
  // Two CLI processes per attempt: under load they may outlast a 1 s expiry, so the TTL doubles until the
  // write-and-read ends within it (test/support/deadline.ts), and "gone" is checked once it has surely passed.
  const seconds = (ms: number) => Math.ceil(ms / 1000);
  const written = await withinTtl(async (ttlMs) => {
    await ok("store", "write", "--expiry", `${seconds(ttlMs)}s`, "short", "lived");
    return JSON.parse(await ok("store", "read", "short", "--output", "json"));
  }, 1000);
  assert.equal(written.value[0].value, "lived");
  assert.match(written.value[0].expiry, /^\d+s$/);
  assert.ok(Number.parseInt(written.value[0].expiry, 10) <= seconds(written.ttlMs));
  await pastDeadline({ endedAt: written.endedAt, ttlMs: seconds(written.ttlMs) * 1000 });
  assert.equal((await micro("store", "read", "short")).code, 1);
  const bad = await micro("store", "write", "--expiry", "soon", "k", "v");
  assert.match(bad.stderr, /--expiry: "soon" is not a duration/);
});

test("config set, get, del: dotted paths, JSON merge, secrets, not found", async () => {
  await ok("config", "set", "app.greeting", "hello");
  assert.equal(await ok("config", "get", "app.greeting"), "hello\n");
  await ok("config", "set", "app", '{"count": 3, "html": "<b>&</b>"}');
  assert.deepEqual(JSON.parse(await ok("config", "get", "app")), { greeting: "hello", count: 3, html: "<b>&</b>" });
  assert.match(await ok("config", "get", "app"), /"<b>&<\/b>"/, "no HTML escaping");
  assert.equal(await ok("config", "get", "app.count"), "3\n");
  await ok("config", "set", "--secret", "app.key", "s3cret");
  assert.notEqual(await ok("config", "get", "app.key"), "s3cret\n", "secrets stay hidden without --secret");
  assert.equal(await ok("config", "get", "--secret", "app.key"), "s3cret\n");
  await ok("config", "del", "app.greeting");
  const missing = await micro("config", "get", "app.greeting");
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, "Not found\n"); // the config service's words, Micro 3.0's
});

test("events publish and consume (replayed from an offset, stopping after --count)", async () => {
  const since = String(Math.floor(Date.now() / 1000) - 1);
  await ok("events", "publish", "--metadata", "source=cli", "orders", '{"id": 1}');
  await ok("events", "publish", "orders", "plain text");
  const out = await ok("events", "consume", "--offset", since, "--count", "2", "orders");
  const events = out.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(events.map((e) => e.payload), [{ id: 1 }, "plain text"]);
  assert.equal(events[0].topic, "orders");
  assert.deepEqual(events[0].metadata, { source: "cli" });
});

test("micro publish sends a JSON message to broker subscribers", async () => {
  const broker = createClient(Broker, platform.admin());
  const controller = new AbortController();
  const received = (async () => {
    for await (const m of broker.subscribe({ topic: "greetings", queue: "" }, { signal: controller.signal })) return m;
    return undefined;
  })();
  // the subscription is asynchronous: publish until it is seen
  let message;
  for (let i = 0; i < 50 && !message; i++) {
    await ok("publish", "greetings", '{"name":"Alice"}');
    message = await Promise.race([received, new Promise((r) => setTimeout(r, 100, undefined))]);
  }
  controller.abort();
  assert.ok(message, "a message arrived");
  assert.equal(Buffer.from((message as { body: Uint8Array }).body).toString(), '{"name":"Alice"}');
  const bad = await micro("publish", "greetings", "{not json");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /not valid JSON/);
});
