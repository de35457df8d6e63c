// The acceptance flow, in the repository itself: the local flow (micro server, env, login) and the "ten commands"
// of the Micro 3.0 announcement (new, run, status, logs, the service's command, call, user namespace, curl through
// the gateway), then micro run from a git repository, kill, and a second tenant by signup. Everything runs for real:
// bin/micro as a user runs it, with a throwaway HOME and free ports, and curl for the HTTP calls. Waits end on
// progress (the thing waited for, or the server exiting) under generous ceilings, never on a tight budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { MICRO_BIN, runMicro, type RunResult } from "../cli/support/micro.js";
import { requireTools } from "../support/tools.js";
import { freePort } from "../support/wait.js";

/** Polls `fn` until it gives a value; on the ceiling fails with what `describe` says about the last try. */
async function poll<T>(what: string, fn: () => Promise<T | undefined>, describe: () => string, ceilingMs: number): Promise<T> {
  const end = Date.now() + ceilingMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ceilingMs / 1000} s; last: ${describe()}`);
    await sleep(300);
  }
}

/** curl, as the README shows it; never rejects on a failed request. */
function curl(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile("curl", ["-s", "--max-time", "60", ...args], (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code) || 1 : 0, stdout, stderr });
    });
  });
}

/** A `micro server` child with its own HOME and ports; its output is kept for failure messages. */
function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string } {
  const child = spawn(MICRO_BIN, ["server"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  return { child, log: () => log.split("\n").slice(-30).join("\n") };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  // a server that will not stop is killed: the run must end, and the failure is elsewhere
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  await exited;
  clearTimeout(timer);
}

test("ten commands: server, env, login, new, run, status, logs, calls, namespace, curl, git run, kill, signup", { timeout: 1_200_000 }, async (t) => {
  requireTools("curl", "git");
  const work = await mkdtemp(join(tmpdir(), "ten-commands-"));
  const home = join(work, "home");
  await mkdir(home);
  const api = await freePort();
  const ports = { MICRO_API_PORT: String(api), MICRO_PROXY_PORT: String(await freePort()), MICRO_GRPC_WEB_PORT: String(await freePort()) };
  const { NODE_TEST_CONTEXT: _, ...inherited } = process.env;
  const server = startServer({ ...inherited, HOME: home, ...ports });
  const micro = (args: string[], timeoutMs = 120_000) => runMicro(args, { home, cwd: work, env: ports, timeoutMs });
  // Steps build on each other: after a failed one the rest are not run (the first failure is the one to read).
  let failed: string | undefined;
  const sub = (name: string, fn: () => Promise<unknown> | void) =>
    t.test(name, { skip: failed && `the step "${failed}" failed` }, async () => {
      try {
        await fn();
      } catch (err) {
        failed = name;
        throw err;
      }
    });
  /** A step: the command exits 0 and its output matches `want`. */
  const step = async (name: string, args: string[], want = /(?:)/, timeoutMs?: number) =>
    sub(name, async () => {
      const r = await micro(args, timeoutMs);
      assert.equal(r.code, 0, `micro ${args.join(" ")} exited ${r.code}:\n${r.stderr}${r.stdout}`);
      assert.match(r.stdout + r.stderr, want);
    });
  const serverGone = () => server.child.exitCode !== null || server.child.signalCode !== null;

  try {
    await sub(`micro server answers on :${api}`, () => poll("the gateway to answer", async () => {
      if (serverGone()) throw new Error(`micro server exited:\n${server.log()}`);
      return (await curl(["-o", "/dev/null", `http://127.0.0.1:${api}/`])).code === 0 ? true : undefined;
    }, server.log, 120_000));

    // the local flow
    await step("micro env lists local, dev, platform", ["env"], /local[\s\S]*dev[\s\S]*platform/);
    await step("micro env set local", ["env", "set", "local"]);
    await step("micro env shows local as current", ["env"], /\*.*local|local.*\*/);
    await step("micro login admin/micro", ["login", "--email", "admin", "--password", "micro"]);
    await step("micro env add foobar", ["env", "add", "foobar", "proxy.foo.com:443"]);
    await step("micro env lists foobar", ["env"], /foobar/);
    await step("micro env set local (again)", ["env", "set", "local"]);

    // the ten commands: source to running from a local directory
    const dir = join(work, "helloworld");
    await step("micro new helloworld", ["new", "helloworld"], /(?:)/, 600_000);
    await sub("micro new made ./helloworld with a .proto", () => {
      assert.ok(existsSync(dir), "no ./helloworld");
      const protos = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".proto") && !f.includes("node_modules"));
      assert.ok(protos.length > 0, "the scaffold has no .proto");
    });
    await step("micro run ./helloworld", ["run", "./helloworld"], /(?:)/, 600_000);
    let status: RunResult | undefined;
    await sub("micro status shows helloworld running", () => poll("helloworld to be running", async () => {
      status = await micro(["status"]);
      return status.stdout.split("\n").some((line) => /helloworld/i.test(line) && /running/i.test(line)) ? true : undefined;
    }, () => `${status?.stdout}${status?.stderr}`, 300_000));
    // registration can trail the process start
    let call: RunResult | undefined;
    await sub("helloworld answers", () => poll("helloworld to answer", async () => {
      call = await micro(["helloworld", "--name=Alice"]);
      return call.code === 0 ? true : undefined;
    }, () => `${call?.stdout}${call?.stderr}`, 120_000));
    await step("micro logs helloworld", ["logs", "helloworld"], /./);
    await step("micro helloworld --name=Alice", ["helloworld", "--name=Alice"], /Alice/);
    await step("micro call helloworld Helloworld.Call", ["call", "helloworld", "Helloworld.Call", '{"name":"Alice"}'], /Alice/);
    const ns = await micro(["user", "namespace"]);
    const namespace = ns.stdout.trim();
    await sub(`micro user namespace (${namespace})`, () => {
      assert.equal(ns.code, 0, ns.stderr);
      assert.match(namespace, /^[a-z0-9-]+$/);
    });

    // the gateway, as curl sees it
    const curlStep = (name: string, args: string[]) => sub(name, async () => {
      const r = await curl(["-f", ...args]);
      assert.equal(r.code, 0, `curl ${args.join(" ")} exited ${r.code}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /Alice/);
    });
    await curlStep("curl -H Micro-Namespace /helloworld?name=Alice", ["-H", `Micro-Namespace: ${namespace}`, `http://localhost:${api}/helloworld?name=Alice`]);
    await curlStep("curl POST /helloworld/call JSON", ["-H", `Micro-Namespace: ${namespace}`, "-H", "Content-Type: application/json", "-d", '{"name":"Alice"}', `http://localhost:${api}/helloworld/call`]);
    await curlStep(`curl ${namespace}.localhost routes by host`, [`http://${namespace}.localhost:${api}/helloworld?name=Alice`]);
    await sub("unknown service: an error status with Micro's error JSON", async () => {
      const r = await curl(["-w", "\n%{http_code}", "-H", `Micro-Namespace: ${namespace}`, `http://localhost:${api}/nosuchservice/call`]);
      const [body, code] = [r.stdout.slice(0, r.stdout.lastIndexOf("\n")), Number(r.stdout.slice(r.stdout.lastIndexOf("\n") + 1))];
      assert.ok(code >= 400, `status ${code}: ${body}`);
      assert.ok("detail" in JSON.parse(body), body);
    });

    // source to running from a git repository
    await sub("the scaffold becomes a git repository", async () => {
      const git = (...args: string[]) => new Promise<void>((resolve, reject) =>
        execFile("git", ["-C", dir, "-c", "user.email=a@b", "-c", "user.name=a", ...args], (err, _out, stderr) => (err ? reject(new Error(`git ${args[0]}: ${stderr}`)) : resolve())));
      await git("init", "-q");
      await git("add", "-A");
      await git("commit", "-qm", "init");
    });
    await step("micro kill helloworld", ["kill", "helloworld"]);
    await step("micro run from a git repo", ["run", `file://${dir}`], /(?:)/, 600_000);
    await sub("helloworld from git answers", () => poll("helloworld from git to answer Bob", async () => {
      call = await micro(["helloworld", "--name=Bob"]);
      return call.code === 0 && /Bob/.test(call.stdout) ? true : undefined;
    }, () => `${call?.stdout}${call?.stderr}`, 300_000));
    await step("micro kill helloworld (again)", ["kill", "helloworld"]);

    // a second tenant: signup gives a namespace of its own
    await step("micro signup (new tenant)", ["signup", "--email", "alice@example.com", "--password", "correct horse battery"]);
    await sub("signup gave its own namespace", async () => {
      const r = await micro(["user", "namespace"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout.trim(), /^[a-z0-9-]+$/);
      assert.notEqual(r.stdout.trim(), namespace);
    });
  } finally {
    await stopServer(server.child);
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
