// The local runtime's sandbox policy and areas (runtime/launcher/sandbox.ts): who may run code, as whom, where.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTempEngine } from "../../runtime/engine/lmdb.js";
import { MicroError } from "../../runtime/rpc/index.js";
import { LocalRuntime } from "../../runtime/launcher/local.js";
import { FIRST_UID, Sandboxes, admitNamespace, dirName, sandboxPolicy, type SandboxPolicy } from "../../runtime/launcher/sandbox.js";
import { until } from "../support/wait.js";
import { skipUnlessRoot } from "../support/tools.js";

const REFUSAL = /^running services for tenant namespaces needs a sandbox: run micro server as root, or set MICRO_RUNTIME_UNSANDBOXED=true to accept that tenants' code runs as the server's user$/;
const isRefusal = (e: unknown) => e instanceof MicroError && e.code === 403 && e.id === "runtime" && REFUSAL.test(e.detail);

/** A dependency-free service (world-readable, as a tenant's directory source must be) that prints its uid. */
async function uidService(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sbx-svc-"));
  await chmod(dir, 0o755);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "whoami", version: "1.0.0", scripts: { start: "node main.js" } }));
  await writeFile(join(dir, "main.js"), "console.log('uid ' + process.getuid()); setInterval(() => {}, 1000);");
  return dir;
}

test("sandbox policy: root sandboxes every namespace; otherwise only the platform's runs, unless MICRO_RUNTIME_UNSANDBOXED=true", () => {
  assert.deepEqual(sandboxPolicy(() => 0, {}), { sandboxed: true, tenantsAllowed: true });
  assert.deepEqual(sandboxPolicy(() => 0, { MICRO_RUNTIME_UNSANDBOXED: "true" }), { sandboxed: true, tenantsAllowed: true });
  assert.deepEqual(sandboxPolicy(() => 1000, {}), { sandboxed: false, tenantsAllowed: false });
  assert.deepEqual(sandboxPolicy(() => 1000, { MICRO_RUNTIME_UNSANDBOXED: "1" }), { sandboxed: false, tenantsAllowed: false }, "only the word true accepts it");
  assert.deepEqual(sandboxPolicy(() => 1000, { MICRO_RUNTIME_UNSANDBOXED: "true" }), { sandboxed: false, tenantsAllowed: true });

  const nonRoot = sandboxPolicy(() => 1000, {});
  assert.doesNotThrow(() => admitNamespace(nonRoot, "micro"));
  assert.throws(() => admitNamespace(nonRoot, "acme"), isRefusal);
  assert.doesNotThrow(() => admitNamespace(sandboxPolicy(() => 1000, { MICRO_RUNTIME_UNSANDBOXED: "true" }), "acme"));
  assert.doesNotThrow(() => admitNamespace(sandboxPolicy(() => 0, {}), "acme"));
});

test("namespace directory names: plain names as they are, anything else hashed", () => {
  assert.equal(dirName("micro"), "micro");
  assert.equal(dirName("tenant-b-1a2b3c"), "tenant-b-1a2b3c");
  for (const odd of ["..", ".", "a/b", "Acme", "", "x".repeat(64)]) assert.match(dirName(odd), /^ns-[0-9a-f]{16}$/, odd);
  assert.notEqual(dirName("a/b"), dirName("a/c"));
});

test("a server that cannot switch users refuses Runtime.Create/Update for tenants with 403, runs the platform's, and restores no tenant's", async () => {
  const engine = await openTempEngine();
  const dataDir = await mkdtemp(join(tmpdir(), "sbx-data-"));
  const src = await uidService();
  const make = (sandbox: SandboxPolicy) => new LocalRuntime({ engine, dataDir, baseEnv: () => ({}), sandbox });
  const serverUid = String(process.getuid?.());
  const uidOf = async (rt: LocalRuntime, ns: string, name: string) => until(async () => {
    for await (const l of rt.logs(ns, name, {})) if (l.message.startsWith("uid ")) return l.message.slice(4);
    return undefined;
  }, `${ns}/${name} to print its uid`);
  let rt = make(sandboxPolicy(() => 1000, {}));
  try {
    await assert.rejects(rt.create({ name: "svc", version: "latest", namespace: "acme", source: src }), isRefusal);
    await assert.rejects(rt.update("acme", "svc"), isRefusal, "update is refused before looking the service up");
    assert.deepEqual(await rt.list("acme"), [], "nothing was recorded");
    await rt.create({ name: "svc", version: "latest", namespace: "micro", source: src });
    assert.equal(await uidOf(rt, "micro", "svc"), serverUid, "the platform's service runs as the server's user");
    await rt.delete("micro", "svc");
    await rt.close();

    // accepted: tenants' code runs, as the server's user
    rt = make(sandboxPolicy(() => 1000, { MICRO_RUNTIME_UNSANDBOXED: "true" }));
    await rt.create({ name: "svc", version: "latest", namespace: "acme", source: src });
    assert.equal(await uidOf(rt, "acme", "svc"), serverUid);
    await rt.close();

    // the same data dir under a server that refuses tenants: the tenant's service does not come back
    rt = make(sandboxPolicy(() => 1000, {}));
    await rt.restore();
    const [state] = await rt.list("acme");
    assert.equal(state?.status, "error");
    assert.match(state!.error!, /needs a sandbox/);
  } finally {
    await rt.close();
    await engine.close();
    for (const d of [engine.dir, dataDir, src]) await rm(d, { recursive: true, force: true });
  }
});

test("as root: each namespace gets its own uid (kept across restarts) and an area only that uid enters; the data dir lets others through but not look",
  async (t) => {
    if (skipUnlessRoot(t, "switching users needs root")) return;
    const engine = await openTempEngine();
    const dataDir = await mkdtemp(join(tmpdir(), "sbx-data-"));
    const src = await uidService();
    const policy = sandboxPolicy(() => 0, {});
    try {
      const sandboxes = new Sandboxes({ engine, dataDir, policy });
      const micro = await sandboxes.enter("micro");
      const acme = await sandboxes.enter("acme");
      assert.ok(micro.user && acme.user);
      assert.ok(micro.user.uid >= FIRST_UID && acme.user.uid >= FIRST_UID);
      assert.notEqual(micro.user.uid, acme.user.uid);
      assert.equal(acme.user.gid, acme.user.uid);
      assert.equal(micro.fetchUser, undefined, "the platform's sources are fetched with the server's rights");
      assert.deepEqual(acme.fetchUser, acme.user, "a tenant's as the tenant");
      assert.equal(acme.env.HOME, join(acme.dir, "home"));
      for (const v of ["npm_config_cache", "GOCACHE", "GOMODCACHE", "GOPATH", "PIP_CACHE_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
        assert.ok(acme.env[v]?.startsWith(acme.dir + "/"), `${v} is inside the area`);
      }
      const area = await stat(acme.dir);
      assert.equal(area.uid, acme.user.uid);
      assert.equal(area.mode & 0o777, 0o700);
      assert.equal((await stat(join(acme.dir, "home"))).uid, acme.user.uid, "home/ was made by the tenant's user");
      assert.equal((await stat(dataDir)).mode & 0o777, 0o711);
      for (const own of ["services", "uploads"]) assert.equal((await stat(join(dataDir, "runtime", own))).mode & 0o777, 0o700, own);
      assert.equal((await stat(join(engine.dir, "db"))).mode & 0o777, 0o700, "LMDB's files are the server's");

      const again = await new Sandboxes({ engine, dataDir, policy }).enter("acme");
      assert.deepEqual(again.user, acme.user, "the uid is kept");

      const rt = new LocalRuntime({ engine, dataDir, baseEnv: () => ({}), sandbox: policy });
      try {
        await rt.create({ name: "svc", version: "latest", namespace: "acme", source: src });
        const uid = await until(async () => {
          for await (const l of rt.logs("acme", "svc", {})) if (l.message.startsWith("uid ")) return Number(l.message.slice(4));
          return undefined;
        }, "the service to print its uid");
        assert.equal(uid, acme.user.uid, "the service runs as its namespace's user");
      } finally {
        await rt.close();
      }
    } finally {
      await engine.close();
      for (const d of [engine.dir, dataDir, src]) await rm(d, { recursive: true, force: true });
    }
  });
