// Signup: open, invite-only or off; rate limited per client address and overall; namespaces and accounts
// capped; a minimum password length; and scrypt work bounded by gates that refuse (503) rather than queue forever.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WorkGate } from "../../runtime/auth/gate.js";
import { PEER_HEADER } from "../../runtime/auth/ratelimit.js";
import { parseSignupMode, signupLimitsFromEnv, SignupLimits } from "../../runtime/auth/signup.js";
import { refusedWith, startPlatform } from "./harness.js";

const PASSWORD = "founder-password-1";

test("SignupLimits: per address and overall within a sliding minute, refused attempts not counted", () => {
  let now = 5_000_000;
  const limits = new SignupLimits({ perAddressPerMinute: 2, perMinute: 3, now: () => now });
  limits.take("10.0.0.1");
  limits.take("10.0.0.1");
  assert.throws(() => limits.take("10.0.0.1"), (e: unknown) => refusedWith(429)(e) && /from your address; try again in 60s/.test(String(e)));
  limits.take("10.0.0.2");
  assert.throws(() => limits.take("10.0.0.3"), (e: unknown) => refusedWith(429)(e) && /on this server right now/.test(String(e)));
  now += 60_001;
  limits.take("10.0.0.1");
  limits.take("10.0.0.3");
});

test("signup settings: a bad mode or limit is a clear error naming where it came from", () => {
  assert.equal(parseSignupMode("invite", "--signup"), "invite");
  assert.equal(parseSignupMode(undefined, "--signup"), undefined);
  assert.throws(() => parseSignupMode("closed", "--signup"), /--signup must be one of open, invite, off \(got "closed"\)/);
  assert.deepEqual(signupLimitsFromEnv({ MICRO_SIGNUP_PER_ADDRESS: "3", MICRO_MAX_NAMESPACES: "7" }),
    { perAddressPerMinute: 3, perMinute: undefined, maxNamespaces: 7, maxAccountsPerNamespace: undefined });
  assert.throws(() => signupLimitsFromEnv({ MICRO_SIGNUP_PER_MINUTE: "lots" }), /MICRO_SIGNUP_PER_MINUTE=lots is not a positive whole number/);
  assert.throws(() => signupLimitsFromEnv({ MICRO_MAX_ACCOUNTS_PER_NAMESPACE: "0" }), /MICRO_MAX_ACCOUNTS_PER_NAMESPACE=0/);
});

test("signup off: refused with 403 saying so", async () => {
  const p = await startPlatform({ signupOptions: { mode: "off" } });
  try {
    await assert.rejects(p.as().auth.signup("newco", "founder", PASSWORD), (e: unknown) => refusedWith(403, [PASSWORD])(e) && /signup is disabled/.test(String(e)));
  } finally {
    await p.close();
  }
});

test("signup by invite: only platform admins create codes; a code is needed, used once, and may be bound to an email", async () => {
  const p = await startPlatform({ signupOptions: { mode: "invite" } });
  try {
    const admin = p.withToken((await p.as().auth.login("admin", "micro")).accessToken);
    const invite = async (email = "") => (await admin.rawAuth.generate({ id: email, type: "invite" })).account!;
    const signup = (ns: string, id: string, code?: string) =>
      p.as().rawAuth.generate({ id, secret: PASSWORD, type: "user", options: { namespace: ns }, metadata: code ? { invite: code } : {} });

    await assert.rejects(signup("acme", "founder@acme.io"), (e: unknown) => refusedWith(403)(e) && /needs an invite code/.test(String(e)));
    await assert.rejects(signup("acme", "founder@acme.io", "made-up-code"), (e: unknown) => refusedWith(403, ["made-up-code"])(e) && /invite code is not valid/.test(String(e)));
    const open = await invite();
    assert.equal(open.type, "invite");
    assert.ok(open.secret.length >= 20, "the code is returned once, as the secret");
    assert.match(open.metadata.expires ?? "", /^\d{4}-\d\d-\d\dT/);
    const created = (await signup("acme", "founder@acme.io", open.secret)).account!;
    assert.equal(created.issuer, "acme");
    assert.deepEqual(created.metadata, {}, "the invite code is not stored with the account");
    await assert.rejects(signup("acme-two", "other@acme.io", open.secret), (e: unknown) => refusedWith(403)(e) && /not valid/.test(String(e)), "used once");

    const bound = await invite("alice@example.com");
    await assert.rejects(signup("mallory-co", "mallory@example.com", bound.secret), refusedWith(403), "bound to another email");
    assert.equal((await signup("alice-co", "alice@example.com", bound.secret)).account!.issuer, "alice-co");

    // a tenant's own admin is not a platform admin: no invites from there, nor from anonymous callers
    const acme = p.withToken((await p.as({ "micro-namespace": "acme" }).auth.login("founder@acme.io", PASSWORD)).accessToken, "acme");
    await assert.rejects(acme.rawAuth.generate({ id: "", type: "invite" }), (e: unknown) => refusedWith(403)(e) && /server's admins/.test(String(e)));
    await assert.rejects(p.as().rawAuth.generate({ id: "", type: "invite" }), refusedWith(401));
  } finally {
    await p.close();
  }
});

test("signup rates: per address, then overall; other addresses keep their share until the overall limit", async () => {
  const p = await startPlatform({ signupOptions: { perAddressPerMinute: 2, perMinute: 4 } });
  try {
    const from = (peer: string) => p.as({ [PEER_HEADER]: peer }).auth;
    await from("10.0.0.1").signup("ns-a1", "a@example.com", PASSWORD);
    // a refused attempt (namespace taken) counts too: every attempt costs the address its share
    await assert.rejects(from("10.0.0.1").signup("micro", "a@example.com", PASSWORD), refusedWith(403));
    await assert.rejects(from("10.0.0.1").signup("ns-a3", "a@example.com", PASSWORD), refusedWith(429, [PASSWORD]));
    assert.equal(p.auth.namespaceExists("ns-a3"), false);
    await from("10.0.0.2").signup("ns-b1", "b@example.com", PASSWORD);
    await from("10.0.0.3").signup("ns-c1", "c@example.com", PASSWORD);
    await assert.rejects(from("10.0.0.4").signup("ns-d1", "d@example.com", PASSWORD), (e: unknown) => refusedWith(429)(e) && /on this server/.test(String(e)));
  } finally {
    await p.close();
  }
});

test("passwords people choose have at least 8 characters (signup, changing one's own); the message never echoes them", async () => {
  const p = await startPlatform();
  try {
    await assert.rejects(p.as().auth.signup("shorty", "s@example.com", "seven77"), (e: unknown) => refusedWith(400, ["seven77"])(e) && /secret is too short: use at least 8 characters/.test(String(e)));
    assert.equal(p.auth.namespaceExists("shorty"), false);
    await p.as().auth.signup("longer", "l@example.com", "eight888");
    const me = p.withToken((await p.as({ "micro-namespace": "longer" }).auth.login("l@example.com", "eight888")).accessToken, "longer");
    await assert.rejects(me.auth.changeSecret("l@example.com", "tiny1", { oldSecret: "eight888" }), (e: unknown) => refusedWith(400, ["tiny1"])(e) && /new_secret is too short/.test(String(e)));
  } finally {
    await p.close();
  }
});

test("disk: the number of namespaces and of accounts per namespace is capped", async () => {
  const p = await startPlatform({ signupOptions: { maxNamespaces: 2, maxAccountsPerNamespace: 2 } });
  try {
    await p.as().auth.signup("first", "f@example.com", PASSWORD); // with micro: 2 namespaces
    await assert.rejects(p.as().auth.signup("second", "s@example.com", PASSWORD), (e: unknown) => refusedWith(403)(e) && /takes no more signups/.test(String(e)));
    const first = p.withToken((await p.as({ "micro-namespace": "first" }).auth.login("f@example.com", PASSWORD)).accessToken, "first");
    await first.auth.generate({ id: "helper", secret: "helper-password" });
    await assert.rejects(first.auth.generate({ id: "third", secret: "third-password" }), (e: unknown) => refusedWith(403)(e) && /holds the most accounts/.test(String(e)));
  } finally {
    await p.close();
  }
});

test("WorkGate: runs at most `concurrency` jobs, queues at most `maxQueued`, refuses the rest with 503 at once", async () => {
  const gate = new WorkGate("signups", { concurrency: 1, maxQueued: 1 });
  const releases: (() => void)[] = [];
  const job = () => new Promise<string>((resolve) => releases.push(() => resolve("done")));
  const first = gate.run(job);
  const second = gate.run(job);
  await assert.rejects(gate.run(job), (e: unknown) => refusedWith(503)(e) && /busy with signups/.test(String(e)));
  assert.deepEqual(gate.load, { active: 1, queued: 1 });
  assert.equal(releases.length, 1, "the queued job waits");
  releases[0]!();
  assert.equal(await first, "done");
  await new Promise((r) => setImmediate(r));
  assert.equal(releases.length, 2, "the queued job runs once a slot frees");
  releases[1]!();
  assert.equal(await second, "done");
  assert.deepEqual(gate.load, { active: 0, queued: 0 });
  // a failing job frees its slot too
  await assert.rejects(gate.run(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await gate.run(async () => "again"), "again");
});
