// Manual acknowledgement cases of the events conformance suite: ack, nack, ack timeout, retry limit,
// redelivery to the rest of a group, and durable pending acks across a restart. Waits are a few ack_waits
// of 100 ms; the assertions are about what arrives, never about how fast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Collector, sleep, text, untilLive, waitUntil, withHarness, type MakeEvents, TEST_TIMEOUT } from "./support.js";

const ACK_WAIT = 100;
const RESTART_ACK_WAIT = 1000;

export function ackCases(make: MakeEvents): void {
  test("manual ack: an acked event is not delivered again", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h, track) => {
      const c = track(new Collector(h.impl, "acks", { autoAck: false, ackWaitMs: ACK_WAIT }, (ev) => ev.ack()));
      await untilLive(h.impl, "acks", [c]);
      await h.impl.publish("acks", "one");
      await waitUntil(() => c.events.length === 1, "the event");
      await sleep(3 * ACK_WAIT);
      assert.equal(c.events.length, 1);
    }));

  test("nack: the event is delivered again (without waiting for ack_wait)", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h, track) => {
      const options = { autoAck: false, ackWaitMs: 60_000 };
      const c = track(new Collector(h.impl, "nacks", options, (ev, n) => (n === 1 ? ev.nack() : ev.ack())));
      await untilLive(h.impl, "nacks", [c]);
      await h.impl.publish("nacks", "retry me");
      await waitUntil(() => c.events.length === 2, "the redelivery");
      assert.equal(c.events[0].id, c.events[1].id);
      await sleep(ACK_WAIT);
      assert.equal(c.events.length, 2, "acked after the redelivery: no third delivery");
    }));

  test("no ack within ack_wait: the event is delivered again", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h, track) => {
      const c = track(new Collector(h.impl, "slow", { autoAck: false, ackWaitMs: ACK_WAIT }, (ev, n) => (n >= 2 ? ev.ack() : undefined)));
      await untilLive(h.impl, "slow", [c]);
      await h.impl.publish("slow", "ack me late");
      await waitUntil(() => c.events.length === 2, "the redelivery");
      assert.equal(c.events[0].id, c.events[1].id);
      await sleep(3 * ACK_WAIT);
      assert.equal(c.events.length, 2);
    }));

  test("retry_limit: an event is delivered at most 1 + retry_limit times, by nack or by timeout", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h, track) => {
      const nacking = track(new Collector(h.impl, "poison", { autoAck: false, ackWaitMs: ACK_WAIT, retryLimit: 1 }, (ev) => ev.nack()));
      const silent = track(new Collector(h.impl, "ignored", { autoAck: false, ackWaitMs: ACK_WAIT, retryLimit: 2 }));
      await untilLive(h.impl, "poison", [nacking]);
      await untilLive(h.impl, "ignored", [silent]);
      await h.impl.publish("poison", "bad");
      await h.impl.publish("ignored", "unseen");
      await waitUntil(() => nacking.events.length === 2 && silent.events.length === 3, "the retries");
      await sleep(4 * ACK_WAIT);
      assert.equal(nacking.events.length, 2, "1 delivery + 1 retry");
      assert.equal(silent.events.length, 3, "1 delivery + 2 retries");
      assert.equal(new Set(silent.events.map((e) => e.id)).size, 1);
    }));

  test("unacked events of a member that leaves go to the rest of its group", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h, track) => {
      const options = { group: "g", autoAck: false, ackWaitMs: 60_000 };
      const quitter = new Collector(h.impl, "handover", options);
      await untilLive(h.impl, "handover", [quitter]);
      await h.impl.publish("handover", "unfinished");
      await waitUntil(() => quitter.events.length === 1, "the first delivery");
      await quitter.stop();
      const heir = track(new Collector(h.impl, "handover", options, (ev) => ev.ack()));
      await waitUntil(() => heir.events.length === 1, "the handover");
      assert.equal(heir.events[0].id, quitter.events[0].id);
    }));

  test("a group resumes after a restart: acked events stay done, unacked ones come back, new ones follow", { timeout: TEST_TIMEOUT }, async (t) => {
    const probe = await make();
    const durable = !!probe.restart;
    await probe.close();
    if (!durable) return t.skip("engine is not durable");
    await withHarness(make, async (h, track) => {
      // Acks travel on the consume stream with no reply, so an ack that load delays past ack_wait is a legitimate
      // redelivery (at least once): a roomier ack_wait here, and duplicates of acked events tolerated before the
      // restart; what must hold is that once acked they are not pending after it.
      const options = { group: "durable", autoAck: false, ackWaitMs: RESTART_ACK_WAIT };
      const before = new Collector(h.impl, "orders", options, (ev) => (text(ev) === '"e2"' ? undefined : ev.ack()));
      await untilLive(h.impl, "orders", [before]);
      for (const e of ["e1", "e2", "e3"]) await h.impl.publish("orders", e);
      await waitUntil(() => before.count(before.events.find((e) => text(e) === '"e2"')?.id ?? "") >= 2, "e2 redelivered");
      assert.deepEqual([...new Set(before.texts.filter((s) => s !== '"e2"'))], ['"e1"', '"e3"']);
      await before.stop();

      await h.restart!();
      await h.impl.publish("orders", "e4");
      const after = track(new Collector(h.impl, "orders", options, (ev) => ev.ack()));
      await waitUntil(() => after.texts.includes('"e2"') && after.texts.includes('"e4"'), "e2 and e4 after the restart");
      await sleep(3 * RESTART_ACK_WAIT);
      assert.deepEqual([...after.texts].sort(), ['"e2"', '"e4"']);
    });
  });
}
