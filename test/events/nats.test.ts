// The events conformance suite on NATS JetStream, against a throwaway nats-server with JetStream (required:
// Debian's nats-server; missing, the file fails naming it). Each harness has a stream prefix of its own, so the
// cases share one server; restart() stops nats-server and starts it on the same store (kill -9 has a test of its own).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { randomUUID } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { NatsEvents } from "../../runtime/events/nats.js";
import { connectNats } from "../../runtime/server/engines-nats.js";
import { startNats } from "../support/nats.js";
import { conformance, type EventsHarness } from "./conformance.js";
import { Collector, sleep, untilLive, waitUntil } from "./support.js";
import { until } from "../support/wait.js";

const server = await startNats();
after(() => server.stop());

conformance("NATS JetStream", async () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  let nc: NatsConnection = await connectNats("events", server.url);
  let events = await NatsEvents.open(nc, { prefix });
  const h: EventsHarness = {
    impl: events,
    async close() {
      await events.close();
      await nc.close();
    },
    async restart() {
      await events.close();
      await nc.close();
      await server.restart();
      nc = await connectNats("events", server.url);
      h.impl = events = await NatsEvents.open(nc, { prefix });
    },
  };
  return h;
});

// What only a shared engine can show: two servers' engines on one NATS, and the retention sweep.
test("two servers' engines on one NATS: a group with a member on each gets every event exactly once", { timeout: 60_000 }, async () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const [ncA, ncB] = [await connectNats("events", server.url), await connectNats("events", server.url)];
  const [a, b] = [await NatsEvents.open(ncA, { prefix }), await NatsEvents.open(ncB, { prefix })];
  const onA = new Collector(a, "orders", { group: "billing" });
  const onB = new Collector(b, "orders", { group: "billing" });
  const other = new Collector(b, "orders", { group: "audit" });
  try {
    await untilLive(a, "orders", [onA, onB, other]);
    for (let i = 0; i < 30; i++) await (i % 2 ? a : b).publish("orders", i);
    await waitUntil(() => onA.events.length + onB.events.length >= 30 && other.events.length >= 30, "30 events in each group");
    await sleep(200);
    const billed = [...onA.texts, ...onB.texts].map(Number).sort((x, y) => x - y);
    assert.deepEqual(billed, [...Array(30).keys()], "each event once across the two servers");
    assert.ok(onA.events.length > 0 && onB.events.length > 0, `both servers' members got work (${onA.events.length}/${onB.events.length})`);
    assert.deepEqual(other.texts.map(Number), [...Array(30).keys()], "the other group got them all, in order");
  } finally {
    await Promise.all([onA.stop(), onB.stop(), other.stop()]);
    await a.close();
    await b.close();
    await ncA.close();
    await ncB.close();
  }
});

test("the sweep removes published events past the retention and written ones past their TTL, nothing else", { timeout: 60_000 }, async () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const nc = await connectNats("events", server.url);
  const retentionMs = 1500;
  const events = await NatsEvents.open(nc, { prefix, retentionMs, sweepIntervalMs: 3_600_000 });
  const jsm = await jetstreamManager(nc);
  const stream = `${prefix}-micro`;
  try {
    await events.publish("old", "expires");
    await events.write({ topic: "notes", payload: new TextEncoder().encode("short") }, { ttlMs: 1000 });
    await events.write({ topic: "notes", payload: new TextEncoder().encode("kept") });
    // from here on, what is published is younger than the retention when the sweep runs (measured, not assumed)
    const expiredBy = Date.now() + retentionMs;
    while (Date.now() <= expiredBy) await sleep(100);
    await events.publish("old", "fresh");
    const freshUntil = Date.now() + retentionMs;
    await events.sweep();
    const swept = Date.now();
    const left = (await events.read("old")).map((e) => new TextDecoder().decode(e.payload));
    const notes = (await events.read("notes")).map((e) => new TextDecoder().decode(e.payload));
    if (swept < freshUntil) {
      assert.deepEqual(left, ['"fresh"']);
      assert.equal((await jsm.streams.info(stream)).state.messages, 2, "the expired messages are gone from the stream, not only hidden");
    }
    assert.deepEqual(notes, ["kept"]);
  } finally {
    await events.close();
    await nc.close();
  }
});

test("nats-server killed (-9) and started again: a waiting group resumes and nothing acknowledged is lost", { timeout: 120_000 }, async () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const nc = await connectNats("events", server.url);
  const events = await NatsEvents.open(nc, { prefix });
  const group = new Collector(events, "payments", { group: "ledger" });
  try {
    await untilLive(events, "payments", [group]);
    await events.publish("payments", "before");
    await waitUntil(() => group.events.length === 1, "the event before the crash");
    await server.crash();
    // published (and acknowledged by JetStream) once the server is back: every one arrives, in order
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      await until(async () => events.publish("payments", `after-${i}`).then(() => true, () => undefined), `publish ${i} after the restart`, 60_000, 200);
      sent.push(`"after-${i}"`);
    }
    await waitUntil(() => sent.every((t) => group.texts.includes(t)), "the events published after the restart", 60_000);
    // at least once: an auto-ack the kill cut off means "before" may come again; nothing published is missing
    assert.deepEqual([...new Set(group.texts)], ['"before"', ...sent]);
    assert.equal(group.error, undefined, "the consumer rode out the outage");
  } finally {
    await group.stop();
    await events.close();
    await nc.close();
  }
});
