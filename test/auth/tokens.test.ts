import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { SignJWT, decodeJwt, generateKeyPair, importPKCS8, type JWTPayload } from "jose";
import { privateKeyPath } from "../../runtime/auth/keys.js";
import { MicroError } from "../../runtime/rpc/index.js";
import { refusedWith, startPlatform, type Platform } from "./harness.js";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Refused with `code`, and the detail contains no part of the token. */
function refusedWithoutLeak(code: number, token: string) {
  const parts = token.split(".").filter((s) => s.length >= 8);
  return (err: unknown) => refusedWith(code, [token, ...parts])(err);
}

async function forgeries(p: Platform, real: string): Promise<Record<string, string>> {
  const claims = decodeJwt(real);
  const [header, payload, signature] = real.split(".");
  const ownKey = await importPKCS8(await readFile(privateKeyPath(p.dataDir), "utf8"), "EdDSA");
  const otherKey = (await generateKeyPair("EdDSA")).privateKey;
  const sign = (c: JWTPayload, key: Parameters<SignJWT["sign"]>[0], alg = "EdDSA") => new SignJWT(c).setProtectedHeader({ alg }).sign(key);
  const now = Math.floor(Date.now() / 1000);
  return {
    "alg=none": `${b64({ alg: "none", typ: "JWT" })}.${payload}.`,
    "wrong key": await sign(claims, otherKey),
    "HS256 keyed with the public key": await sign(claims, new TextEncoder().encode(p.auth.publicKeyPem), "HS256"),
    "expired": await sign({ ...claims, iat: now - 3600, exp: now - 60 }, ownKey),
    "tampered payload": `${header}.${b64({ ...claims, scopes: ["admin", "root"], sub: "admin" })}.${signature}`,
    "tampered issuer": `${header}.${b64({ ...claims, iss: "micro" })}.${signature}`,
    "missing claims": await sign({ sub: claims.sub, exp: now + 60 }, ownKey),
    "garbage": "a.b.c",
  };
}

test("bad tokens are refused with 401 on protected endpoints, the detail leaking nothing", async () => {
  const p = await startPlatform();
  try {
    const founder = await p.as().auth.signup("alpha", "founder", "alpha-pass");
    assert.equal(founder.issuer, "alpha");
    const real = (await p.as({ "micro-namespace": "alpha" }).auth.login("founder", "alpha-pass")).accessToken;
    assert.equal((await p.withToken(real, "alpha").auth.listAccounts()).length, 1, "the genuine token works");
    for (const [name, token] of Object.entries(await forgeries(p, real))) {
      const caller = p.withToken(token, "alpha");
      await assert.rejects(caller.auth.listAccounts(), refusedWithoutLeak(401, token), name);
      await assert.rejects(caller.registry.listServices({}), refusedWithoutLeak(401, token), name);
      await assert.rejects(p.as().auth.inspect(token), refusedWithoutLeak(401, token), name);
      // a public endpoint still answers, as to an anonymous caller
      assert.equal((await caller.hello.health({})).status, "anonymous in alpha", name);
    }
  } finally {
    await p.close();
  }
});

test("another namespace's token gives no rights in a namespace it does not belong to", async () => {
  const p = await startPlatform();
  try {
    await p.as().auth.signup("alpha", "founder", "alpha-pass");
    await p.as().auth.signup("beta", "owner", "beta-pass");
    const alpha = (await p.as({ "micro-namespace": "alpha" }).auth.login("founder", "alpha-pass")).accessToken;
    const betaAdmin = p.withToken((await p.as({ "micro-namespace": "beta" }).auth.login("owner", "beta-pass")).accessToken, "beta");
    const intruder = p.withToken(alpha, "beta");
    await assert.rejects(intruder.auth.listAccounts(), refusedWithoutLeak(403, alpha));
    await assert.rejects(intruder.registry.listServices({}), refusedWithoutLeak(403, alpha));
    await assert.rejects(intruder.auth.generate({ id: "x", secret: "y" }), refusedWith(403));
    // from its own namespace header, naming the other one in the request is refused too
    const home = p.withToken(alpha, "alpha");
    await assert.rejects(home.auth.listAccounts({ namespace: "beta" }), refusedWith(403));
    await assert.rejects(home.registry.listServices({ options: { domain: "beta", ttl: 0n } }), refusedWith(403));
    await assert.rejects(home.auth.createRule({ id: "open", scope: "", access: "granted", priority: 99, resource: { type: "*", name: "*", endpoint: "*" } }, { namespace: "beta" }), refusedWith(403));
    // beta's public services stay public to it (it counts as anonymous there), until beta locks down
    assert.equal((await intruder.hello.health({})).status, "founder@alpha in beta");
    await betaAdmin.auth.deleteRule("default");
    await assert.rejects(intruder.hello.health({}), refusedWith(403));
    // "+" admits any account of any namespace, still not anonymous callers
    await betaAdmin.auth.createRule({ id: "any", scope: "+", access: "granted", priority: 1, resource: { type: "service", name: "helloworld", endpoint: "Debug.Health" } });
    assert.equal((await intruder.hello.health({})).status, "founder@alpha in beta");
    await assert.rejects(p.as({ "micro-namespace": "beta" }).hello.health({}), refusedWith(401));
    // "*" admits members only; the platform admin is a member of every namespace
    await betaAdmin.auth.createRule({ id: "members", scope: "*", access: "granted", priority: 1, resource: { type: "service", name: "helloworld", endpoint: "Debug.Stats" } });
    await assert.rejects(intruder.hello.stats({}), refusedWith(403));
    const root = p.withToken((await p.as().auth.login("admin", "micro")).accessToken, "beta");
    assert.ok(await root.hello.stats({}));
    assert.deepEqual((await root.auth.listAccounts()).map((a) => a.id), ["owner"]);
  } finally {
    await p.close();
  }
});

test("token sources and namespace header: micro-token metadata, non-bearer schemes, malformed namespaces", async () => {
  const p = await startPlatform();
  try {
    const token = (await p.as().auth.login("admin", "micro")).accessToken;
    assert.deepEqual((await p.as({ "micro-token": token }).registry.listServices({})).services, []);
    await assert.rejects(p.as({ authorization: `Basic ${token}` }).registry.listServices({}), refusedWithoutLeak(401, token));
    // no header: the token's issuer is the namespace
    assert.equal((await p.withToken(token).hello.health({})).status, "admin@micro in micro");
    await assert.rejects(p.as({ "micro-namespace": "Not Valid" }).hello.health({}), (e: unknown) => e instanceof MicroError && e.code === 400);
  } finally {
    await p.close();
  }
});
