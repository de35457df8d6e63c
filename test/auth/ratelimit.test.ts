import { test } from "node:test";
import assert from "node:assert/strict";
import { FailureLimiter, FailureSlowdown, PEER_HEADER } from "../../runtime/auth/ratelimit.js";
import { captured, startCapture } from "./capture.js";
import { refusedWith, startPlatform } from "./harness.js";

startCapture();
const GUESSES = ["guess-one-1", "guess-two-2", "guess-three-3", "guess-four-4", "guess-five-5", "guess-six-6"];

test("FailureLimiter: blocks a key after N failures in the window, for blockMs, then lets it try again", () => {
  let now = 1_000_000;
  const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, blockMs: 30_000, now: () => now });
  const keys = ["account micro/admin"];
  limiter.fail(keys);
  now += 70_000; // the first failure leaves the window
  limiter.fail(keys);
  limiter.fail(keys);
  limiter.check(keys);
  assert.deepEqual(limiter.fail(keys), keys, "third failure within the window blocks");
  assert.throws(() => limiter.check(keys), refusedWith(429));
  assert.doesNotThrow(() => limiter.check(["account micro/other"]), "other keys are unaffected");
  now += 30_001;
  assert.doesNotThrow(() => limiter.check(keys), "the block ends");
  limiter.fail(keys);
  limiter.succeed(keys);
  limiter.fail(keys);
  limiter.fail(keys);
  assert.doesNotThrow(() => limiter.check(keys), "a success resets the count");
});

test("FailureLimiter: memory stays bounded when ids are sprayed", () => {
  const limiter = new FailureLimiter({ maxKeys: 100 });
  for (let i = 0; i < 1000; i++) limiter.fail([`account micro/id-${i}`]);
  assert.ok((limiter as unknown as { entries: Map<string, unknown> }).entries.size <= 100);
});

test("Auth.Token: repeated failures get 429 (even with the right secret), per account, unknown ids included", async () => {
  const p = await startPlatform({ limits: { maxFailures: 5, windowMs: 60_000, blockMs: 60_000 } });
  try {
    const anon = p.as();
    for (const guess of GUESSES.slice(0, 5)) await assert.rejects(anon.auth.login("admin", guess), refusedWith(401, [guess]));
    await assert.rejects(anon.auth.login("admin", GUESSES[5]), refusedWith(429, [GUESSES[5]]));
    await assert.rejects(anon.auth.login("admin", "micro"), refusedWith(429), "blocked even with the right secret");
    // another account is not affected
    await p.auth.generate({ id: "other", secret: "other-pass" });
    assert.ok((await anon.auth.login("other", "other-pass")).accessToken);
    // an id that does not exist is limited the same way, so 429s reveal nothing about which ids exist
    for (const guess of GUESSES.slice(0, 5)) await assert.rejects(anon.auth.login("ghost", guess), refusedWith(401));
    await assert.rejects(anon.auth.login("ghost", GUESSES[0]), refusedWith(429));
    // failed old-secret checks on ChangeSecret count too
    const other = p.withToken((await anon.auth.login("other", "other-pass")).accessToken);
    for (const guess of GUESSES.slice(0, 5)) await assert.rejects(other.auth.changeSecret("other", "new-pass", { oldSecret: guess }), refusedWith(403));
    await assert.rejects(other.auth.changeSecret("other", "new-pass", { oldSecret: "other-pass" }), refusedWith(429));
    assert.match(captured(), /too many failed attempts for account micro\/admin/, "blocking is logged");
  } finally {
    await p.close();
  }
});

test("an attacker's address hammering alice's account does not stop alice logging in from hers", async () => {
  const p = await startPlatform({
    limits: { maxFailures: 5, windowMs: 60_000, blockMs: 60_000 },
    // the account-wide slowdown starts early here, with short delays, so the test sees it without waiting long
    slowdown: { after: 3, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 100 },
  });
  try {
    await p.auth.generate({ id: "alice", secret: "alice-password" });
    const attacker = p.as({ [PEER_HEADER]: "203.0.113.66" }).auth;
    const alice = p.as({ [PEER_HEADER]: "198.51.100.7" }).auth;
    for (const guess of GUESSES.slice(0, 5)) await assert.rejects(attacker.login("alice", guess), refusedWith(401, [guess]));
    for (let i = 0; i < 5; i++) await assert.rejects(attacker.login("alice", "alice-password"), refusedWith(429), "the attacker's address is blocked for alice");
    // alice, from her own address, with her own password: in at once, and her own typo is only a 401
    assert.ok((await alice.login("alice", "alice-password")).accessToken);
    await assert.rejects(alice.login("alice", "alice-pasword"), refusedWith(401));
    assert.ok((await alice.login("alice", "alice-password")).accessToken);
    // the attack from many addresses never blocks the account: each new address gets 401s (slowed down), not 429
    for (let n = 1; n <= 4; n++) await assert.rejects(p.as({ [PEER_HEADER]: `203.0.113.${n}` }).auth.login("alice", GUESSES[n]!), refusedWith(401));
    assert.ok((await alice.login("alice", "alice-password")).accessToken, "alice still logs in");
    assert.match(captured(), /too many failed attempts for account micro\/alice from 203\.0\.113\.66/);
    assert.match(captured(), /many failed attempts for account micro\/alice from any address; slowing/);
  } finally {
    await p.close();
  }
});

test("FailureSlowdown: no delay up to the threshold, then doubling to the ceiling; the window forgets", () => {
  let now = 0;
  const slow = new FailureSlowdown({ after: 2, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 350, now: () => now });
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(() => slow.fail("micro/alice").delayMs), [0, 0, 100, 200, 350, 350]);
  assert.equal(slow.fail("micro/bob").delayMs, 0, "per account");
  now += 10_001;
  assert.equal(slow.fail("micro/alice").delayMs, 0);
});

test("nothing written to the console contains a guessed or real password", () => {
  const out = captured();
  for (const secret of [...GUESSES, "other-pass", "new-pass", "alice-password", "alice-pasword"]) assert.ok(!out.includes(secret), "a password reached the console output");
});
