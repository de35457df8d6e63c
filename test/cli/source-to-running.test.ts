// Source to running through the real CLI: micro new → run → status → call → logs → update under load → kill, a kill
// during a build, and services coming back after a server restart.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { closeChannels } from "../../runtime/rpc/index.js";
import { runMicro, type RunResult } from "./support/micro.js";
import { adminHome } from "./support/login.js";
import { until } from "../support/wait.js";

let dataDir: string;
let work: string;
let server: RunningServer;
let home: { home: string; remove(): Promise<void> };
let port: number;

const boot = () => startServer({ dataDir, ports: { proxy: port, api: 0, host: "127.0.0.1" }, log: () => undefined });

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "s2r-data-"));
  work = await mkdtemp(join(tmpdir(), "s2r-work-"));
  port = 0;
  server = await boot();
  port = Number(server.proxyAddress.split(":").pop());
  home = await adminHome(port);
});

after(async () => {
  await server?.close();
  closeChannels();
  await home?.remove();
  await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

const micro = (args: string[], timeoutMs = 180_000): Promise<RunResult> => runMicro(args, { home: home.home, port, timeoutMs, cwd: work });

async function statusOf(name: string): Promise<{ status: string; restarts: number; error: string; source: string } | undefined> {
  const r = await micro(["status", "--output", "json"]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { name: string; status: string; restarts: number; error: string; source: string }[]).find((s) => s.name === name);
}

/** A dependency-free service whose build takes as long as asked. */
async function plainService(name: string, buildSeconds = 0): Promise<string> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
  const scripts: Record<string, string> = { start: "node main.js" };
  if (buildSeconds) scripts.build = `node -e "setTimeout(() => {}, ${buildSeconds * 1000})"`;
  await writeFile(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", scripts }));
  await writeFile(join(dir, "main.js"), "console.log('up'); setInterval(() => {}, 1000);");
  return dir;
}

test("micro new validates the name and refuses an existing directory", async () => {
  const bad = await micro(["new", "Hello_World"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid service name "Hello_World"/);
  const lang = await micro(["new", "--lang", "cobol", "x"]);
  assert.match(lang.stderr, /--lang must be one of ts, go, python/);
  await writeFile(join(work, "taken"), "");
  const exists = await micro(["new", "taken"]);
  assert.equal(exists.code, 1);
  assert.match(exists.stderr, /taken already exists/);
});

test("new → run → status → call → logs → update under load with no failed request → kill", { timeout: 600_000 }, async () => {
  const created = await micro(["new", "greeter"]);
  assert.equal(created.code, 0, created.stderr);
  for (const f of ["proto/greeter.proto", "handler/greeter.ts", "main.ts", "gen/greeter_pb.ts", "gen/greeter_micro.ts", ".gitignore", "README.md"]) {
    assert.ok(existsSync(join(work, "greeter", f)), `scaffold has ${f}`);
  }
  assert.match(await readFile(join(work, "greeter", "proto", "greeter.proto"), "utf8"), /service Greeter \{/);

  const run = await micro(["run", "./greeter"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /greeter is running/);
  assert.match(run.stderr, /Uploading .*greeter/, "progress is shown");
  const status = await statusOf("greeter");
  assert.equal(status?.status, "running");
  assert.equal(status?.source, "local");

  const call = await until(async () => {
    const r = await micro(["greeter", "--name=Alice"]);
    return r.code === 0 ? r : undefined;
  }, "greeter to answer", 60_000);
  assert.match(call.stdout, /"msg": "Hello Alice"/);
  const logs = await micro(["logs", "greeter"]);
  assert.equal(logs.code, 0);
  assert.match(logs.stdout, /npm|tsc|install|up|Received/i);

  // update while the gateway is under load: every request must succeed
  const gateway = `http://${server.apiAddress}/greeter/call?name=Load`;
  let ok = 0;
  const failures: string[] = [];
  let loading = true;
  const load = (async () => {
    while (loading) {
      await Promise.all(Array.from({ length: 4 }, async () => {
        const res = await fetch(gateway, { headers: { "micro-namespace": "micro" } }).catch((err: Error) => ({ status: 0, text: async () => err.message }));
        if (res.status === 200) ok++;
        else failures.push(`${res.status} ${await res.text()}`);
      }));
    }
  })();
  const update = await micro(["update", "greeter"]);
  await new Promise((r) => setTimeout(r, 1000));
  loading = false;
  await load;
  assert.equal(update.code, 0, update.stderr);
  assert.deepEqual(failures, [], `${failures.length} failed requests during the update`);
  assert.ok(ok > 20, `the gateway answered ${ok} requests during the update`);

  const kill = await micro(["kill", "greeter"]);
  assert.equal(kill.code, 0, kill.stderr);
  assert.equal(await statusOf("greeter"), undefined);
});

test("a kill during the build stops the build and forgets the service", { timeout: 120_000 }, async () => {
  await plainService("slowbuild", 60);
  const run = await micro(["run", "--detach", "./slowbuild"]);
  assert.equal(run.code, 0, run.stderr);
  await until(async () => ((await statusOf("slowbuild"))?.status === "building" ? true : undefined), "the build to start", 60_000);
  const started = Date.now();
  const kill = await micro(["kill", "slowbuild"]);
  assert.equal(kill.code, 0, kill.stderr);
  assert.ok(Date.now() - started < 20_000, "kill did not wait for the build");
  assert.equal(await statusOf("slowbuild"), undefined);
  // and it can be run again right away
  await plainService("slowbuild", 0);
  const again = await micro(["run", "./slowbuild"]);
  assert.equal(again.code, 0, again.stderr);
  await micro(["kill", "slowbuild"]);
});

test("a failing build makes micro run fail with the error; services come back after a server restart", { timeout: 180_000 }, async () => {
  const broken = await plainService("broken");
  await writeFile(join(broken, "package.json"), JSON.stringify({ name: "broken", scripts: { build: "node -e \"console.error('handler.ts(3,1): error TS1005'); process.exit(2)\"", start: "node main.js" } }));
  const failed = await micro(["run", "./broken"]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /broken failed: .*build/);
  assert.match((await micro(["logs", "broken"])).stdout, /error TS1005/);
  assert.equal((await micro(["kill", "broken"])).code, 0);

  await plainService("survivor");
  assert.equal((await micro(["run", "./survivor"])).code, 0);
  await server.close();
  server = await boot();
  const back = await until(async () => ((await statusOf("survivor"))?.status === "running" ? true : undefined), "survivor to run again", 60_000);
  assert.equal(back, true);
  assert.equal((await micro(["kill", "survivor"])).code, 0);
});
