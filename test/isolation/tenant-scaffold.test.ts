// The TS scaffold in a signup tenant's namespace, through the real CLI: micro signup → new → run reaches running as
// the namespace's sandbox user (not the server's), answers through the CLI and the gateway, and goes on kill. The
// scaffold names micro-ts by version: the server copies its packed micro-ts into the build dir (runtime/launcher/
// framework.ts), and npm installs it with a cache in the sandbox's HOME.
// A server that is not root refuses instead, with the reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startServer } from "../../runtime/server/server.js";
import { closeChannels } from "../../runtime/rpc/index.js";
import { FIRST_UID } from "../../runtime/launcher/sandbox.js";
import { runMicro, tempHome } from "../cli/support/micro.js";

/** The uid of the process running in the service's build directory, as /proc tells root. */
async function serviceUid(ns: string, name: string): Promise<number | undefined> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => "");
    if (!cwd.includes(`/${ns}/services/${name}/src-`)) continue;
    const status = await readFile(`/proc/${entry}/status`, "utf8").catch(() => "");
    const uid = /^Uid:\s+(\d+)/m.exec(status);
    if (uid) return Number(uid[1]);
  }
  return undefined;
}

test("a signup tenant runs the TS scaffold: built and run as its sandbox user, answering through the CLI and the gateway", { timeout: 600_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "iso-scaffold-data-"));
  const work = await mkdtemp(join(tmpdir(), "iso-scaffold-work-"));
  const home = await tempHome();
  const server = await startServer({ dataDir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  const port = Number(server.proxyAddress.split(":").pop());
  const micro = (args: string[], timeoutMs = 120_000) => runMicro(args, { home: home.home, port, cwd: work, timeoutMs });
  const ns = `carol-${randomBytes(3).toString("hex")}`;
  try {
    const signup = await micro(["signup", "--email", "carol@example.com", "--password", `carol-pw-${randomBytes(4).toString("hex")}`, "--namespace", ns]);
    assert.equal(signup.code, 0, signup.stderr);
    const created = await micro(["new", "greeter"]);
    assert.equal(created.code, 0, created.stderr);

    const run = await micro(["run", "./greeter"], 400_000);
    if (process.getuid?.() !== 0) {
      assert.equal(run.code, 1);
      assert.match(run.stderr, /running services for tenant namespaces needs a sandbox: run micro server as root/);
      return;
    }
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /greeter is running/);

    const uid = await serviceUid(ns, "greeter");
    assert.ok(uid !== undefined && uid >= FIRST_UID, `the service runs as a sandbox user (uid ${uid})`);

    let call = await micro(["greeter", "--name=Carol"]);
    for (let i = 0; i < 50 && call.code !== 0; i++) {
      await sleep(200);
      call = await micro(["greeter", "--name=Carol"]);
    }
    assert.equal(call.code, 0, call.stderr);
    assert.match(call.stdout, /"msg": "Hello Carol"/);
    const res = await fetch(`http://${server.apiAddress}/greeter/call?name=Carol`, { headers: { "micro-namespace": ns } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Hello Carol/);

    const kill = await micro(["kill", "greeter"]);
    assert.equal(kill.code, 0, kill.stderr);
    assert.equal(await serviceUid(ns, "greeter"), undefined, "the process is gone");
  } finally {
    await server.close();
    closeChannels();
    await home.remove();
    for (const d of [dataDir, work]) await rm(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
