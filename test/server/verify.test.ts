// The framework's admission of every call (runtime/service/verify.ts), without a server: keys by kid with bounded
// refetches (rotation), the front door's call tokens bound to one service and namespace, accounts judged by the
// namespace's rules with the front doors' policy, and rules refetched when a refusal may be stale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignJWT, decodeProtectedHeader, generateKeyPair, exportPKCS8, type CryptoKey } from "jose";
import { startPlatform } from "../auth/harness.js";
import { keysFromPem } from "../../runtime/auth/keys.js";
import { CallTokens } from "../../runtime/auth/call-tokens.js";
import { signAccessToken } from "../../runtime/auth/tokens.js";
import { defaultRule } from "../../runtime/auth/rules.js";
import type { Rule } from "../../runtime/auth/types.js";
import { CallVerifier, KeySet, RulesCache } from "../../runtime/service/verify.js";
import { MicroError, type HandlerContext } from "../../runtime/rpc/index.js";

async function freshKeys() {
  const { privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  return keysFromPem(await exportPKCS8(privateKey));
}

const refused = (code: number) => (err: unknown) => err instanceof MicroError && err.code === code;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const account = (iss: string, sub: string, scopes: string[] = [], type = "user") => ({ sub, iss, type, scopes, name: "", uid: "u1" });

/** Members only for Notes.*, Notes.Hello public; the default rule is gone. */
const RULES: Rule[] = [
  { id: "hello", scope: "", resource: { type: "service", name: "notes", endpoint: "Notes.Hello" }, access: "granted", priority: 20 },
  { id: "members", scope: "*", resource: { type: "service", name: "notes", endpoint: "*" }, access: "granted", priority: 10 },
];

function verifierWith(keys: Awaited<ReturnType<typeof freshKeys>>[], rules: () => readonly Rule[] = () => RULES) {
  let keyFetches = 0;
  let ruleFetches = 0;
  const verifier = new CallVerifier({
    namespace: "alpha",
    keys: new KeySet(async () => { keyFetches++; return { keys: keys.map((k) => k.publicJwk) }; }, { minRefetchMs: 60_000 }),
    rules: new RulesCache(async () => { ruleFetches++; return rules(); }, { ttlMs: 60_000 }),
  });
  return { verifier, fetches: () => ({ keys: keyFetches, rules: ruleFetches }) };
}

test("a call needs a token the platform signed: none, another key, expired, or an unsigned one are 401", async () => {
  const platform = await freshKeys();
  const other = await freshKeys();
  const { verifier } = verifierWith([platform]);
  const admit = (md: Record<string, string>, endpoint = "Notes.Hello") => verifier.admit(md, "notes", endpoint);
  await assert.rejects(admit({}), refused(401));
  // the micro-namespace header alone proves nothing
  await assert.rejects(admit({ "micro-namespace": "alpha" }), refused(401));
  const member = account("alpha", "ann");
  await assert.rejects(admit(bearer((await signAccessToken(other, member, 60)).token)), refused(401));
  // another key claiming the platform key's kid
  await assert.rejects(admit(bearer((await signAccessToken({ privateKey: other.privateKey, kid: platform.kid }, member, 60)).token)), refused(401));
  const expired = await signAccessToken(platform, member, 60, Date.now() - 3600_000);
  await assert.rejects(admit(bearer(expired.token)), refused(401));
  const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ ...member, exp: 9e9, iat: 1 })).toString("base64url")}.`;
  await assert.rejects(admit(bearer(none)), refused(401));
  await assert.rejects(admit({ authorization: "Basic YWRtaW46bWljcm8=" }), refused(401));
  // and the real thing passes, the account coming from the token
  const ok = await admit(bearer((await signAccessToken(platform, member, 60)).token), "Notes.Secret");
  assert.deepEqual({ id: ok?.id, issuer: ok?.issuer, type: ok?.type }, { id: "ann", issuer: "alpha", type: "user" });
});

test("another namespace's account is judged by this namespace's rules: public endpoints yes, the rest 403", async () => {
  const platform = await freshKeys();
  const { verifier } = verifierWith([platform]);
  const stranger = bearer((await signAccessToken(platform, account("beta", "bob", ["admin"]), 60)).token);
  assert.equal((await verifier.admit(stranger, "notes", "Notes.Hello"))?.issuer, "beta");
  await assert.rejects(verifier.admit(stranger, "notes", "Notes.Secret"), refused(403));
  // a service account of beta is no different
  const service = bearer((await signAccessToken(platform, account("beta", "service.notes", [], "service"), 60)).token);
  await assert.rejects(verifier.admit(service, "notes", "Notes.Secret"), refused(403));
  // a platform admin (admin scope in "micro") counts as a member everywhere, as at the front doors
  const root = bearer((await signAccessToken(platform, account("micro", "admin", ["admin"]), 60)).token);
  assert.equal((await verifier.admit(root, "notes", "Notes.Secret"))?.id, "admin");
});

test("the front door's call token admits anonymous calls to that service's public endpoints only", async () => {
  const platform = await freshKeys();
  const tokens = new CallTokens(platform);
  const { verifier } = verifierWith([platform]);
  const forNotes = bearer(await tokens.issue("alpha", "notes"));
  assert.equal(await verifier.admit(forNotes, "notes", "Notes.Hello"), undefined, "anonymous: no account");
  await assert.rejects(verifier.admit(forNotes, "notes", "Notes.Secret"), refused(401));
  // bound to the service and to the namespace
  await assert.rejects(verifier.admit(bearer(await tokens.issue("alpha", "other")), "notes", "Notes.Hello"), refused(401));
  await assert.rejects(verifier.admit(bearer(await tokens.issue("beta", "notes")), "notes", "Notes.Hello"), refused(401));
  // a call token is never an account, whatever it claims; an account token never claims an audience
  const forged = await new SignJWT({ type: "user", scopes: ["admin"], name: "", uid: "" }).setProtectedHeader({ alg: "EdDSA", kid: platform.kid })
    .setSubject("public").setIssuer("alpha").setAudience("notes").setIssuedAt().setExpirationTime("1m").sign(platform.privateKey);
  await assert.rejects(verifier.admit(bearer(forged), "notes", "Notes.Hello"), refused(401));
  // reused while it has more than half its life left
  assert.equal(await tokens.issue("alpha", "notes"), forNotes.authorization.slice(7));
  assert.notEqual(await tokens.issue("alpha", "notes", Date.now() + 31_000), forNotes.authorization.slice(7));
});

test("a rotated key is fetched on its first unknown kid; unknown kids refetch at most once per interval", async () => {
  const first = await freshKeys();
  const second = await freshKeys();
  const published = [first];
  let fetches = 0;
  let now = 0;
  const keys = new KeySet(async () => { fetches++; return { keys: published.map((k) => k.publicJwk) }; }, { minRefetchMs: 5000, clock: () => now });
  const verifier = new CallVerifier({ namespace: "alpha", keys, rules: new RulesCache(async () => RULES) });
  const member = account("alpha", "ann");
  const admit = async (signer: { privateKey: CryptoKey; kid?: string }) =>
    verifier.admit(bearer((await signAccessToken(signer, member, 60)).token), "notes", "Notes.Secret");
  await admit(first);
  await admit(first);
  assert.equal(fetches, 1, "fetched once, on first use");
  // a flood of made-up kids within the interval costs one fetch at most
  const other = await freshKeys();
  now = 10_000;
  for (let i = 0; i < 20; i++) await assert.rejects(admit({ privateKey: other.privateKey, kid: `k${i}` }), refused(401));
  assert.equal(fetches, 2);
  // the server rotates: the new key is published first, the old one kept while its tokens live
  published.unshift(second);
  await assert.rejects(admit(second), refused(401), "not refetched before the interval is over");
  assert.equal(fetches, 2);
  now = 20_000;
  await admit(second);
  await admit(first);
  assert.equal(fetches, 3, "one fetch picked up the rotated key");
});

test("rules are cached; a refusal on rules older than a second is re-decided with fresh ones", async () => {
  const platform = await freshKeys();
  let rules: Rule[] = RULES;
  const { verifier, fetches } = verifierWith([platform], () => rules);
  const stranger = bearer((await signAccessToken(platform, account("beta", "bob"), 60)).token);
  await verifier.admit(stranger, "notes", "Notes.Hello");
  await verifier.admit(stranger, "notes", "Notes.Hello");
  assert.equal(fetches().rules, 1, "one fetch for both calls");
  await assert.rejects(verifier.admit(stranger, "notes", "Notes.Secret"), refused(403));
  assert.equal(fetches().rules, 1, "fresh rules are not refetched for a refusal");
  // the namespace opens everything (the default rule); once the rules in hand are a second old, the refusal is rechecked
  rules = [defaultRule()];
  const started = performance.now();
  while (performance.now() - started <= 1000) await new Promise((r) => setTimeout(r, 100));
  await verifier.admit(stranger, "notes", "Notes.Secret");
  assert.equal(fetches().rules, 2);
});

test("the auth engine: tokens carry the published key's kid, a call token proves no account, service accounts read their rules", async () => {
  const p = await startPlatform();
  try {
    const jwks = JSON.parse(p.auth.jwks) as { keys: { kid: string; kty: string; crv: string }[] };
    assert.equal(jwks.keys.length, 1);
    assert.deepEqual([jwks.keys[0]!.kty, jwks.keys[0]!.crv], ["OKP", "Ed25519"]);
    const admin = await p.as().auth.login("admin", "micro", { namespace: "micro" });
    assert.equal(decodeProtectedHeader(admin.accessToken).kid, jwks.keys[0]!.kid);
    // a call token is for services only: the auth engine, and so every front door and builtin, sees no account in it
    const callToken = await p.auth.callToken("micro", "helloworld");
    assert.equal(await p.auth.verifyAccessToken(callToken), undefined);
    await assert.rejects(p.withToken(callToken, "micro").registry.listServices({}), refused(401));
    // Rules.List: the namespace's service accounts (to judge their callers), not its plain users
    const root = p.withToken(admin.accessToken, "micro").auth;
    await root.generate({ id: "service.notes", secret: "notes-secret-1", type: "service", namespace: "micro" });
    await root.generate({ id: "ann", secret: "ann-secret-1", type: "user", namespace: "micro" });
    const svc = await p.as().auth.login("service.notes", "notes-secret-1", { namespace: "micro" });
    assert.ok((await p.withToken(svc.accessToken, "micro").auth.listRules()).some((r) => r.id === "default"));
    const ann = await p.as().auth.login("ann", "ann-secret-1", { namespace: "micro" });
    await assert.rejects(p.withToken(ann.accessToken, "micro").auth.listRules(), refused(403));
    // nor another namespace's rules
    await p.as().auth.signup("beta", "bob", "bob-secret-1");
    await assert.rejects(p.withToken(svc.accessToken, "micro").auth.listRules({ namespace: "beta" }), refused(403));
  } finally {
    await p.close();
  }
});

test("the middleware decides as admit does, a token seen before included: its own account per call, refusals, new rules", async () => {
  const platform = await freshKeys();
  let rules: Rule[] = RULES;
  const { verifier } = verifierWith([platform], () => rules);
  const mw = verifier.middleware();
  /** Runs the middleware for one call; the context the handler would see, or the refusal's code. */
  const call = async (metadata: Record<string, string>, endpoint: string, service = "notes") => {
    const ctx = { service, endpoint, path: "", metadata, namespace: "from-a-header" } as unknown as HandlerContext;
    let ran = false;
    try {
      await mw(ctx, async () => { ran = true; });
    } catch (err) {
      assert.ok(err instanceof MicroError && !ran);
      return err.code;
    }
    assert.ok(ran, "the handler ran");
    return ctx;
  };
  const member = bearer((await signAccessToken(platform, account("alpha", "ann", ["reader"]), 60)).token);
  const stranger = bearer((await signAccessToken(platform, account("beta", "bob"), 60)).token);
  for (let i = 0; i < 3; i++) {
    // the first call verifies the token, the next ones find it remembered: the same answers
    const ctx = await call(member, "Notes.Secret") as HandlerContext;
    assert.equal(ctx.namespace, "alpha", "the service's namespace, not the header's");
    assert.deepEqual(ctx.account, { id: "ann", type: "user", issuer: "alpha", scopes: ["reader"] });
    ctx.account!.scopes.push("admin"); // one call's account is its own
    assert.equal(await call(stranger, "Notes.Secret"), 403);
    assert.equal(((await call(stranger, "Notes.Hello")) as HandlerContext).account?.id, "bob");
  }
  // a call token is bound to its service, remembered or not
  const forNotes = bearer(await new CallTokens(platform).issue("alpha", "notes"));
  assert.equal(((await call(forNotes, "Notes.Hello")) as HandlerContext).account, undefined);
  assert.equal(await call(forNotes, "Notes.Hello", "other"), 401);
  assert.equal(await call(forNotes, "Notes.Secret"), 401);
  assert.equal(await call({}, "Notes.Hello"), 401);
  assert.equal(await call(bearer("not.a.token"), "Notes.Hello"), 401);
  // new rules take effect for tokens already seen: Notes.Hello no longer public, members refused Notes.Secret
  rules = [{ id: "admins", scope: "admin", resource: { type: "service", name: "notes", endpoint: "*" }, access: "granted", priority: 10 }];
  verifier.invalidateRules();
  assert.equal(await call(stranger, "Notes.Hello"), 403);
  assert.equal(await call(member, "Notes.Secret"), 403);
  assert.equal(await call(forNotes, "Notes.Hello"), 401);
});
