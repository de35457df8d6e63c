// The real `micro server` (bin/micro) in a child process with its own data dir and free ports, as a user runs it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as http2 from "node:http2";
import { MICRO_BIN } from "../../test/cli/support/micro.js";
import { freePort } from "../../test/support/wait.js";

export interface Booted {
  child: ChildProcess;
  proxy: string;
  /** The HTTP API gateway's address. */
  api: string;
  /** Spawn → the "ready" log line, in ms. */
  readyMs: number;
  /** Spawn → first successful gRPC call through the proxy (reflection ListServices), in ms. */
  firstCallMs: number;
  /** Resident set of the server process in bytes (VmRSS), its peak (VmHWM), and the anonymous part (RssAnon: heap,
   * not LMDB's mapped file pages). */
  rss(): { now: number; peak: number; anon: number };
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** A reflection ListServices request (field 7 = "*"), framed: public, cheap, and it goes through the proxy, the auth
 * layer and the internal server to the registry, so an OK answer means the whole server is serving. */
const LIST_SERVICES = Buffer.from([0, 0, 0, 0, 3, 0x3a, 1, 0x2a]);

function tryCall(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const session = http2.connect(`http://${address}`);
    const finish = (ok: boolean) => { session.destroy(); resolve(ok); };
    session.on("error", () => finish(false));
    const req = session.request({ ":method": "POST", ":path": "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "content-type": "application/grpc", te: "trailers" });
    let status: string | undefined;
    req.on("response", (h) => { status ??= h["grpc-status"] as string | undefined; });
    req.on("trailers", (t) => { status = t["grpc-status"] as string | undefined; });
    req.on("data", () => undefined);
    req.on("error", () => finish(false));
    req.on("close", () => finish(status === "0"));
    req.end(LIST_SERVICES);
  });
}

/** Polls every few ms until the proxy answers a call with OK. */
async function firstCall(address: string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await tryCall(address))) {
    if (Date.now() > deadline) throw new Error(`no answer from ${address} in ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface BootOptions {
  /** Everything the server prints once it is ready (the access log, for one), as it comes. */
  onOutput?: (text: string) => void;
}

/** The node flags bin/micro starts `micro server` with (read from the script, so a profiled server runs as it does). */
function serverNodeFlags(): string[] {
  const line = /exec node ((?:--\S+ )+)"\$bin\/launch\.cjs"/.exec(readFileSync(MICRO_BIN, "utf8"));
  if (!line) throw new Error(`no 'exec node <flags> "$bin/launch.cjs"' line in ${MICRO_BIN}`);
  return line[1]!.trim().split(" ");
}

export async function bootServer(options: BootOptions = {}): Promise<Booted> {
  const home = mkdtempSync(join(tmpdir(), "micro-bench-server-"));
  const [proxyPort, apiPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const proxy = `127.0.0.1:${proxyPort}`;
  const started = performance.now();
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there on exit (bin/micro's node, flags given directly:
  // node takes no --cpu-prof from NODE_OPTIONS)
  const profile = process.env.BENCH_CPU_PROF;
  const [command, args] = profile
    ? [process.execPath, [...serverNodeFlags(), "--cpu-prof", `--cpu-prof-dir=${profile}`, join(MICRO_BIN, "..", "launch.cjs"), "server"]]
    : [MICRO_BIN, ["server"]];
  const child = spawn(command, args, {
    env: {
      // what bin/micro sets for `micro server` (its malloc setting; launch.cjs keeps it from the server's children)
      ...(profile ? { MALLOC_MMAP_THRESHOLD_: "131072", MICRO_SERVER_MALLOC: "bin/micro" } : {}),
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_DATA_DIR: join(home, "data"),
      MICRO_PROXY_PORT: String(proxyPort), MICRO_API_PORT: String(apiPort), MICRO_GRPC_WEB_PORT: String(webPort),
      // MICRO_STORE=postgres://… measures the store on PostgreSQL instead of the embedded engine
      ...(process.env.MICRO_STORE ? { MICRO_STORE: process.env.MICRO_STORE } : {}),
      // MICRO_API_THREADS=n measures the gateway with n threads besides the first (default: one fewer than the cores)
      ...(process.env.MICRO_API_THREADS ? { MICRO_API_THREADS: process.env.MICRO_API_THREADS } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let readyMs = 0;
  const ready = new Promise<void>((resolve, reject) => {
    // kept until ready (for the error of a server that fails to start), then handed on: a long run logs a lot
    child.stdout!.on("data", (d) => {
      if (readyMs) return options.onOutput?.(String(d));
      output += d;
      if (/ready: proxy/.test(output)) { readyMs = performance.now() - started; resolve(); }
    });
    child.stderr!.on("data", (d) => { if (readyMs) options.onOutput?.(String(d)); else output += d; });
    child.once("exit", (code) => reject(new Error(`micro server exited with ${code}:\n${output}`)));
  });
  ready.catch(() => undefined);
  await Promise.race([firstCall(proxy, 20_000), ready.then(() => new Promise(() => undefined))]);
  const firstCallMs = performance.now() - started;
  await ready;
  return {
    child, proxy, api: `127.0.0.1:${apiPort}`, readyMs, firstCallMs,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
      return { now: kb("VmRSS"), peak: kb("VmHWM"), anon: kb("RssAnon") };
    },
    stop: async () => {
      const sent = performance.now();
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      return { code, ms: performance.now() - sent };
    },
  };
}
