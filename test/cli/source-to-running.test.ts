// Source to running through the real CLI: micro new → run → status → call → logs → update under load → kill (with a
// handler that uses the store, and with a runtime name other than the registered one), a kill during a build, a
// failed build, and services coming back after a server restart. The server's terminal shows each runtime event.
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
import { alive, until } from "../support/wait.js";

let dataDir: string;
let work: string;
let server: RunningServer;
let home: { home: string; remove(): Promise<void> };
let port: number;
/** What the server printed (its terminal). */
const serverLog: string[] = [];

const boot = () => startServer({ dataDir, ports: { proxy: port, api: 0, host: "127.0.0.1" }, log: (line) => serverLog.push(line) });

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

/** The scaffold's handler made to write to the store on every call (as README's "Writing a service") and to say
 * which process answered. */
async function storeHandler(dir: string, name: string, serviceName: string): Promise<void> {
  await writeFile(join(dir, "handler", `${name}.ts`), `import { logger, store } from "micro-ts";
import type { ${serviceName}Handler } from "../gen/${name}_micro.js";
import type { Ping, Request, StreamingRequest } from "../gen/${name}_pb.js";

export class ${serviceName} implements ${serviceName}Handler {
  async call(request: Request) {
    await store.write({ key: request.name, value: new TextEncoder().encode("seen") });
    logger.info(\`hello \${request.name}\`);
    return { msg: \`Hello \${request.name} from \${process.pid}\` };
  }

  async *stream(request: StreamingRequest) {
    for (let i = 0n; i < request.count; i++) yield { count: i };
  }

  async *pingPong(requests: AsyncIterable<Ping>) {
    for await (const ping of requests) yield { stroke: ping.stroke };
  }
}
`);
}

/** Calls `url` through the gateway, four at a time, until stop() is called; every answer that is not a 200 is kept. */
function gatewayLoad(url: string): { stop(): Promise<{ ok: number; failures: string[] }> } {
  let ok = 0;
  const failures: string[] = [];
  let loading = true;
  const load = (async () => {
    while (loading) {
      await Promise.all(Array.from({ length: 4 }, async () => {
        const res = await fetch(url, { headers: { "micro-namespace": "micro" } }).catch((err: Error) => ({ status: 0, text: async () => err.message }));
        if (res.status === 200) ok++;
        else failures.push(`${res.status} ${await res.text()}`);
      }));
    }
  })();
  return { async stop() { loading = false; await load; return { ok, failures }; } };
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
  // its handler uses a primitive: the instance serving during the update needs a valid account all along
  await storeHandler(join(work, "greeter"), "greeter", "Greeter");

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
  assert.match(call.stdout, /"msg": "Hello Alice from \d+"/);
  const logs = await micro(["logs", "greeter"]);
  assert.equal(logs.code, 0);
  assert.match(logs.stdout, /npm|tsc|install|up|Received/i);

  // update while the gateway is under load, with a handler that writes to the store: every request must succeed
  // (the running instance keeps its account while the new one builds)
  const load = gatewayLoad(`http://${server.apiAddress}/greeter/call?name=Load`);
  const update = await micro(["update", "greeter"]);
  await new Promise((r) => setTimeout(r, 1000));
  const { ok, failures } = await load.stop();
  assert.equal(update.code, 0, update.stderr);
  assert.deepEqual(failures, [], `${failures.length} failed requests during the update`);
  assert.ok(ok > 20, `the gateway answered ${ok} requests during the update`);
  const stored = await micro(["store", "read", "--table", "greeter", "Load"]);
  assert.equal(stored.code, 0, stored.stderr);
  assert.match(stored.stdout, /seen/, "the new handler wrote to the store");

  const kill = await micro(["kill", "greeter"]);
  assert.equal(kill.code, 0, kill.stderr);
  assert.equal(await statusOf("greeter"), undefined);
});

test("update of a service run under another name than it registers: the new instance takes over, the old one goes", { timeout: 600_000 }, async () => {
  const created = await micro(["new", "helloworld"]);
  assert.equal(created.code, 0, created.stderr);
  const dir = join(work, "helloworld");
  await storeHandler(dir, "helloworld", "Helloworld");
  const run = await micro(["run", "--name", "storesvc", "./helloworld"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /storesvc is running/);

  // it registers as "helloworld" (its code says so), with the account of "storesvc"
  const url = `http://${server.apiAddress}/helloworld/call?name=Load`;
  const pidOf = async () => {
    const res = await fetch(url, { headers: { "micro-namespace": "micro" } });
    const body = await res.text();
    assert.equal(res.status, 200, body);
    const pid = /from (\d+)/.exec(body)?.[1];
    assert.ok(pid, `a pid in ${body}`);
    return Number(pid);
  };
  const first = await until(async () => (await pidOf().catch(() => undefined)), "helloworld to answer", 60_000);

  const load = gatewayLoad(url);
  const update = await micro(["update", "storesvc"]);
  const { ok, failures } = await load.stop();
  assert.equal(update.code, 0, update.stderr);
  assert.deepEqual(failures, [], `${failures.length} failed requests during the update`);
  assert.ok(ok > 0, "the gateway answered during the update");
  // the update returned once the new instance had registered and the old one had stopped: not after a timeout
  assert.ok(serverLog.some((l) => l === "runtime: micro/storesvc updated (the new instance registered); the previous instance stopped"), serverLog.join("\n"));
  assert.equal(alive(first), false, `the old instance (pid ${first}) is gone`);
  const second = await pidOf();
  assert.notEqual(second, first, "the new instance answers");
  assert.equal(alive(second), true);

  const kill = await micro(["kill", "storesvc"]);
  assert.equal(kill.code, 0, kill.stderr);
  assert.match(kill.stderr, /Service storesvc stopped/);
  assert.equal(alive(second), false, "kill stopped it");
  assert.ok(serverLog.includes("runtime: micro/storesvc killed"), serverLog.join("\n"));
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
  // each build line once (the CLI follows the log while the build writes it)
  for (const line of ["  $ npm run build --silent", "  handler.ts(3,1): error TS1005"]) {
    assert.equal(failed.stderr.split("\n").filter((l) => l === line).length, 1, `${line} once in:\n${failed.stderr}`);
  }
  assert.match((await micro(["logs", "broken"])).stdout, /error TS1005/);
  const removed = await micro(["kill", "broken"]);
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stderr, /Removed broken \(its build had failed/);
  assert.doesNotMatch(removed.stderr, /stopped/);
  // the server's terminal: one line per event, with namespace and name
  const events = serverLog.filter((l) => l.startsWith("runtime: micro/broken "));
  assert.deepEqual(events.map((l) => l.replace(/build failed: .*/, "build failed: …")),
    ["runtime: micro/broken build started", "runtime: micro/broken build failed: …", "runtime: micro/broken killed (its build had failed)"]);
  assert.match(events[1], /npm run build --silent failed \(exit 2\)/);

  await plainService("survivor");
  assert.equal((await micro(["run", "./survivor"])).code, 0);
  await server.close();
  server = await boot();
  const back = await until(async () => ((await statusOf("survivor"))?.status === "running" ? true : undefined), "survivor to run again", 60_000);
  assert.equal(back, true);
  assert.equal((await micro(["kill", "survivor"])).code, 0);
});
