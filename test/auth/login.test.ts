import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { privateKeyPath } from "../../runtime/auth/keys.js";
import { refusedWith, startPlatform } from "./harness.js";
import { pastDeadline } from "../support/deadline.js";

/** The token of the first login whose check ran, by the clock, before the token's exp (1 s, then longer). */
async function withinExpiry<T extends { expiry: number }>(attempt: (expirySeconds: number) => Promise<{ token: T; check: () => void }>): Promise<T> {
  for (let expirySeconds = 1; ; expirySeconds *= 2) {
    const { token, check } = await attempt(expirySeconds);
    if (Date.now() < token.expiry * 1000) {
      check();
      return token;
    }
    if (expirySeconds >= 64) throw new Error("every login and inspect took longer than the token lived, up to 64 s: too slow to tell");
  }
}

test("fresh data dir: admin/micro in namespace micro, created once, durable across restarts", async () => {
  const p = await startPlatform();
  try {
    assert.equal(p.created, true, "first start creates the default account");
    const key = await stat(privateKeyPath(p.dataDir));
    assert.equal(key.mode & 0o777, 0o600, "private key readable by the owner only");
    const pem = await readFile(privateKeyPath(p.dataDir), "utf8");

    const before = await p.as().auth.login("admin", "micro");
    const { created } = await p.restart();
    assert.equal(created, false, "second start creates nothing");
    assert.equal(await readFile(privateKeyPath(p.dataDir), "utf8"), pem, "the key pair is kept");
    // a token issued before the restart still verifies: same key, same account
    const who = await p.as().auth.inspect(before.accessToken);
    assert.equal(who.id, "admin");
    const after = await p.as().auth.login("admin", "micro");
    assert.ok(after.accessToken);
    const rules = await p.withToken(after.accessToken).auth.listRules();
    assert.deepEqual(rules.map((r) => r.id), ["default"]);
  } finally {
    await p.close();
  }
});

test("login: token pair with EdDSA JWT claims; Inspect returns the account without its secret", async () => {
  const p = await startPlatform();
  try {
    const t = await p.as().auth.login("admin", "micro");
    assert.ok(t.refreshToken.length >= 32);
    // 15 minutes from the instant of issue: iat is that instant rounded down, exp rounded up (at most 1 s apart)
    assert.ok(t.expiry - t.created >= 15 * 60 && t.expiry - t.created <= 15 * 60 + 1, "access tokens are short-lived");
    assert.equal(decodeProtectedHeader(t.accessToken).alg, "EdDSA");
    const claims = decodeJwt(t.accessToken);
    assert.equal(claims.sub, "admin");
    assert.equal(claims.iss, "micro");
    assert.equal(claims.type, "user");
    assert.deepEqual(claims.scopes, ["admin"]);
    assert.equal(claims.exp, t.expiry);
    assert.deepEqual(Object.keys(claims).sort(), ["exp", "iat", "iss", "name", "scopes", "sub", "type", "uid"], "no secret in the token");

    const raw = await p.as().rawAuth.inspect({ token: t.accessToken });
    assert.equal(raw.account?.id, "admin");
    assert.equal(raw.account?.issuer, "micro");
    assert.deepEqual(raw.account?.scopes, ["admin"]);
    assert.equal(raw.account?.secret, "", "Inspect never returns the secret");

    // token_expiry may ask for less than the default, never more
    const short = await p.as().auth.login("admin", "micro", { expirySeconds: 60 });
    assert.ok([60, 61].includes(short.expiry - short.created), `${short.expiry - short.created}`);
    const long = await p.as().auth.login("admin", "micro", { expirySeconds: 7 * 24 * 3600 });
    assert.ok([15 * 60, 15 * 60 + 1].includes(long.expiry - long.created), `${long.expiry - long.created}`);

    await assert.rejects(p.as().auth.login("admin", "wrong"), refusedWith(401, ["wrong"]));
    await assert.rejects(p.as().auth.login("nobody", "micro"), refusedWith(401, ["micro"]));
    await assert.rejects(p.as().auth.inspect("not-a-token"), refusedWith(401, ["not-a-token"]));
  } finally {
    await p.close();
  }
});

test("refresh: a new pair, the refresh token rotates and the old one is refused", async () => {
  const p = await startPlatform();
  try {
    const first = await p.as().auth.login("admin", "micro");
    const second = await p.as().auth.refresh(first.refreshToken);
    assert.notEqual(second.refreshToken, first.refreshToken, "refresh token rotated");
    assert.equal((await p.as().auth.inspect(second.accessToken)).id, "admin");
    await assert.rejects(p.as().auth.refresh(first.refreshToken), refusedWith(401, [first.refreshToken]));
    const third = await p.as().auth.refresh(second.refreshToken);
    assert.ok(third.accessToken);
    await assert.rejects(p.as().auth.refresh("made-up"), refusedWith(401, ["made-up"]));
  } finally {
    await p.close();
  }
});

test("a short-lived access token stops working once expired", async () => {
  const p = await startPlatform();
  try {
    // exp is in whole seconds (iat rounds down), so a 1 s token may have almost no time left. It is asserted working
    // only from a call that ended before its exp by this machine's clock, the one the server checks it with; a
    // slower call proves nothing and is tried again with a longer-lived token.
    const t = await withinExpiry(async (expirySeconds) => {
      const token = await p.as().auth.login("admin", "micro", { expirySeconds });
      const inspected = await p.as().auth.inspect(token.accessToken).catch((e: Error) => e);
      return { token, check: () => assert.equal((inspected as { id?: string }).id, "admin", String(inspected)) };
    });
    await pastDeadline({ endedAt: t.expiry * 1000, ttlMs: 0 });
    await assert.rejects(p.as().auth.inspect(t.accessToken), refusedWith(401, [t.accessToken]));
    await assert.rejects(p.withToken(t.accessToken).auth.listAccounts(), refusedWith(401, [t.accessToken]));
    // the refresh token outlives it
    const fresh = await p.as().auth.refresh(t.refreshToken);
    assert.equal((await p.withToken(fresh.accessToken).auth.listAccounts()).length, 1);
  } finally {
    await p.close();
  }
});
