// The broker conformance suite, written against the Broker interface: the in-memory broker and the remote
// client over gRPC (later NATS) must pass it unchanged.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { MicroError } from "../../runtime/rpc/index.js";
import { body, sleep, Subscriber, TEST_TIMEOUT, untilLive, waitUntil, withBroker, type MakeBroker } from "./support.js";

export type { BrokerHarness, MakeBroker } from "./support.js";

const isBadTopic = (e: unknown) => e instanceof MicroError && e.code === 400 && /topic/.test(e.detail);
const range = (n: number) => [...Array(n).keys()].map(String);

export function conformance(name: string, make: MakeBroker): void {
  describe(`broker conformance: ${name}`, () => {
    test("a subscriber gets the header and body of what is published", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker, track) => {
        const s = track(new Subscriber(broker, "greetings"));
        await untilLive(broker, "greetings", [s]);
        await broker.publish("greetings", { header: { "Content-Type": "text/plain" }, body: body("hello") });
        await waitUntil(() => s.messages.length === 1, "the message");
        assert.deepEqual(s.bodies, ["hello"]);
        assert.equal(s.messages[0].header["Content-Type"], "text/plain");
      }));

    test("fire and forget: what was published before a subscription is not delivered", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker, track) => {
        await broker.publish("late", { body: body("too early") });
        const s = track(new Subscriber(broker, "late"));
        await untilLive(broker, "late", [s]);
        await broker.publish("late", { body: body("in time") });
        await waitUntil(() => s.messages.length === 1, "the message");
        await sleep(50);
        assert.deepEqual(s.bodies, ["in time"]);
      }));

    test("fan-out: every plain subscriber gets every message", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker, track) => {
        const a = track(new Subscriber(broker, "news"));
        const b = track(new Subscriber(broker, "news"));
        await untilLive(broker, "news", [a, b]);
        for (const n of range(5)) await broker.publish("news", { body: body(n) });
        await waitUntil(() => a.messages.length === 5 && b.messages.length === 5, "5 messages each");
        assert.deepEqual(a.bodies, range(5));
        assert.deepEqual(b.bodies, range(5));
      }));

    test("queue groups: each message to one member of a queue, to every other queue and plain subscriber", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker, track) => {
        const q1 = track(new Subscriber(broker, "work", { queue: "workers" }));
        const q2 = track(new Subscriber(broker, "work", { queue: "workers" }));
        const audit = track(new Subscriber(broker, "work", { queue: "audit" }));
        const plain = track(new Subscriber(broker, "work"));
        await untilLive(broker, "work", [q1, q2, audit, plain]);
        for (const n of range(10)) await broker.publish("work", { body: body(n) });
        await waitUntil(() => q1.messages.length + q2.messages.length >= 10 && audit.messages.length === 10 && plain.messages.length === 10, "all messages");
        await sleep(50);
        const shared = [...q1.bodies, ...q2.bodies].sort((x, y) => Number(x) - Number(y));
        assert.deepEqual(shared, range(10), "each message exactly once within the queue");
        assert.ok(q1.messages.length > 0 && q2.messages.length > 0, "both queue members got messages");
        assert.deepEqual(audit.bodies, range(10));
        assert.deepEqual(plain.bodies, range(10));
      }));

    test("namespaces are isolated", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker, track) => {
        const inA = track(new Subscriber(broker, "t", { namespace: "alpha" }));
        const inB = track(new Subscriber(broker, "t", { namespace: "beta" }));
        await untilLive(broker, "t", [inA], "alpha");
        await untilLive(broker, "t", [inB], "beta");
        await broker.publish("t", { body: body("for beta") }, { namespace: "beta" });
        await broker.publish("t", { body: body("for alpha") }, { namespace: "alpha" });
        await waitUntil(() => inA.messages.length === 1 && inB.messages.length === 1, "one message each");
        await sleep(50);
        assert.deepEqual(inA.bodies, ["for alpha"]);
        assert.deepEqual(inB.bodies, ["for beta"]);
      }));

    test("an empty topic is a 400 naming the field", { timeout: TEST_TIMEOUT }, () =>
      withBroker(make, async (broker) => {
        await assert.rejects(broker.publish("", { body: body("x") }), isBadTopic);
        await assert.rejects(async () => {
          for await (const _ of broker.subscribe("")) break;
        }, isBadTopic);
      }));
  });
}
