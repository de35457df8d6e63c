// Test support: the real Micro 3.0 (Go, v3.19.0) next to ours — its binary installed once into the tools cache,
// its server started in throwaway namespaces, its CLI (and ours) run against either server.
//
// Why namespaces. Micro 3.0 ignores HOME: it finds its data directory (~/.micro: JWT keys, config secret key, the
// server's store, the CLI's tokens) through os/user, i.e. /etc/passwd. Built without cgo, os/user falls back to
// $HOME and $USER when the uid is not in /etc/passwd, so every Micro 3.0 process here runs in a user namespace as a
// uid that is nobody's, with HOME a temp dir: nothing lands in the real user's home. And its server hard-codes its
// ports (registry localhost:8000, broker :8003, network :8443, proxy :8081, api :8080, ...), so it runs in a network
// namespace of its own (loopback only) — no clash with anything on the machine, nothing listening outside — and a
// pid namespace, so that ending it ends every service process it started. A CLI that talks to it enters those
// namespaces with nsenter. unshare, nsenter (util-linux) and ip (iproute2) come with Debian.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installed, run } from "../../generators/index.js";
import { toolsCache } from "../../generators/emit/sdk/tools.js";
import { MICRO_BIN, runCommand, type CommandOptions, type RunResult } from "../cli/support/micro.js";
import { brokenEnvironment } from "./tools.js";
import { until } from "./wait.js";

export const MICRO_V3_VERSION = "v3.19.0";
/** quic-go in v3.19.0 refuses Go >= 1.21; the go command fetches this toolchain itself. */
export const MICRO_V3_TOOLCHAIN = "go1.20.14";
/** Where Micro 3.0's server proxy listens, inside its network namespace. */
export const MICRO_V3_PROXY = "127.0.0.1:8081";

/** Micro 3.0's `micro` (CLI and server), built once without cgo (see above) into the tools cache. */
export async function microV3Binary(): Promise<string> {
  const dir = await installed(`micro-v3@${MICRO_V3_VERSION}+${MICRO_V3_TOOLCHAIN}-nocgo`, (tmp) =>
    run("go", ["install", `github.com/micro/micro/v3@${MICRO_V3_VERSION}`], {
      env: { ...process.env, GOTOOLCHAIN: MICRO_V3_TOOLCHAIN, GOBIN: tmp, CGO_ENABLED: "0" },
      timeoutMs: 1_200_000,
    }).then(() => undefined));
  return join(dir, "micro");
}

/** dist/test/support → the Go service of fixtures/micro-v3-service (Micro 3.0's `micro new` template). */
export const MICRO_V3_SERVICE = fileURLToPath(new URL("../../../fixtures/micro-v3-service", import.meta.url));

/** The fixture service's binary, built once per content of the fixture into the tools cache. */
export async function microV3ServiceBinary(): Promise<string> {
  const files = (await readdir(MICRO_V3_SERVICE, { recursive: true, withFileTypes: true }))
    .filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name)).sort();
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.slice(MICRO_V3_SERVICE.length)).update("\0").update(await readFile(f)).update("\0");
  const dir = await installed(`micro-v3-service@${MICRO_V3_VERSION}+${MICRO_V3_TOOLCHAIN}-${hash.digest("hex").slice(0, 12)}`, async (tmp) => {
    const src = join(tmp, "src");
    await cp(MICRO_V3_SERVICE, src, { recursive: true });
    await run("go", ["build", "-o", join(tmp, "helloworld"), "."], {
      cwd: src, timeoutMs: 1_200_000,
      env: { ...process.env, GOTOOLCHAIN: MICRO_V3_TOOLCHAIN, CGO_ENABLED: "0", GOFLAGS: "-mod=mod", GOCACHE: microV3GoCache() },
    });
    await rm(src, { recursive: true, force: true });
  });
  return join(dir, "helloworld");
}

/** The go command's build cache for Micro 3.0's toolchain: Micro 3.0's packages compiled once for the fixture
 * service and the integration suite alike. */
export function microV3GoCache(): string {
  return join(toolsCache(), `go-build-${MICRO_V3_TOOLCHAIN}`);
}

/** A uid (and gid) that /etc/passwd does not name, for Micro 3.0 to fall back to $HOME. */
function strangerId(): number {
  const taken = new Set(readFileSync("/etc/passwd", "utf8").split("\n").map((l) => l.split(":")[2]));
  let id = 3_999_999;
  while (taken.has(String(id))) id++;
  return id;
}

/** How long a command run through V3Cli may take unless its options say otherwise. */
const V3_TIMEOUT_MS = 60_000;

/** The environment of a Micro 3.0 process: HOME (its ~/.micro), USER (os/user wants one without cgo), its CLI
 * config file and TMPDIR (its local runtime keeps logs and uploads in $TMPDIR/micro); PATH for the commands around it. */
function v3Env(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, USER: "micro", MICRO_CONFIG_FILE: join(home, "cli.json"),
    TMPDIR: join(home, "tmp"), ...extra,
  };
}

/** A throwaway HOME for a Micro 3.0 process, with the TMPDIR v3Env names. */
async function v3Home(prefix: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(home, "tmp"));
  return home;
}

/** How to run a command as a nobody-uid in a fresh user namespace (no other isolation): for Micro 3.0's CLI
 * talking to a server on this machine's loopback. */
export function asStranger(): string[] {
  const id = String(strangerId());
  return ["unshare", "--user", `--map-user=${id}`, `--map-group=${id}`];
}

/** Fails (a broken environment, never a skip) unless this machine can make the namespaces the helpers use. */
export function requireNamespaces(): void {
  const r = spawnSync("unshare", ["--user", "--map-root-user", "--net", "ip", "link", "set", "lo", "up"], { encoding: "utf8", timeout: 30_000 });
  if (r.error || r.status !== 0) {
    throw brokenEnvironment("cannot create a user and network namespace with unshare and bring its loopback up with ip",
      (r.error?.message ?? r.stderr.trim()) || `exit ${r.status}`);
  }
}

/** A Micro 3.0 CLI state: a HOME (tokens) and config file of its own. Without `server`, the CLI runs in a user
 * namespace only and reaches addresses on this machine; `env add` and `env set` point it at one. */
export interface V3Cli {
  home: string;
  run(args: string[], o?: CommandOptions): Promise<RunResult>;
  /** Starts a command that does not end by itself (`micro stream registry Registry.Watch`): its output so far, and
   * a stop that kills it. Only the CLIs made here have it. */
  start?(args: string[]): Started;
  remove(): Promise<void>;
}

export interface Started { output(): string; stop(): Promise<void> }

function startCommand(file: string, args: string[], o: { env: Record<string, string>; cwd: string }): Started {
  const child = spawn(file, args, { env: o.env, cwd: o.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return {
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await closed;
    },
  };
}

export async function v3Cli(binary: string, server?: MicroV3Server): Promise<V3Cli> {
  const home = await v3Home("micro-v3-cli-");
  const prefix = server ? server.enter() : asStranger();
  return {
    home,
    run: (args, o = {}) => runCommand(prefix[0], [...prefix.slice(1), binary, ...args], {
      ...o, timeoutMs: o.timeoutMs ?? V3_TIMEOUT_MS, env: v3Env(home, o.env), cwd: o.cwd ?? home,
    }),
    start: (args) => startCommand(prefix[0], [...prefix.slice(1), binary, ...args], { env: v3Env(home), cwd: home }),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/** Micro 3.0's CLI pointed at `address` (host:port of a proxy on this machine) as environment `name`. */
export async function v3CliAt(binary: string, address: string, name = "ours"): Promise<V3Cli> {
  const cli = await v3Cli(binary);
  for (const args of [["env", "add", name, address], ["env", "set", name]]) {
    const r = await cli.run(args);
    if (r.code !== 0) throw new Error(`micro (3.0) ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
  }
  return cli;
}

/** Our bin/micro run inside a Micro 3.0 server's namespaces, its `local` environment pointing at that server. */
export async function ourCliIn(server: MicroV3Server): Promise<V3Cli> {
  const home = await mkdtemp(join(tmpdir(), "micro-ours-cli-"));
  const prefix = server.enter();
  const env = () => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_PROXY_PORT: MICRO_V3_PROXY.split(":")[1] });
  return {
    home,
    run: (args, o = {}) => runCommand(prefix[0], [...prefix.slice(1), MICRO_BIN, ...args], {
      ...o, timeoutMs: o.timeoutMs ?? V3_TIMEOUT_MS, cwd: o.cwd ?? home, env: { ...env(), ...o.env },
    }),
    start: (args) => startCommand(prefix[0], [...prefix.slice(1), MICRO_BIN, ...args], { env: env(), cwd: home }),
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

export interface MicroV3Server {
  /** Its throwaway HOME: the server's ~/.micro is under it. */
  home: string;
  /** The command prefix that runs a command in its user and network namespaces. */
  enter(): string[];
  /** Its output so far (Micro 3.0 logs to stderr). */
  log(): string;
  close(): Promise<void>;
}

/** Starts `micro server` of Micro 3.0 in fresh namespaces and waits until admin/micro can log in and its
 * builtins are registered. */
export async function startMicroV3Server(binary: string): Promise<MicroV3Server> {
  requireNamespaces();
  const home = await v3Home("micro-v3-server-");
  const id = String(strangerId());
  // outer namespace: root in it, to bring lo up; inner: the nobody-uid, as which the server runs (as pid 1 of the
  // pid namespace: when it or the outer unshare dies, every process it started dies with it)
  const script = `ip link set lo up && exec unshare --user --map-user=${id} --map-group=${id} "$0" server`;
  const outer = spawn("unshare", ["--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "sh", "-c", script, binary],
    { env: v3Env(home), cwd: home, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  outer.stdout.on("data", (d) => { if (output.length < 1 << 20) output += d; });
  outer.stderr.on("data", (d) => { if (output.length < 1 << 20) output += d; });
  const exited = new Promise<void>((resolve) => outer.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => { gone = true; });
  const close = async () => {
    if (!gone) {
      outer.kill("SIGKILL"); // --kill-child: the server (pid 1 of its namespace) and all its services go with it
      await exited;
    }
    await rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  try {
    // the server's pid as this machine sees it: unshare's child, once it has become the micro binary
    const exePath = await realpath(binary);
    const pid = await until(async () => {
      if (gone) throw new Error(`Micro 3.0's server exited at once:\n${output}`);
      const children = await readFile(`/proc/${outer.pid}/task/${outer.pid}/children`, "utf8").catch(() => "");
      const child = children.trim().split(/\s+/)[0];
      if (!child) return undefined;
      const exe = await readlink(`/proc/${child}/exe`).catch(() => "");
      return exe === exePath ? Number(child) : undefined;
    }, "Micro 3.0's server process", 30_000);
    const server: MicroV3Server = {
      home,
      enter: () => ["nsenter", "-t", String(pid), "--user", "--net", "--preserve-credentials"],
      log: () => output,
      close,
    };
    // ready: admin can log in (auth is up) and the builtins the tests use are registered
    const probe = await v3Cli(binary, server);
    try {
      await until(async () => {
        if (gone) throw new Error(`Micro 3.0's server exited:\n${output}`);
        const login = await probe.run(["login", "--username", "admin", "--password", "micro"]);
        if (login.code !== 0) return undefined;
        const services = await probe.run(["services"]);
        const names = services.stdout.split("\n");
        return ["auth", "config", "store", "runtime", "proxy"].every((s) => names.includes(s)) ? true : undefined;
      }, "Micro 3.0's server to serve auth, config, store, runtime and proxy", 180_000, 500);
    } finally {
      await probe.remove();
    }
    return server;
  } catch (err) {
    await close();
    throw err;
  }
}
