// login, logout, signup, user, tokens and the auth admin commands, against the server's real auth service.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { startPlatform, type Platform } from "./support/platform.js";
import { startFixtures } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro, tempHome } from "./support/micro.js";

let platform: Platform;

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
});

after(async () => {
  await platform?.close();
});

async function withHome(fn: (micro: (...args: string[]) => ReturnType<typeof runMicro>, home: string) => Promise<void>): Promise<void> {
  const h = await tempHome();
  try {
    await fn((...args) => runMicro(args, { home: h.home, port: platform.port }), h.home);
  } finally {
    await h.remove();
  }
}

const configOf = async (home: string) => JSON.parse(await readFile(join(home, ".micro", "config.json"), "utf8"));

test("micro login --email admin --password micro stores the token, and calls then carry it", async () => {
  await withHome(async (micro, home) => {
    assert.equal((await micro("services")).code, 2, "anonymous calls to the registry are refused");
    const login = await micro("login", "--email", "admin", "--password", "micro");
    assert.equal(login.code, 0, login.stderr);
    const local = (await configOf(home)).envs.local;
    assert.match(local.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(local.refreshToken);
    assert.ok(local.expiry > Date.now() / 1000);
    assert.equal(local.account.id, "admin");
    assert.equal(local.namespace, "micro");
    assert.equal((await micro("services")).code, 0);
    assert.equal((await micro("user")).stdout, "admin\n");
    assert.equal((await micro("user", "namespace")).stdout, "micro\n");
    assert.equal((await micro("user", "token")).stdout.trim(), local.token);
    assert.equal((await micro("login", "--username", "admin", "--password", "micro")).code, 0, "--username works too");
  });
});

test("a wrong password fails with exit 2 and says so", async () => {
  await withHome(async (micro) => {
    const r = await micro("login", "--email", "admin", "--password", "wrong");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Login failed: /);
  });
});

test("login reads the email and password from stdin when they are not given", async () => {
  await withHome(async (_micro, home) => {
    const r = await runMicro(["login"], { home, port: platform.port, input: "admin\nmicro\n" });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Enter email address: .*Enter password: /s);
    assert.equal(r.stdout, "Successfully logged in.\n");
    assert.equal((await configOf(home)).envs.local.account.id, "admin");
  });
});

test("garbage in the config file (token, whole file) does not stop micro login", async () => {
  await withHome(async (micro, home) => {
    await mkdir(join(home, ".micro"), { recursive: true });
    const path = join(home, ".micro", "config.json");
    await writeFile(path, JSON.stringify({ env: "local", envs: { local: { token: "garbage", refreshToken: 42, expiry: "soon", account: [] } } }));
    assert.equal((await micro("login", "--email", "admin", "--password", "micro")).code, 0);
    assert.notEqual((await configOf(home)).envs.local.token, "garbage");
    await writeFile(path, "\u0000\u0001 not json at all");
    const again = await micro("login", "--email", "admin", "--password", "micro");
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await micro("services")).code, 0);
  });
});

test("an expiring token is refreshed before the call and the new pair saved", async () => {
  await withHome(async (micro, home) => {
    await micro("login", "--email", "admin", "--password", "micro");
    const path = join(home, ".micro", "config.json");
    const config = await configOf(home);
    const old = config.envs.local;
    old.expiry = Math.floor(Date.now() / 1000) + 10; // inside the refresh margin
    await writeFile(path, JSON.stringify(config));
    const r = await micro("services");
    assert.equal(r.code, 0, r.stderr);
    const fresh = (await configOf(home)).envs.local;
    assert.notEqual(fresh.refreshToken, old.refreshToken, "refresh tokens rotate");
    assert.ok(fresh.expiry > old.expiry);
    assert.equal((await micro("user", "token")).stdout.trim(), fresh.token);
  });
});

test("a spent refresh token logs the CLI out with a hint instead of failing every call", async () => {
  await withHome(async (micro, home) => {
    await micro("login", "--email", "admin", "--password", "micro");
    const config = await configOf(home);
    config.envs.local.expiry = 1;
    config.envs.local.refreshToken = "spent-or-forged";
    await writeFile(join(home, ".micro", "config.json"), JSON.stringify(config));
    const r = await micro("services");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /your login has expired; run `micro login`/);
    assert.equal((await configOf(home)).envs.local.token, undefined);
  });
});

test("logout forgets the token; user then says not logged in", async () => {
  await withHome(async (micro, home) => {
    await micro("login", "--email", "admin", "--password", "micro");
    assert.equal((await micro("logout")).code, 0);
    assert.equal((await configOf(home)).envs.local.token, undefined);
    const user = await micro("user");
    assert.equal(user.code, 2);
    assert.match(user.stderr, /not logged in/);
    assert.equal((await micro("user", "namespace")).stdout, "micro\n");
  });
});

test("signup creates a new namespace, logs in to it, and isolates it from micro's services", async () => {
  await withHome(async (micro) => {
    const r = await micro("signup", "--email", "Alice@Example.com", "--password", "correct horse battery");
    assert.equal(r.code, 0, r.stderr);
    const ns = (await micro("user", "namespace")).stdout.trim();
    assert.match(ns, /^alice-[a-z0-9]{6}$/);
    assert.match(r.stdout, new RegExp(`namespace ${ns}`));
    assert.equal((await micro("user")).stdout, "alice@example.com\n");
    const services = await micro("services");
    assert.equal(services.code, 0, services.stderr);
    assert.doesNotMatch(services.stdout, /helloworld/);
    const call = await micro("helloworld", "--name=x");
    assert.notEqual(call.code, 0);
    assert.match(call.stderr, new RegExp(`unknown command "helloworld".*namespace ${ns}`));
    // builtins are callable from the tenant by name, in its own namespace (their descriptions are public)
    const write = await micro("call", "store", "Store.Write", '{"record": {"key": "k", "value": "dGVuYW50"}}');
    assert.equal(write.code, 0, write.stderr);
    const read = await micro("call", "store", "Store.Read", '{"key": "k"}');
    assert.equal(read.code, 0, read.stderr);
    assert.match(read.stdout, /"value": "dGVuYW50"/);
    // the new namespace's admin may administer it
    const rules = await micro("auth", "list", "rules");
    assert.equal(rules.code, 0, rules.stderr);
    assert.match(rules.stdout, /default/);
  });
  await withHome(async (micro) => {
    const chosen = await micro("signup", "--email", "bob@example.com", "--password", "pw-bob-long", "--namespace", "bobs-place");
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal((await micro("user", "namespace")).stdout, "bobs-place\n");
    const taken = await micro("signup", "--email", "eve@example.com", "--password", "pw", "--namespace", "bobs-place");
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /already exists/);
  });
});

test("auth rules and accounts: create, list, delete", async () => {
  const h = await adminHome(platform.port);
  const micro = (...args: string[]) => runMicro(args, { home: h.home, port: platform.port });
  try {
    const created = await micro("auth", "create", "rule", "--access=denied", "--scope=*", "--resource=service:helloworld:Helloworld.Message", "--priority=10", "nomessage");
    assert.equal(created.code, 0, created.stderr);
    const rules = JSON.parse((await micro("auth", "list", "rules", "--output", "json")).stdout) as { id: string; access: string; resource: string; priority: number }[];
    assert.deepEqual(rules.find((r) => r.id === "nomessage"), { id: "nomessage", scope: "*", access: "denied", priority: 10, resource: "service:helloworld:Helloworld.Message" });
    assert.match((await micro("auth", "list", "rules", "--output", "table")).stdout, /^ID\s+SCOPE\s+ACCESS\s+RESOURCE\s+PRIORITY$/m);
    assert.equal((await micro("auth", "delete", "rule", "nomessage")).code, 0);
    assert.doesNotMatch((await micro("auth", "list", "rules")).stdout, /nomessage/);
    const badResource = await micro("auth", "create", "rule", "--resource=helloworld", "x");
    assert.equal(badResource.code, 1);
    assert.match(badResource.stderr, /--resource must be type:name:endpoint/);

    const account = await micro("auth", "create", "account", "--scopes", "admin", "carol@example.com");
    assert.equal(account.code, 0, account.stderr);
    const secret = /Secret: (\S+)/.exec(account.stdout)?.[1];
    assert.ok(secret, account.stdout);
    assert.match((await micro("auth", "list", "accounts")).stdout, /^carol@example\.com\s+user\s+admin$/m);
    const carol = await tempHome();
    try {
      const login = await runMicro(["login", "--email", "carol@example.com", "--password", secret!], { home: carol.home, port: platform.port });
      assert.equal(login.code, 0, login.stderr);
    } finally {
      await carol.remove();
    }
    assert.equal((await micro("auth", "delete", "account", "carol@example.com")).code, 0);
    assert.doesNotMatch((await micro("auth", "list", "accounts")).stdout, /carol/);
  } finally {
    await h.remove();
  }
});

test("user set password changes the secret and keeps the session", async () => {
  await withHome(async (micro) => {
    await micro("signup", "--email", "dave@example.com", "--password", "first-pass");
    const r = await micro("user", "set", "password", "--old-password", "first-pass", "--new-password", "second-pass");
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await micro("services")).code, 0, "still logged in");
    const ns = (await micro("user", "namespace")).stdout.trim();
    assert.equal((await micro("logout")).code, 0);
    assert.equal((await micro("login", "--email", "dave@example.com", "--password", "first-pass", "--namespace", ns)).code, 2);
    assert.equal((await micro("login", "--email", "dave@example.com", "--password", "second-pass", "--namespace", ns)).code, 0);
  });
});
