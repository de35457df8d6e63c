// `npm run bench:server -- --micro-v3`: `micro server`'s cold start and memory beside the real Micro 3.0's (v3.19.0,
// installed as the compat suite installs it: test/support/micro-v3.ts), on this machine, in one run (issue 16).
//   cold start: exec of the server → the first 200 from its HTTP gateway (POST /auth/auth/token as admin: the
//     gateway, routing and the auth service all serve), polled by the same shell loop of curl for both, median of
//     BENCH_COLD_RUNS (default 3) runs each, interleaved ours, Micro 3.0's, ours, …
//   memory: after BENCH_RSS_SECONDS (default 60) of wrk (64 connections) through each gateway to the same Go
//     helloworld (Micro 3.0's template) registered with each server, each server's whole process tree (ours: the
//     server and, started as root, its privileged helper; Micro 3.0's: ~12 processes) three ways: resident pages
//     counted once, VmRSS summed, PSS summed (bench/support/memory.ts says what each counts).
// Micro 3.0 runs in namespaces of its own (it hard-codes its ports). Prints figures only.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { asStranger, microV3Binary, requireNamespaces, startMicroV3Server } from "../../test/support/micro-v3.js";
import { freePort, until } from "../../test/support/wait.js";
import { plainGoHelloworld, startGoService } from "../gateway/micro-v3.js";
import { runWrk } from "../gateway/wrk.js";
import { serviceAccount } from "../support/helloworld.js";
import { treeMemory, type TreeMemory } from "../support/memory.js";
import { MICRO_BIN } from "../../test/cli/support/micro.js";
import { bootServer } from "./boot.js";

const COLD_RUNS = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 3));
const RSS_SECONDS = Math.max(1, Number(process.env.BENCH_RSS_SECONDS ?? 60));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** "142 MB resident (180 MB VmRSS summed over 2 processes, the first's 138 MB; PSS 120 MB)". */
const memory = (m: TreeMemory) =>
  `${m.resident === undefined ? "resident pages unreadable (not root)" : `${mb(m.resident)} resident`} ` +
  `(${mb(m.rss)} VmRSS summed over ${m.processes} processes, the first's ${mb(m.own)}; PSS ${mb(m.pss)})`;

/** Polls a gateway's login with curl every 10 ms until it answers 200, then prints READY: the same prober for both
 * servers (Micro 3.0's runs inside its network namespace, so the prober must too). */
const probe = (url: string) =>
  `until curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"id":"admin","secret":"micro"}' ` +
  `'${url}/auth/auth/token' | grep -q 200; do sleep 0.01; done; echo READY`;

/** Spawns a shell that starts a server in the background and probes it; ms from spawn to READY. */
async function timeToReady(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  const started = performance.now();
  const sh = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 200 from the gateway in 120 s:\n${output.slice(-4000)}`)), 120_000);
      sh.stdout!.on("data", (d) => {
        output += d;
        if (/^READY$/m.test(output)) { clearTimeout(timer); resolve(performance.now() - started); }
      });
      sh.stderr!.on("data", (d) => { if (output.length < 1 << 16) output += d; });
      sh.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the server's shell exited with ${code}:\n${output.slice(-4000)}`)); });
    });
  } finally {
    const exited = new Promise((r) => sh.once("exit", r));
    if (sh.exitCode === null && sh.signalCode === null) { try { process.kill(-sh.pid!, "SIGKILL"); } catch { /* gone */ } }
    await exited;
  }
}

async function oursCold(): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), "micro-bench-cold-"));
  const [proxy, api, web] = [await freePort(), await freePort(), await freePort()];
  try {
    return await timeToReady("sh", ["-c", `"$0" server >/dev/null 2>&1 & ${probe(`http://127.0.0.1:${api}`)}`, MICRO_BIN], {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_DATA_DIR: join(home, "data"),
      MICRO_PROXY_PORT: String(proxy), MICRO_API_PORT: String(api), MICRO_WEB_PORT: String(web),
    }, home);
  } finally {
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

async function v3Cold(binary: string): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), "micro-v3-bench-cold-"));
  await mkdir(join(home, "tmp"));
  // as startMicroV3Server runs it: root of a user+net+pid namespace brings lo up, the server runs as a nobody-uid
  const stranger = asStranger().join(" ");
  const script = `ip link set lo up && { ${stranger} "$0" server >/dev/null 2>&1 & } && ${probe("http://127.0.0.1:8080")}`;
  try {
    return await timeToReady("unshare", ["--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "sh", "-c", script, binary], {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, USER: "micro", MICRO_CONFIG_FILE: join(home, "cli.json"), TMPDIR: join(home, "tmp"),
    }, home);
  } finally {
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

export async function coldStartAndMemory(row: (label: string, value: string) => void): Promise<void> {
  requireNamespaces();
  console.log(`micro server beside Micro 3.0: ${COLD_RUNS} interleaved cold starts each, then ${RSS_SECONDS} s of wrk (64 connections) ` +
    `through each gateway; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at start`);
  const [v3Binary, goBinary] = [await microV3Binary(), await plainGoHelloworld()];

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    ours.push(await oursCold());
    theirs.push(await v3Cold(v3Binary));
  }
  const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  row(`cold start, exec → first 200 from the gateway, ours (median of ${COLD_RUNS})`, `${median(ours).toFixed(0)} ms (runs ${runs(ours)})`);
  row(`cold start, the same, Micro 3.0 (median of ${COLD_RUNS})`, `${median(theirs).toFixed(0)} ms (runs ${runs(theirs)})`);
  row("cold start, ours ÷ Micro 3.0's (target ≤ 1×)", `${(median(ours) / median(theirs)).toFixed(2)}×`);

  // memory after the same gateway load: ours first, then Micro 3.0's (one server at a time: the load is the CPU's)
  const url = "/helloworld/call?name=Alice";
  const load = { connections: 64, threads: 2, seconds: RSS_SECONDS, headers: { "Micro-Namespace": "micro" } };
  {
    const server = await bootServer({ onOutput: () => undefined });
    const creds = await serviceAccount(server.proxy, "helloworld");
    const go = await startGoService(goBinary, asStranger(), server.proxy, creds.id, creds.secret);
    try {
      const before = await treeMemory(server.child.pid!);
      await until(async () => (await fetch(`http://${server.api}${url}`, { headers: load.headers }).then((r) => r.ok, () => false)) || undefined,
        "the Go service to answer through our gateway", 60_000, 250);
      const w = await runWrk({ ...load, url: `http://${server.api}${url}` });
      const after = await treeMemory(server.child.pid!);
      row("memory idle after boot, ours", memory(before));
      row(`memory after ${RSS_SECONDS} s of gateway load, ours (target ≤ 150 MB)`, `${memory(after)}; ${w.rps.toFixed(0)} req/s, ${w.errors} errors`);
    } finally {
      go.proc.kill("SIGKILL");
      await rm(go.home, { recursive: true, force: true });
      await server.stop();
    }
  }
  {
    const v3 = await startMicroV3Server(v3Binary);
    const pid = Number(v3.enter()[2]);
    const go = await startGoService(goBinary, v3.enter(), "127.0.0.1:8081", "admin", "micro");
    const inside = (args: string[]) => new Promise<string>((resolve) => {
      const p = spawn(v3.enter()[0]!, [...v3.enter().slice(1), ...args], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      p.stdout.on("data", (d) => (out += d));
      p.once("close", () => resolve(out));
    });
    try {
      const before = await treeMemory(pid);
      await until(async () => (await inside(["curl", "-s", "-H", "Micro-Namespace: micro", `http://127.0.0.1:8080${url}`])).includes("Hello Alice") || undefined,
        "the Go service to answer through Micro 3.0's gateway", 120_000, 500);
      const w = await runWrk({ ...load, url: `http://127.0.0.1:8080${url}`, prefix: v3.enter() });
      const after = await treeMemory(pid);
      row("memory idle after boot, Micro 3.0", memory(before));
      row(`memory after ${RSS_SECONDS} s of gateway load, Micro 3.0`, `${memory(after)}; ${w.rps.toFixed(0)} req/s, ${w.errors} errors`);
    } finally {
      go.proc.kill("SIGKILL");
      await rm(go.home, { recursive: true, force: true });
      await v3.close();
    }
  }
}
