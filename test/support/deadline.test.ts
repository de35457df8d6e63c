// test/support/deadline.ts: an attempt counts only when it ended within its TTL; slow ones are retried with a
// longer TTL, failures within the TTL are real. The sleeps here are lower bounds (a timer never fires early).
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { pastDeadline, withinTtl } from "./deadline.js";

test("an attempt slower than its TTL proves nothing and is retried with a doubled TTL, even if it failed", async () => {
  const tried: number[] = [];
  const r = await withinTtl(async (ttlMs) => {
    tried.push(ttlMs);
    if (tried.length === 1) { await sleep(120); throw new Error("expired meanwhile"); }
    return "seen";
  }, 100);
  assert.deepEqual(tried.slice(0, 2), [100, 200]);
  assert.equal(r.value, "seen");
  assert.ok(r.ttlMs >= 200);
});

test("a failure within the TTL is a real failure; too slow at the last TTL is one too", async () => {
  await assert.rejects(withinTtl(async () => { throw new Error("not found"); }, 60_000), /^Error: not found$/);
  await assert.rejects(withinTtl(() => sleep(30), 10, 20), /every attempt took longer than its TTL, up to 20 ms/);
});

test("pastDeadline resolves only once the clock is past endedAt + ttlMs", async () => {
  const endedAt = Date.now();
  await pastDeadline({ endedAt, ttlMs: 50 });
  assert.ok(Date.now() > endedAt + 50);
});
