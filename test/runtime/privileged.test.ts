// `micro server` started as root gives root up (runtime/launcher/privileged/): the process that listens and parses
// requests runs as the server user, and only the privileged helper keeps root, for the launcher's root work, with a
// fixed, checked set of requests.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Runtime as RuntimeDesc } from "../../runtime/gen/runtime/runtime_pb.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { openTempEngine } from "../../runtime/engine/lmdb.js";
import { LocalRuntime } from "../../runtime/launcher/local.js";
import { usePrivilegedHelper } from "../../runtime/launcher/exec.js";
import { sandboxPolicy } from "../../runtime/launcher/sandbox.js";
import { PrivilegedHelper, type RemoteChild } from "../../runtime/launcher/privileged/client.js";
import { FIRST_UID, checkArea, checkProgram, checkTenantIds, sandboxRoots } from "../../runtime/launcher/privileged/protocol.js";
import { MICRO_BIN } from "../cli/support/micro.js";
import { skipUnlessRoot } from "../support/tools.js";
import { alive, freePort, until } from "../support/wait.js";

/** A dependency-free service that prints its uid and stays up, in a directory others may read. */
async function uidService(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "priv-svc-"));
  await chmod(dir, 0o755);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "whoami", version: "1.0.0", scripts: { start: "node main.js" } }));
  await writeFile(join(dir, "main.js"), "console.log('uid ' + process.getuid()); setInterval(() => {}, 1000);");
  return dir;
}

/** The real uid of process `pid` (from /proc). */
async function uidOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
}

/** The process listening on TCP `port` on 127.0.0.1: the socket's inode from /proc/net/tcp, then whose fd it is. */
async function listenerOf(port: number): Promise<number | undefined> {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const rows = (await readFile("/proc/net/tcp", "utf8")).split("\n").slice(1).map((l) => l.trim().split(/\s+/));
  // local_address is 0100007F:PORT; st 0A is LISTEN; the inode is the 10th field
  const inode = rows.find((r) => r[1] === `0100007F:${hex}` && r[3] === "0A")?.[9];
  if (!inode) return undefined;
  for (const pid of (await readdir("/proc")).filter((p) => /^\d+$/.test(p))) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")) === `socket:[${inode}]`) return Number(pid);
  }
  return undefined;
}

/** Runs `child` to its end: its stdout, its stderr and how it ended. */
function outcome(child: RemoteChild): Promise<{ out: string; err: string; code: number | null; error?: string }> {
  let out = "";
  let err = "";
  let error: string | undefined;
  child.stdout.on("data", (d: Buffer) => (out += d));
  child.stderr.on("data", (d: Buffer) => (err += d));
  child.on("error", (e: Error) => (error = e.message));
  return new Promise((resolve) => child.on("close", (code: number | null) => resolve({ out, err, code, error })));
}

test("the helper's rules: tenant uids only, the launcher's programs, areas in the sandbox root", () => {
  for (const [uid, gid] of [[0, 0], [999, 999], [FIRST_UID - 1, FIRST_UID - 1], [FIRST_UID + 0.5, FIRST_UID + 0.5], ["200000", "200000"], [FIRST_UID, 0], [FIRST_UID, FIRST_UID + 1]]) {
    assert.throws(() => checkTenantIds(uid, gid), /is not (a tenant's uid|the tenant's gid)/, `${uid}/${gid}`);
  }
  assert.doesNotThrow(() => checkTenantIds(FIRST_UID, FIRST_UID));
  const [inside] = sandboxRoots("/srv/micro");
  assert.equal(inside, "/srv/micro/runtime/sandbox");
  for (const ok of ["sh", "npm", "git", process.execPath]) assert.doesNotThrow(() => checkProgram(ok, undefined, [inside!]), ok);
  assert.doesNotThrow(() => checkProgram(`${inside}/acme/services/x/src-1/.micro/service`, `${inside}/acme/services/x/src-1/.micro/service`, [inside!]));
  for (const bad of ["/bin/sh", "cat", "", "/srv/micro/auth/tool"]) assert.throws(() => checkProgram(bad, bad || undefined, [inside!]), /is not one the launcher runs|must be a string/, bad);
  assert.doesNotThrow(() => checkArea(`${inside}/acme`, [inside!]));
  for (const bad of ["/etc", "/srv/micro/auth", `${inside}`, `${inside}/acme/home`, `${inside}/..`]) assert.throws(() => checkArea(bad, [inside!]), /is not a namespace's area/, bad);
});

test("as root: the privileged helper refuses a bad request (uid 0, a path outside the sandbox root, another program) and does a good one",
  { timeout: 120_000 }, async (t) => {
    if (skipUnlessRoot(t, "the privileged helper runs as root")) return;
    const data = await realpath(await mkdtemp(join(tmpdir(), "priv-data-")));
    const root = join(data, "runtime", "sandbox");
    await mkdir(root, { recursive: true, mode: 0o711 });
    const helper = await PrivilegedHelper.start(data);
    const uid = FIRST_UID + 4321;
    const run = (o: Partial<Parameters<PrivilegedHelper["spawn"]>[0]>) => outcome(helper.spawn({
      command: "sh", args: ["-c", "id -u; id -G; pwd"], cwd: "/", env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, uid, gid: uid, stdin: false, ...o,
    }));
    try {
      const good = await run({});
      assert.equal(good.code, 0, good.err);
      assert.deepEqual(good.out.trim().split("\n"), [String(uid), String(uid), "/"], "the tenant's uid, its gid alone, in /");

      for (const [what, o, message] of [
        ["uid 0", { uid: 0, gid: 0 }, /uid 0 is not a tenant's uid/],
        ["the server's own uid", { uid: 999, gid: 999 }, /uid 999 is not a tenant's uid/],
        ["a gid of another", { gid: 0 }, /gid 0 is not the tenant's gid/],
        ["a cwd in the data dir, outside the sandbox root", { cwd: data }, /is outside the sandbox root/],
        ["a cwd elsewhere", { cwd: "/etc" }, /cwd \/etc is outside the sandbox root/],
        ["a program outside the sandbox root", { command: "/bin/cat", args: ["/etc/shadow"] as string[] }, /command \/bin\/cat is not one the launcher runs/],
      ] as const) {
        const bad = await run(o);
        assert.match(bad.error ?? "", message, what);
        assert.equal(bad.out, "", `${what}: nothing ran`);
      }

      // areas: only a direct child of the sandbox root, never a symlink, never a path outside it
      const area = join(root, "acme");
      await mkdir(area, { mode: 0o755 });
      await helper.own(area, uid);
      const s = await stat(area);
      assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [uid, uid, 0o700]);
      await assert.rejects(helper.own("/etc", uid), /\/etc is not a namespace's area/);
      await assert.rejects(helper.own(join(data, "auth"), uid), /is not a namespace's area/);
      await assert.rejects(helper.own(join(root, "other"), 0), /uid 0 is not a tenant's uid/);
      await symlink("/etc", join(root, "linked"));
      await assert.rejects(helper.own(join(root, "linked"), uid), /ELOOP|ENOTDIR|symbolic/);
      assert.equal((await stat("/etc")).uid, 0, "/etc is still root's");
      await assert.rejects(helper.call((ref) => ({ op: "signal", id: 999_999, ref, signal: "SIGKILL" })), /no process 999999/);
      await assert.rejects(helper.call((ref) => ({ op: "own", ref, dir: area, uid: "200000" as unknown as number })), /is not a tenant's uid/);
    } finally {
      await helper.close();
      await rm(data, { recursive: true, force: true });
    }
  });

test("as root, through the helper: the local runtime runs a tenant's service as the tenant's uid, the helper its parent, and kills it",
  { timeout: 300_000 }, async (t) => {
    if (skipUnlessRoot(t, "the privileged helper runs as root")) return;
    const engine = await openTempEngine();
    const data = await realpath(await mkdtemp(join(tmpdir(), "priv-rt-")));
    const src = await uidService();
    const helper = await PrivilegedHelper.start(data);
    usePrivilegedHelper(helper);
    const rt = new LocalRuntime({ engine, dataDir: data, baseEnv: () => ({}), sandbox: sandboxPolicy(() => 1000, {}) });
    try {
      assert.deepEqual(sandboxPolicy(() => 1000, {}), { sandboxed: true, tenantsAllowed: true }, "a server with the helper sandboxes");
      await rt.create({ name: "svc", version: "latest", namespace: "acme", source: src });
      const printed = await until(async () => {
        for await (const l of rt.logs("acme", "svc", {})) if (l.message.startsWith("uid ")) return Number(l.message.slice(4));
        return undefined;
      }, "the service to print its uid", 240_000);
      assert.ok(printed >= FIRST_UID, `uid ${printed} is a tenant's`);
      const area = await stat(join(data, "runtime", "sandbox", "acme"));
      assert.equal(area.uid, printed, "the area is the tenant's");
      const pid = await until(async () => (await childrenOf(helper.pid!))[0], "the service's process");
      assert.equal(await uidOf(pid), printed);
      await rt.delete("acme", "svc");
      await until(async () => (alive(pid) ? undefined : true), "the service to be gone after delete");
    } finally {
      await rt.close();
      usePrivilegedHelper(undefined);
      await helper.close();
      await engine.close();
      for (const d of [engine.dir, data, src]) await rm(d, { recursive: true, force: true });
    }
  });

/** The pids whose parent is `ppid`. */
async function childrenOf(ppid: number): Promise<number[]> {
  const out: number[] = [];
  for (const p of (await readdir("/proc")).filter((d) => /^\d+$/.test(d))) {
    const stat = await readFile(`/proc/${p}/stat`, "utf8").catch(() => "");
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === ppid) out.push(Number(p));
  }
  return out;
}

test("micro server started as root: the process listening on the gateway port is not root; micro run still runs as the namespace's uid and can be killed",
  { timeout: 600_000 }, async (t: TestContext) => {
    if (skipUnlessRoot(t, "micro server gives root up only when started as root")) return;
    // a private home (0700, root's), as /root is: the server reaches its data dir all the same
    const home = await mkdtemp(join(tmpdir(), "priv-server-"));
    const src = await uidService();
    const temporaryRoot = sandboxRoots(join(await realpath(home), "data"))[1]!;
    const [proxy, api, web] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(MICRO_BIN, ["server"], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_DATA_DIR: join(home, "data"), MICRO_PROXY_PORT: String(proxy), MICRO_API_PORT: String(api), MICRO_GRPC_WEB_PORT: String(web) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d));
    child.stderr!.on("data", (d: Buffer) => (log += d));
    const exited = new Promise((r) => child.once("exit", r));
    try {
      await until(async () => (log.includes(" ready: ") ? true : child.exitCode !== null ? assert.fail(`micro server exited:\n${log}`) : undefined), "the ready line", 120_000);
      assert.match(log, /running as user \S+ \(uid \d+\), data \S+; tenants' processes are started by the privileged helper \(pid \d+\)/);
      const listener = await until(() => listenerOf(api), `the process listening on ${api}`);
      const serverUid = await uidOf(listener);
      assert.notEqual(serverUid, 0, "the gateway's process is not root");
      assert.ok(serverUid < FIRST_UID, "nor a tenant");
      assert.equal(await listenerOf(proxy), listener, "the proxy is in the same process");
      const helperPid = Number(/privileged helper \(pid (\d+)\)/.exec(log)![1]);
      assert.equal(await uidOf(helperPid), 0, "the helper keeps root");
      assert.deepEqual(await childrenOf(helperPid), [], "the helper listens nowhere and runs nothing yet");

      const anonymous = createClient(Auth, createGrpcTransport({ address: `127.0.0.1:${proxy}`, metadata: () => ({ "micro-namespace": "micro" }) }));
      const { token } = await anonymous.token({ id: "admin", secret: "micro", options: { namespace: "micro" } });
      const rt = createClient(RuntimeDesc, createGrpcTransport({ address: `127.0.0.1:${proxy}`, metadata: () => ({ authorization: `Bearer ${token!.accessToken}`, "micro-namespace": "micro" }) }));
      await rt.create({ resource: { service: { name: "whoami", version: "latest", source: src } } });
      const pid = Number(await until(async () => /runtime: micro\/whoami started \(pid (\d+)\)/.exec(log)?.[1], `the service to start:\n${log}`, 300_000));
      const uid = await uidOf(pid);
      assert.ok(uid >= FIRST_UID, `the service runs as the namespace's uid (${uid}), not the server's (${serverUid})`);
      assert.deepEqual(await childrenOf(helperPid), [pid], "the helper started it");
      await rt.delete({ resource: { service: { name: "whoami" } } });
      await until(async () => (alive(pid) ? undefined : true), "the service to be gone after micro kill");
    } finally {
      child.kill("SIGTERM");
      await exited;
      closeChannels();
      for (const d of [home, src]) await rm(d, { recursive: true, force: true });
    }
    assert.match(log, /shutting down/);
    // the sandbox root in the temp dir (the tenants cannot reach a data dir under a private home) went with it
    assert.equal(await stat(temporaryRoot).catch(() => "gone"), "gone", `${temporaryRoot} is removed at shutdown`);
  });
