import { test } from "node:test";
import assert from "node:assert/strict";
import { captured, startCapture } from "./capture.js";
import { refusedWith, startPlatform } from "./harness.js";

startCapture();
/** Every password used in this file: none may ever reach the console. */
const PASSWORDS = ["alice-first-pass-1", "alice-second-pass-2", "founder-pass-3", "someone-else-4", "helper-pass-5", "reset-by-admin-6"];

test("Generate: admins create accounts; others cannot; ids and secrets are validated", async () => {
  const p = await startPlatform();
  try {
    const admin = p.withToken((await p.as().auth.login("admin", "micro")).accessToken);
    const alice = await admin.auth.generate({ id: "alice@example.com", secret: PASSWORDS[0], scopes: ["dev"], name: "Alice" });
    assert.equal(alice.issuer, "micro");
    assert.equal(alice.type, "user");
    assert.equal(alice.secret, PASSWORDS[0]);
    const svc = await admin.auth.generate({ id: "svc-1", type: "service", scopes: ["service"] });
    assert.ok(svc.secret.length >= 24, "an empty secret is generated and returned once");
    assert.ok((await p.as().auth.login("svc-1", svc.secret)).accessToken);
    const listed = await admin.auth.listAccounts();
    assert.deepEqual(listed.map((a) => a.id).sort(), ["admin", "alice@example.com", "svc-1"]);
    assert.ok(listed.every((a) => !("secret" in a) || !(a as { secret?: string }).secret), "List never carries secrets");

    await assert.rejects(admin.auth.generate({ id: "alice@example.com", secret: "x" }), refusedWith(409));
    // a non-admin of the namespace, and an anonymous caller, cannot add accounts to it
    const aliceCaller = p.withToken((await p.as().auth.login("alice@example.com", PASSWORDS[0])).accessToken);
    await assert.rejects(aliceCaller.auth.generate({ id: "mallory", secret: "x" }), refusedWith(403));
    await assert.rejects(p.as().auth.generate({ id: "mallory", secret: "x" }), refusedWith(403));
    await assert.rejects(aliceCaller.auth.listAccounts(), refusedWith(403));
    await assert.rejects(p.as().auth.listAccounts(), refusedWith(401));

    // validation: a clear 400 naming the field, never echoing the secret
    const huge = "p".repeat(1025);
    await assert.rejects(admin.auth.generate({ id: "Bad Id", secret: "x" }), (e: unknown) => refusedWith(400)(e) && /invalid id/.test(String(e)));
    await assert.rejects(admin.auth.generate({ id: "bob", secret: huge }), refusedWith(400, [huge]));
    await assert.rejects(admin.auth.generate({ id: "bob", secret: "x", type: "robot" }), (e: unknown) => refusedWith(400)(e) && /type/.test(String(e)));
    await assert.rejects(admin.auth.generate({ id: "bob", secret: "x", namespace: "Not_Valid" }), (e: unknown) => refusedWith(400)(e) && /namespace/.test(String(e)));
    // ...but a login with an empty or oversized secret is bad credentials: 401
    await assert.rejects(p.as().auth.login("admin", ""), (e: unknown) => refusedWith(401)(e) && /invalid account id or secret/.test(String(e)));
    await assert.rejects(p.as().auth.login("admin", huge), refusedWith(401, [huge]));
    // the platform admin may create an account in another (new) namespace, which gets its default rule
    await admin.auth.generate({ id: "ops", secret: PASSWORDS[4], scopes: ["admin"], namespace: "tenant-a" });
    assert.deepEqual((await admin.auth.listRules({ namespace: "tenant-a" })).map((r) => r.id), ["default"]);
  } finally {
    await p.close();
  }
});

test("signup: an anonymous Generate creates a new namespace with its first admin; refused when it exists or is off", async () => {
  const p = await startPlatform();
  try {
    const founder = await p.as().auth.signup("acme", "founder", PASSWORDS[2]);
    assert.equal(founder.issuer, "acme");
    assert.deepEqual(founder.scopes, ["admin"], "the first account administers the namespace");
    const t = await p.as({ "micro-namespace": "acme" }).auth.login("founder", PASSWORDS[2]);
    const acme = p.withToken(t.accessToken, "acme");
    assert.deepEqual((await acme.auth.listRules()).map((r) => r.id), ["default"]);
    assert.deepEqual((await acme.auth.listAccounts()).map((a) => a.id), ["founder"]);
    // not the same account in "micro": namespaces are separate
    await assert.rejects(p.as().auth.login("founder", PASSWORDS[2]), refusedWith(401));

    await assert.rejects(p.as().auth.signup("acme", "someone", PASSWORDS[3]), refusedWith(403, [PASSWORDS[3]]));
    await assert.rejects(p.as().auth.signup("micro", "someone", PASSWORDS[3]), refusedWith(403));
    await assert.rejects(p.as().auth.signup("empty-pass", "someone", ""), refusedWith(400));
    await assert.rejects(p.as().auth.signup("Bad_NS", "someone", PASSWORDS[3]), refusedWith(400));
    // an admin of acme cannot sign up for micro's namespace-admin rights through Generate either
    await assert.rejects(acme.auth.generate({ id: "x", secret: "y", namespace: "micro" }), refusedWith(403));
  } finally {
    await p.close();
  }
  const closed = await startPlatform({ signupOptions: { mode: "off" } });
  try {
    await assert.rejects(closed.as().auth.signup("newco", "founder", PASSWORDS[2]), (e: unknown) => refusedWith(403)(e) && /signup is disabled/.test(String(e)));
  } finally {
    await closed.close();
  }
});

test("ChangeSecret: own secret needs the old one; the old password and all refresh tokens stop working", async () => {
  const p = await startPlatform();
  try {
    const admin = p.withToken((await p.as().auth.login("admin", "micro")).accessToken);
    await admin.auth.generate({ id: "alice", secret: PASSWORDS[0] });
    await admin.auth.generate({ id: "bob", secret: PASSWORDS[3] });
    const session = await p.as().auth.login("alice", PASSWORDS[0]);
    const alice = p.withToken(session.accessToken);

    await assert.rejects(alice.auth.changeSecret("alice", PASSWORDS[1]), refusedWith(400));
    await assert.rejects(alice.auth.changeSecret("alice", PASSWORDS[1], { oldSecret: "wrong-old" }), refusedWith(403, ["wrong-old", PASSWORDS[1]]));
    await assert.rejects(alice.auth.changeSecret("bob", PASSWORDS[1], { oldSecret: PASSWORDS[3] }), refusedWith(403));
    await assert.rejects(p.as().auth.changeSecret("alice", PASSWORDS[1], { oldSecret: PASSWORDS[0] }), refusedWith(401));
    await assert.rejects(alice.auth.changeSecret("alice", "", { oldSecret: PASSWORDS[0] }), refusedWith(400));

    await alice.auth.changeSecret("alice", PASSWORDS[1], { oldSecret: PASSWORDS[0] });
    await assert.rejects(p.as().auth.login("alice", PASSWORDS[0]), refusedWith(401, [PASSWORDS[0]]));
    assert.ok((await p.as().auth.login("alice", PASSWORDS[1])).accessToken);
    await assert.rejects(p.as().auth.refresh(session.refreshToken), refusedWith(401, [session.refreshToken]));

    // an admin resets without the old secret
    const bobSession = await p.as().auth.login("bob", PASSWORDS[3]);
    await admin.auth.changeSecret("bob", PASSWORDS[5]);
    assert.ok((await p.as().auth.login("bob", PASSWORDS[5])).accessToken);
    await assert.rejects(p.as().auth.refresh(bobSession.refreshToken), refusedWith(401));

    // the default admin changes its own password, as `micro user set password` does
    await admin.auth.changeSecret("admin", PASSWORDS[4], { oldSecret: "micro" });
    await assert.rejects(p.as().auth.login("admin", "micro"), refusedWith(401));
    assert.ok((await p.as().auth.login("admin", PASSWORDS[4])).accessToken);
  } finally {
    await p.close();
  }
});

test("Accounts.Delete: the account's tokens stop working, and do not work for a new account with the same id", async () => {
  const p = await startPlatform();
  try {
    const admin = p.withToken((await p.as().auth.login("admin", "micro")).accessToken);
    await admin.auth.generate({ id: "temp", secret: PASSWORDS[0] });
    const old = await p.as().auth.login("temp", PASSWORDS[0]);
    await admin.auth.deleteAccount("temp");
    await assert.rejects(p.as().auth.inspect(old.accessToken), refusedWith(401));
    await assert.rejects(admin.auth.deleteAccount("temp"), refusedWith(404));
    await admin.auth.generate({ id: "temp", secret: PASSWORDS[1] });
    await assert.rejects(p.as().auth.inspect(old.accessToken), refusedWith(401), "an old token of a recreated id");
    await assert.rejects(p.as().auth.refresh(old.refreshToken), refusedWith(401));
  } finally {
    await p.close();
  }
});

test("no password used in this file was ever written to the console", () => {
  const out = captured();
  for (const secret of PASSWORDS) assert.ok(!out.includes(secret), "a password reached the console output");
});
