// Events store cases of the conformance suite: Read over published events, Write with a TTL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bytes, Collector, isBadTopic, text, untilLive, waitUntil, withHarness, type MakeEvents, TEST_TIMEOUT } from "./support.js";
import { pastDeadline, withinTtl } from "../support/deadline.js";

export function storeCases(make: MakeEvents): void {
  test("store read: a topic's published events, oldest first, with limit and offset, per namespace", { timeout: TEST_TIMEOUT }, () =>
    withHarness(make, async (h) => {
      for (const n of ["a", "b", "c"]) await h.impl.publish("history", n, { metadata: { n } });
      await h.impl.publish("other", "x");
      const all = await h.impl.read("history");
      assert.deepEqual(all.map(text), ['"a"', '"b"', '"c"']);
      assert.equal(all[1].metadata.n, "b");
      assert.equal(all[1].topic, "history");
      assert.ok(all.every((e) => e.id && e.timestamp > 0));
      assert.deepEqual((await h.impl.read("history", { limit: 2 })).map(text), ['"a"', '"b"']);
      assert.deepEqual((await h.impl.read("history", { offset: 1, limit: 1 })).map(text), ['"b"']);
      assert.deepEqual(await h.impl.read("history", { namespace: "elsewhere" }), []);
      assert.deepEqual(await h.impl.read("nothing-here"), []);
      await assert.rejects(h.impl.read(""), isBadTopic);
    }));

  // withinTtl may need a few rounds, each with a longer TTL, on a loaded machine: hence the longer timeout
  test("store write: the event is kept for its TTL; 0 keeps it; it is never delivered to consumers", { timeout: 120_000 }, () =>
    withHarness(make, async (h, track) => {
      const c = track(new Collector(h.impl, "audit"));
      await untilLive(h.impl, "audit", [c]);
      await h.impl.write({ topic: "audit", payload: bytes("kept") });
      await h.impl.publish("audit", "published");
      await waitUntil(() => c.events.length === 1, "the published event");
      // the short-lived event is asserted stored only from calls that ended before its deadline (see withinTtl)
      const short = await withinTtl(async (ttlMs) => {
        const id = `short-lived-${ttlMs}`;
        await h.impl.write({ id, topic: "audit", payload: bytes("gone soon"), metadata: { k: "v" }, timestamp: 1_700_000_000 }, { ttlMs });
        const stored = (await h.impl.read("audit")).filter((e) => !e.metadata.probe);
        assert.deepEqual(stored.slice(0, 2).map(text), ["kept", '"published"']);
        const mine = stored.find((e) => e.id === id);
        assert.ok(mine, `${id} is stored`);
        assert.deepEqual({ text: text(mine), ts: mine.timestamp, md: mine.metadata }, { text: "gone soon", ts: 1_700_000_000, md: { k: "v" } });
      });
      await pastDeadline(short);
      const later = (await h.impl.read("audit")).filter((e) => !e.metadata.probe);
      assert.deepEqual(later.map(text), ["kept", '"published"'], "expired after its TTL");
      assert.ok(later[0].id, "an id is assigned");
      assert.deepEqual(c.texts, ['"published"'], "written events are history only");
      await assert.rejects(h.impl.write({ topic: "", payload: bytes("x") }), isBadTopic);
    }));
}
