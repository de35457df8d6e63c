import { test } from "node:test";
import assert from "node:assert/strict";
import { authorize, defaultRule, wildcardMatch } from "../../runtime/auth/rules.js";
import { decideAccess, requirementFor } from "../../runtime/auth/policy.js";
import type { Rule } from "../../runtime/auth/types.js";
import { refusedWith, startPlatform } from "./harness.js";

const res = (name: string, endpoint: string) => ({ type: "service", name, endpoint });
const rule = (id: string, scope: string, access: "granted" | "denied", priority: number, endpoint = "*", name = "*"): Rule =>
  ({ id, scope, access, priority, resource: { type: "service", name, endpoint } });
const member = { issuer: "ns", scopes: ["dev"] };
const stranger = { issuer: "other", scopes: ["dev"] };

test("authorize: priority order, the first matching rule decides, no match denies", () => {
  const hello = res("hello", "Hello.Call");
  assert.equal(authorize([], member, hello, "ns"), "denied");
  // a deny beats a lower grant, whatever the list order
  const rules = [rule("grant", "", "granted", 1), rule("deny", "", "denied", 10)];
  assert.equal(authorize(rules, undefined, hello, "ns"), "denied");
  assert.equal(authorize([...rules].reverse(), undefined, hello, "ns"), "denied");
  // and a higher grant beats a lower deny
  assert.equal(authorize([rule("deny", "", "denied", 1), rule("grant", "", "granted", 10)], undefined, hello, "ns"), "granted");
  // a rule that does not apply to the caller is skipped, not decisive
  assert.equal(authorize([rule("admins", "admin", "denied", 10), rule("all", "*", "granted", 1)], member, hello, "ns"), "granted");
});

test("authorize: the four scope kinds", () => {
  const hello = res("hello", "Hello.Call");
  const pub = [rule("r", "", "granted", 0)];
  assert.equal(authorize(pub, undefined, hello, "ns"), "granted", "'' is public");
  const anyMember = [rule("r", "*", "granted", 0)];
  assert.equal(authorize(anyMember, undefined, hello, "ns"), "denied");
  assert.equal(authorize(anyMember, member, hello, "ns"), "granted", "'*' any account of the namespace");
  assert.equal(authorize(anyMember, stranger, hello, "ns"), "denied", "… not of another namespace");
  const anyone = [rule("r", "+", "granted", 0)];
  assert.equal(authorize(anyone, stranger, hello, "ns"), "granted", "'+' any account of any namespace");
  assert.equal(authorize(anyone, undefined, hello, "ns"), "denied");
  const scoped = [rule("r", "dev", "granted", 0)];
  assert.equal(authorize(scoped, member, hello, "ns"), "granted", "a named scope the account holds");
  assert.equal(authorize(scoped, { issuer: "ns", scopes: ["ops"] }, hello, "ns"), "denied");
  assert.equal(authorize(scoped, stranger, hello, "ns"), "denied", "scopes count only in the issuing namespace");
  // a stranger is treated as anonymous: a public rule below a members-only rule still lets it in
  assert.equal(authorize([rule("m", "*", "denied", 5), rule("p", "", "granted", 0)], stranger, hello, "ns"), "granted");
});

test("authorize: wildcards in type, name and endpoint", () => {
  assert.ok(wildcardMatch("*", "anything"));
  assert.ok(wildcardMatch("Hello.*", "Hello.Call"));
  assert.ok(!wildcardMatch("Hello.*", "Other.Call"));
  assert.ok(wildcardMatch("/foo/*", "/foo/bar/baz"));
  assert.ok(wildcardMatch("v1.*", "v1.foo"));
  assert.ok(!wildcardMatch("hello", "hello2"));
  const r = [rule("one", "", "granted", 0, "Hello.Call", "hello")];
  assert.equal(authorize(r, undefined, res("hello", "Hello.Call"), "ns"), "granted");
  assert.equal(authorize(r, undefined, res("hello", "Hello.Other"), "ns"), "denied");
  assert.equal(authorize(r, undefined, res("other", "Hello.Call"), "ns"), "denied");
  const typed: Rule[] = [{ ...rule("web", "", "granted", 0), resource: { type: "web", name: "*", endpoint: "*" } }];
  assert.equal(authorize(typed, undefined, res("hello", "Hello.Call"), "ns"), "denied");
});

test("policy: builtins ignore rules; management endpoints need admin; the default rule opens user services only", () => {
  const rules = [defaultRule(), rule("everything", "", "granted", 100)];
  const anon = (name: string, endpoint: string) => decideAccess({ namespace: "ns", resource: res(name, endpoint), rules });
  assert.deepEqual(anon("helloworld", "Helloworld.Call"), { allowed: true });
  for (const [name, endpoint] of [["store", "Store.Read"], ["config", "Config.Get"], ["registry", "Registry.GetService"], ["runtime", "Runtime.Read"], ["events", "Stream.Publish"], ["broker", "Broker.Publish"], ["auth", "Accounts.List"]]) {
    assert.equal(anon(name, endpoint).allowed, false, `${name} is never public, whatever the rules say`);
  }
  assert.equal(anon("auth", "Auth.Token").allowed, true, "login stays public");
  assert.equal(anon("auth", "Auth.Inspect").allowed, true);
  const user = { id: "u", type: "user", issuer: "ns", scopes: [] as string[] };
  assert.equal(decideAccess({ account: user, namespace: "ns", resource: res("store", "Store.Read"), rules: [] }).allowed, true);
  assert.equal(decideAccess({ account: user, namespace: "ns", resource: res("runtime", "Runtime.Create"), rules: [] }).allowed, false);
  assert.equal(decideAccess({ account: { ...user, scopes: ["admin"] }, namespace: "ns", resource: res("runtime", "Runtime.Create"), rules: [] }).allowed, true);
  assert.equal(requirementFor("registry", "Registry.Register"), "service");
  assert.equal(requirementFor("auth", "Rules.Delete"), "admin");
  assert.equal(requirementFor("auth", "Accounts.ChangeSecret"), "account");
  const platformAdmin = { id: "admin", type: "user", issuer: "micro", scopes: ["admin"] };
  assert.equal(decideAccess({ account: platformAdmin, namespace: "ns", resource: res("runtime", "Runtime.Create"), rules: [] }).allowed, true);
  assert.equal(decideAccess({ account: { ...user, issuer: "other" }, namespace: "ns", resource: res("store", "Store.Read"), rules: [] }).allowed, false);
});

test("over gRPC: default rule, lockdown by deleting it, a rule opening one endpoint, scope rules", async () => {
  const p = await startPlatform();
  try {
    const anon = p.as();
    const admin = p.withToken((await anon.auth.login("admin", "micro")).accessToken);
    await admin.auth.generate({ id: "dev", secret: "dev-pass", scopes: ["dev"] });
    const dev = p.withToken((await anon.auth.login("dev", "dev-pass")).accessToken);

    // the default rule: the namespace's own services are public; builtins are not
    assert.equal((await anon.hello.health({})).status, "anonymous in micro");
    await assert.rejects(anon.registry.listServices({}), refusedWith(401));
    assert.deepEqual((await dev.registry.listServices({})).services, [], "any account of the namespace may use builtins");
    await assert.rejects(dev.registry.register({ name: "x", version: "1", nodes: [] }), refusedWith(403), "Registry.Register needs a service account or admin");
    await admin.registry.register({ name: "x", version: "1", nodes: [{ id: "n", address: "127.0.0.1:1" }] });
    await assert.rejects(dev.auth.listRules(), refusedWith(403));

    // lockdown: delete "default" → everything is denied until a rule grants it
    await admin.auth.deleteRule("default");
    await assert.rejects(anon.hello.health({}), refusedWith(401));
    await assert.rejects(dev.hello.health({}), refusedWith(403));
    await assert.rejects(admin.auth.deleteRule("default"), refusedWith(404));

    // one endpoint opened publicly, the rest of the service stays closed
    await admin.auth.createRule(rule("health", "", "granted", 1, "Debug.Health", "helloworld"));
    assert.equal((await anon.hello.health({})).status, "anonymous in micro");
    await assert.rejects(anon.hello.stats({}), refusedWith(401));
    // the account scope kinds, by priority: members get everything, but a deny for "dev" above it wins
    await admin.auth.createRule(rule("members", "*", "granted", 5));
    assert.equal((await dev.hello.health({})).status, "dev@micro in micro");
    assert.ok(await dev.hello.stats({}));
    await admin.auth.createRule(rule("no-dev-stats", "dev", "denied", 10, "Debug.Stats"));
    await assert.rejects(dev.hello.stats({}), refusedWith(403));
    assert.ok(await admin.hello.stats({}), "the deny applies to the dev scope only");
    await assert.rejects(admin.auth.createRule(rule("members", "*", "granted", 5)), refusedWith(409));
    await assert.rejects(admin.auth.createRule({ ...rule("bad", "*", "granted", 1), resource: { type: "", name: "x", endpoint: "y" } }), refusedWith(400));
    assert.deepEqual((await admin.auth.listRules()).map((r) => r.id), ["no-dev-stats", "members", "health"]);
    // the lockdown scenario of Micro's own tests: `--scope=* --resource=*:*:*` lets accounts in, not strangers
    await admin.auth.deleteRule("health");
    await assert.rejects(anon.hello.health({}), refusedWith(401));
  } finally {
    await p.close();
  }
});
