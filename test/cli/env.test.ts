// `micro env`: built-in and added environments, the current one, overrides, and the config file itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runMicro, tempHome } from "./support/micro.js";

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const h = await tempHome();
  try {
    await fn(h.home);
  } finally {
    await h.remove();
  }
}

test("micro env lists local, dev and platform with local current, on MICRO_PROXY_PORT", async () => {
  await withHome(async (home) => {
    const r = await runMicro(["env"], { home, port: 19999 });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\*\s+local\s+127\.0\.0\.1:19999\s+\S/);
    assert.match(lines[1], /^\s+dev\s+\S+:443/);
    assert.match(lines[2], /^\s+platform\s+\S+:443/);
  });
});

test("env add, set, del: the current one is marked, deleting it is refused, others go", async () => {
  await withHome(async (home) => {
    const run = (...args: string[]) => runMicro(args, { home });
    assert.equal((await run("env", "add", "foobar", "proxy.foo.com:443")).code, 0);
    assert.equal((await run("env", "add", "bare", "proxy.bar.com")).code, 0);
    let list = (await run("env")).stdout;
    assert.match(list, /^\s+foobar\s+proxy\.foo\.com:443/m);
    assert.match(list, /^\s+bare\s+proxy\.bar\.com:443/m, "the port defaults to 443");
    assert.equal((await run("env", "set", "foobar")).code, 0);
    list = (await run("env")).stdout;
    assert.match(list, /^\*\s+foobar/m);
    assert.match(list, /^\s+local/m);
    assert.equal((await run("env", "get")).stdout.trim(), "foobar");

    const refused = await run("env", "del", "foobar");
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /cannot delete the current environment "foobar"/);
    assert.equal(refused.stderr.trim().split("\n").length, 1, "one line, no stack trace");

    assert.equal((await run("env", "set", "local")).code, 0);
    assert.equal((await run("env", "del", "foobar")).code, 0);
    assert.doesNotMatch((await run("env")).stdout, /foobar/);
    const builtin = await run("env", "del", "dev");
    assert.notEqual(builtin.code, 0);
    assert.match(builtin.stderr, /built-in/);
    const unknown = await run("env", "set", "nope");
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /"nope" does not exist/);
  });
});

test("--env and MICRO_ENV choose the environment for one command; --env beats MICRO_ENV", async () => {
  await withHome(async (home) => {
    await runMicro(["env", "add", "staging", "staging.example.com:8081"], { home });
    assert.equal((await runMicro(["env", "get"], { home, env: { MICRO_ENV: "staging" } })).stdout.trim(), "staging");
    assert.equal((await runMicro(["--env", "dev", "env", "get"], { home, env: { MICRO_ENV: "staging" } })).stdout.trim(), "dev");
    assert.equal((await runMicro(["env", "get", "--env", "platform"], { home })).stdout.trim(), "platform");
    assert.match((await runMicro(["env"], { home, env: { MICRO_ENV: "staging" } })).stdout, /^\*\s+staging/m);
    // nothing was saved: the current environment is still local
    assert.equal((await runMicro(["env", "get"], { home })).stdout.trim(), "local");
    const bad = await runMicro(["env", "get"], { home, env: { MICRO_ENV: "missing" } });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /"missing" does not exist/);
  });
});

test("dev and platform addresses are configurable; local follows MICRO_PROXY_PORT and cannot be re-pointed", async () => {
  await withHome(async (home) => {
    assert.equal((await runMicro(["env", "add", "dev", "dev.example.com:9000"], { home })).code, 0);
    const list = await runMicro(["env", "--output", "json"], { home, env: { MICRO_PLATFORM_PROXY: "plat.example.com:443" } });
    const envs = JSON.parse(list.stdout) as { name: string; proxy: string; current: boolean }[];
    assert.equal(envs.find((e) => e.name === "dev")?.proxy, "dev.example.com:9000");
    assert.equal(envs.find((e) => e.name === "platform")?.proxy, "plat.example.com:443");
    assert.deepEqual(envs.filter((e) => e.current).map((e) => e.name), ["local"]);
    const local = await runMicro(["env", "add", "local", "10.0.0.1:8081"], { home });
    assert.notEqual(local.code, 0);
    assert.match(local.stderr, /MICRO_PROXY_PORT/);
  });
});

test("the config file is HOME/.micro/config.json, mode 0600, and a corrupted one is survived", async () => {
  await withHome(async (home) => {
    await runMicro(["env", "add", "foobar", "proxy.foo.com:443"], { home });
    const path = join(home, ".micro", "config.json");
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const saved = JSON.parse(await readFile(path, "utf8"));
    assert.equal(saved.envs.foobar.proxy, "proxy.foo.com:443");

    await writeFile(path, "{ this is not json");
    const r = await runMicro(["env"], { home });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /not valid JSON/);
    assert.match(r.stdout, /^\*\s+local/m);
    // the next write repairs it
    assert.equal((await runMicro(["env", "add", "again", "a.example.com:1"], { home })).code, 0);
    assert.equal(JSON.parse(await readFile(path, "utf8")).envs.again.proxy, "a.example.com:1");
  });
});

test("MICRO_DATA_DIR (the server's) does not move the CLI's config", async () => {
  await withHome(async (home) => {
    const elsewhere = join(home, "server-data");
    await mkdir(elsewhere);
    await runMicro(["env", "add", "x", "x.example.com:1"], { home, env: { MICRO_DATA_DIR: elsewhere } });
    await stat(join(home, ".micro", "config.json"));
    await assert.rejects(stat(join(elsewhere, "config.json")));
  });
});
