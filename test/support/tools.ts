// Test support: the external tools a suite needs, and what a missing one means.
// REQUIRED tools come with the machine README describes (the Debian packages it lists): without one the test
// fails, naming it. OPTIONAL tools are the language toolchains (Go, Rust, Java/Maven, Python and its grpcio-tools)
// and kubectl: without one the test skips, naming it — except under CI=true, where nothing may skip and a missing
// optional tool fails too. A tool that is there but does not work (exits non-zero, hangs) is a broken environment,
// never a reason to skip: it always fails.
import { spawnSync } from "node:child_process";
import type { TestContext } from "node:test";

export interface ToolSpec {
  /** The command and arguments that prove the tool works. */
  probe: [string, ...string[]];
  optional: boolean;
  /** How to get it, for the message. */
  install: string;
  /** Output of a failed probe that means "not installed" rather than "broken" (e.g. a missing Python module). */
  absent?: RegExp;
}

const python = () => process.env.MICRO_PYTHON || "python3";
const debian = (pkg: string) => ({ optional: false, install: `it with apt-get install ${pkg}` });

export const TOOLS = {
  // The Debian packages README lists: required.
  protoc: { probe: ["protoc", "--version"], ...debian("protobuf-compiler") },
  tmux: { probe: ["tmux", "-V"], ...debian("tmux") },
  git: { probe: ["git", "--version"], ...debian("git") },
  curl: { probe: ["curl", "--version"], ...debian("curl") },
  etcd: { probe: ["etcd", "--version"], ...debian("etcd-server") },
  "nats-server": { probe: ["nats-server", "--version"], ...debian("nats-server") },
  chromium: { probe: [process.env.CHROMIUM || "/usr/bin/chromium", "--version"], ...debian("chromium") },
  // The toolchains and kubectl: optional outside CI.
  go: { probe: ["go", "version"], optional: true, install: "Go (https://go.dev/dl)" },
  cargo: { probe: ["cargo", "--version"], optional: true, install: "Rust (https://rustup.rs)" },
  java: { probe: ["java", "-version"], optional: true, install: "a JDK (Debian: default-jdk-headless)" },
  mvn: { probe: ["mvn", "--version"], optional: true, install: "Maven (Debian: maven)" },
  python3: {
    probe: [python(), "-c", "import venv, ensurepip"], optional: true, install: "Python 3 with venv (Debian: python3-venv)",
    absent: /ModuleNotFoundError/,
  },
  "grpcio-tools": {
    probe: [python(), "-c", "import grpc_tools"], optional: true, install: "it with python3 -m pip install grpcio-tools",
    absent: /ModuleNotFoundError/,
  },
  kubectl: { probe: ["kubectl", "version", "--client"], optional: true, install: "kubectl (https://kubernetes.io/docs/tasks/tools/)" },
} satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof TOOLS;

/** CI=true (or 1): every suite must run, so a missing optional tool fails instead of skipping. */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env.CI ?? "");
}

export type Probe = { ok: true } | { ok: false; missing: boolean; detail: string };

/** Runs the tool's probe with `env` (its PATH finds the command). */
export function probe(spec: ToolSpec, env: NodeJS.ProcessEnv = process.env): Probe {
  const [cmd, ...args] = spec.probe;
  const r = spawnSync(cmd, args, { encoding: "utf8", env, timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return { ok: false, missing: true, detail: `${cmd} not found on PATH` };
  if (r.error) return { ok: false, missing: false, detail: `${spec.probe.join(" ")} failed: ${r.error.message}` };
  if (r.status === 0) return { ok: true };
  const output = `${r.stderr}${r.stdout}`.trim();
  const last = output.split("\n").pop() ?? "";
  if (spec.absent?.test(output)) return { ok: false, missing: true, detail: last };
  return { ok: false, missing: false, detail: `${spec.probe.join(" ")} exited with ${r.status ?? r.signal}: ${last}` };
}

const seen = new Map<ToolName, Probe>();

/**
 * Why a test needing these tools cannot run here: undefined when all work; a skip reason naming the first missing
 * optional tool; otherwise (a required tool missing, an optional one missing under CI=true, any tool broken) throws.
 * `env` is for this helper's own tests: with it the probe uses that environment and nothing is cached.
 */
export function missingTool(names: ToolName[], env?: NodeJS.ProcessEnv): string | undefined {
  for (const name of names) {
    const spec: ToolSpec = TOOLS[name];
    let result = env ? undefined : seen.get(name);
    if (!result) {
      result = probe(spec, env);
      if (!env) seen.set(name, result);
    }
    if (result.ok) continue;
    if (!result.missing) throw new Error(`${name} is installed but does not work (${result.detail}): a broken environment is a failure, not a skip`);
    const reason = `${name} is not installed (${result.detail}): install ${spec.install}`;
    if (!spec.optional) throw new Error(`${reason}; this test needs it`);
    if (underCi(env ?? process.env)) throw new Error(`${reason}; under CI=true optional tools are required`);
    return reason;
  }
  return undefined;
}

/** Inside a test: skips it (returning true) when an optional tool is missing; fails it when it must not skip. */
export function skipUnless(t: TestContext, ...names: ToolName[]): boolean {
  const reason = missingTool(names);
  if (reason === undefined) return false;
  t.skip(reason);
  return true;
}

/** Throws unless every tool works, whatever the tool's kind or CI says: for what the test cannot do without. */
export function requireTools(...names: ToolName[]): void {
  const reason = missingTool(names);
  if (reason !== undefined) throw new Error(`${reason}; this test needs it`);
}

/** A failure to set up what the test needs with a tool that is present: never a skip. */
export function brokenEnvironment(what: string, detail: string): Error {
  return new Error(`${what}: ${detail} (a broken environment is a failure, not a skip)`);
}

/** Inside a test that only root can run (switching users): skips outside CI when not root; fails under CI=true. */
export function skipUnlessRoot(t: TestContext, why: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.getuid?.() === 0) return false;
  const reason = `${why}: not running as root`;
  if (underCi(env)) throw new Error(`${reason}; under CI=true it must run (run the tests as root)`);
  t.skip(reason);
  return true;
}
