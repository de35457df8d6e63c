// The events conformance suite, written against the Events interface: every engine (embedded, remote over
// gRPC, later NATS/Redis) must pass it unchanged.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ackCases } from "./conformance-acks.js";
import { storeCases } from "./conformance-store.js";
import { Collector, isBadTopic, nowSeconds, sleep, text, untilLive, waitUntil, withHarness, type MakeEvents, TEST_TIMEOUT } from "./support.js";

export type { EventsHarness, MakeEvents } from "./support.js";

export function conformance(name: string, make: MakeEvents): void {
  describe(`events conformance: ${name}`, () => {
    test("publish then consume: payload, metadata, id and timestamp in Unix seconds", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const c = track(new Collector(h.impl, "orders"));
        await untilLive(h.impl, "orders", [c]);
        const before = nowSeconds();
        await h.impl.publish("orders", { item: "shoe" }, { metadata: { source: "shop" } });
        await waitUntil(() => c.events.length === 1, "the event");
        const ev = c.events[0];
        assert.deepEqual(ev.json(), { item: "shoe" });
        assert.equal(ev.topic, "orders");
        assert.equal(ev.metadata.source, "shop");
        assert.match(ev.id, /^[0-9a-f-]{36}$/);
        assert.ok(ev.timestamp >= before - 1 && ev.timestamp <= nowSeconds() + 1, `timestamp ${ev.timestamp} is Unix seconds`);
        assert.equal(c.error, undefined);
      }));

    test("bytes are delivered as given, a set timestamp is kept", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const c = track(new Collector(h.impl, "raw"));
        await untilLive(h.impl, "raw", [c]);
        await h.impl.publish("raw", new Uint8Array([0, 1, 2, 255]), { timestamp: 1_600_000_000 });
        await waitUntil(() => c.events.length === 1, "the event");
        assert.deepEqual([...c.events[0].payload], [0, 1, 2, 255]);
        assert.equal(c.events[0].timestamp, 1_600_000_000);
      }));

    test("without an offset a new consumer only sees events published after it subscribed", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        await h.impl.publish("news", "old");
        const c = track(new Collector(h.impl, "news"));
        await untilLive(h.impl, "news", [c]);
        await h.impl.publish("news", "new");
        await waitUntil(() => c.events.length === 1, "the new event");
        await sleep(50);
        assert.deepEqual(c.texts, ['"new"']);
      }));

    test("an empty topic is a 400 naming the field", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h) => {
        await assert.rejects(h.impl.publish("", "x"), isBadTopic);
        await assert.rejects(async () => {
          for await (const _ of h.impl.consume("")) break;
        }, isBadTopic);
        await h.impl.publish("fine", "still serving");
      }));

    test("two members of one group split the events: each exactly once, none lost", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const a = track(new Collector(h.impl, "jobs", { group: "workers" }));
        const b = track(new Collector(h.impl, "jobs", { group: "workers" }));
        await untilLive(h.impl, "jobs", [a, b]);
        for (let i = 0; i < 20; i++) await h.impl.publish("jobs", i);
        await waitUntil(() => a.events.length + b.events.length >= 20, "all 20 events");
        await sleep(50);
        const got = [...a.texts, ...b.texts].map(Number).sort((x, y) => x - y);
        assert.deepEqual(got, [...Array(20).keys()], "every event exactly once across the group");
        assert.ok(a.events.length > 0 && b.events.length > 0, `both members got work (${a.events.length}/${b.events.length})`);
      }));

    test("every group, and every private consumer, gets every event", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const g1 = track(new Collector(h.impl, "fan", { group: "one" }));
        const g2 = track(new Collector(h.impl, "fan", { group: "two" }));
        const solo = track(new Collector(h.impl, "fan"));
        await untilLive(h.impl, "fan", [g1, g2, solo]);
        for (const n of [1, 2, 3]) await h.impl.publish("fan", n);
        await waitUntil(() => [g1, g2, solo].every((c) => c.events.length === 3), "3 events in each group");
        for (const c of [g1, g2, solo]) assert.deepEqual(c.texts, ["1", "2", "3"]);
      }));

    test("offset replays events from a time (Unix seconds), then follows new ones", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const t = nowSeconds();
        await h.impl.publish("replay", "ancient", { timestamp: t - 100 });
        await h.impl.publish("replay", "recent", { timestamp: t - 50 });
        await h.impl.publish("replay", "now", { timestamp: t });
        const solo = track(new Collector(h.impl, "replay", { offset: t - 50 }));
        const group = track(new Collector(h.impl, "replay", { group: "replayers", offset: new Date((t - 50) * 1000) }));
        const fresh = track(new Collector(h.impl, "replay"));
        await untilLive(h.impl, "replay", [solo, group, fresh]);
        await h.impl.publish("replay", "later");
        await waitUntil(() => solo.events.length === 3 && group.events.length === 3 && fresh.events.length === 1, "replay");
        assert.deepEqual(solo.texts, ['"recent"', '"now"', '"later"']);
        assert.deepEqual(group.texts, ['"recent"', '"now"', '"later"']);
        assert.deepEqual(fresh.texts, ['"later"']);
      }));

    test("a group resumes where it left off: events published while it had no member arrive later", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const first = new Collector(h.impl, "resume", { group: "g" });
        await untilLive(h.impl, "resume", [first]);
        await h.impl.publish("resume", "a");
        await waitUntil(() => first.events.length === 1, "a");
        await first.stop();
        await h.impl.publish("resume", "b");
        await h.impl.publish("resume", "c");
        const second = track(new Collector(h.impl, "resume", { group: "g" }));
        await waitUntil(() => second.events.length === 2, "b and c");
        assert.deepEqual(second.texts, ['"b"', '"c"']);
      }));

    test("namespaces are isolated: a consumer in A never sees events published in B", { timeout: TEST_TIMEOUT }, () =>
      withHarness(make, async (h, track) => {
        const inA = track(new Collector(h.impl, "shared", { namespace: "alpha", group: "g" }));
        const inB = track(new Collector(h.impl, "shared", { namespace: "beta", group: "g" }));
        await untilLive(h.impl, "shared", [inA], "alpha");
        await untilLive(h.impl, "shared", [inB], "beta");
        await h.impl.publish("shared", "for beta", { namespace: "beta" });
        await h.impl.publish("shared", "for alpha", { namespace: "alpha" });
        await waitUntil(() => inA.events.length === 1 && inB.events.length === 1, "one event each");
        await sleep(50);
        assert.deepEqual(inA.texts, ['"for alpha"']);
        assert.deepEqual(inB.texts, ['"for beta"']);
        assert.deepEqual((await h.impl.read("shared", { namespace: "alpha" })).filter((e) => !e.metadata.probe).map(text), ['"for alpha"']);
      }));

    ackCases(make);
    storeCases(make);
  });
}
