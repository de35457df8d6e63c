// The access-token verifier remembers tokens that verified (auth/verify-token.ts): by their exact bytes, per
// verifier, until exp. These tests pin what that must not change: an expired token is refused though remembered,
// any other bytes are verified afresh, another verifier's keys decide for themselves, and failures are not kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exportPKCS8, generateKeyPair, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { keysFromPem } from "../../runtime/auth/keys.js";
import { signAccessToken } from "../../runtime/auth/tokens.js";
import { MAX_REMEMBERED_TOKENS, verifyAccessToken } from "../../runtime/auth/verify-token.js";

async function freshKeys() {
  const { privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  return keysFromPem(await exportPKCS8(privateKey));
}

const member = { sub: "ann", iss: "alpha", type: "user", scopes: ["member"], name: "", uid: "u1" };

/** A key picker (what services pass: their KeySet's joseKey) that counts how often jose asked it for a key. */
function counting(key: CryptoKey): { verifier: JWTVerifyGetKey; asked: () => number } {
  let asked = 0;
  return { verifier: (async () => { asked++; return key; }) as JWTVerifyGetKey, asked: () => asked };
}

test("a verified token is remembered until its exp, and refused from then on", async () => {
  const keys = await freshKeys();
  const { verifier, asked } = counting(keys.publicKey);
  const now = Date.now();
  const { token } = await signAccessToken(keys, member, 60, now);
  const first = await verifyAccessToken(verifier, token, now);
  assert.equal(first?.sub, "ann");
  assert.equal((await verifyAccessToken(verifier, token, now + 1000))?.sub, "ann");
  assert.equal(asked(), 1, "the second call was answered from memory");
  const exp = first!.exp;
  assert.equal((await verifyAccessToken(verifier, token, exp * 1000 - 1))?.sub, "ann", "valid up to its last millisecond");
  assert.equal(await verifyAccessToken(verifier, token, exp * 1000), undefined, "expired at exp, remembered or not");
  assert.equal(await verifyAccessToken(verifier, token, exp * 1000 + 5000), undefined);
});

test("other bytes are verified afresh: a tampered copy of a remembered token is refused", async () => {
  const keys = await freshKeys();
  const { verifier, asked } = counting(keys.publicKey);
  const { token } = await signAccessToken(keys, member, 60);
  assert.ok(await verifyAccessToken(verifier, token));
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
  const admin = Buffer.from(JSON.stringify({ ...claims, scopes: ["admin"] })).toString("base64url");
  assert.equal(await verifyAccessToken(verifier, `${header}.${admin}.${signature}`), undefined);
  // a character in the middle (the last one carries bits base64url decoding may ignore)
  const mid = signature!.length >> 1;
  const flipped = signature!.slice(0, mid) + (signature![mid] === "A" ? "B" : "A") + signature!.slice(mid + 1);
  assert.equal(await verifyAccessToken(verifier, `${header}.${payload}.${flipped}`), undefined);
  // failures are not remembered: the same forgery costs a verification every time
  const before = asked();
  assert.equal(await verifyAccessToken(verifier, `${header}.${admin}.${signature}`), undefined);
  assert.equal(asked(), before + 1);
});

test("what one verifier remembered does not vouch for a token with another verifier's keys", async () => {
  const platform = await freshKeys();
  const other = await freshKeys();
  const { token } = await signAccessToken(platform, member, 60);
  assert.ok(await verifyAccessToken(platform.publicKey, token));
  assert.equal(await verifyAccessToken(other.publicKey, token), undefined);
});

test("each caller gets its own claims: changing them changes nothing remembered", async () => {
  const keys = await freshKeys();
  const { token } = await signAccessToken(keys, member, 60);
  const first = await verifyAccessToken(keys.publicKey, token);
  first!.scopes.push("admin");
  first!.sub = "mallory";
  const second = await verifyAccessToken(keys.publicKey, token);
  assert.deepEqual([second?.sub, second?.scopes], ["ann", ["member"]]);
});

test("memory is bounded: past the limit the oldest token is verified again", async () => {
  const keys = await freshKeys();
  const { verifier, asked } = counting(keys.publicKey);
  const now = Date.now();
  const { token: oldest } = await signAccessToken(keys, { ...member, sub: "oldest" }, 60, now);
  await verifyAccessToken(verifier, oldest, now);
  // fill the rest with distinct tokens (each for another subject)
  for (let i = 1; i < MAX_REMEMBERED_TOKENS; i++) {
    const { token } = await signAccessToken(keys, { ...member, sub: `u${i}` }, 60, now);
    await verifyAccessToken(verifier, token, now);
  }
  await verifyAccessToken(verifier, oldest, now);
  const full = asked();
  assert.equal(full, MAX_REMEMBERED_TOKENS, "all remembered so far");
  const { token: newcomer } = await signAccessToken(keys, { ...member, sub: "newcomer" }, 60, now);
  await verifyAccessToken(verifier, newcomer, now);
  await verifyAccessToken(verifier, oldest, now);
  assert.equal(asked(), full + 2, "the newcomer pushed the oldest out: it was verified again");
});
