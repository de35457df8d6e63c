// Shared by the SDK tests: a live `micro server` (in-process, free ports) and a child process (go test,
// pytest, cargo test...) run against it with the MICRO_* environment every SDK reads.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { withServer, type TestServer } from "../support/server.js";

/** Repository root (tests run from dist/test/sdk). */
export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const SDK_DIR = join(REPO, "sdk");
/** Build caches (cargo target, maven repository...) kept between runs; git-ignored. */
export const CACHE_DIR = join(REPO, ".cache", "sdk");

export interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs `command` without blocking the event loop (the server in this process must keep serving). */
export function runTool(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Not NODE_TEST_CONTEXT: a child `node --test` would take itself for a subprocess of this runner.
    const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([k, v]) => v !== undefined && k !== "NODE_TEST_CONTEXT"));
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (err) => { clearTimeout(timer); reject(err); });
    child.on("close", (code) => { clearTimeout(timer); resolve({ code, output, ms: Date.now() - started }); });
  });
}

/** The environment an SDK reads: the server's proxy, the micro namespace and the admin account. */
export function scenarioEnv(server: TestServer): NodeJS.ProcessEnv {
  return {
    MICRO_SDK_SCENARIO: "1",
    MICRO_PROXY: server.proxyAddress,
    MICRO_NAMESPACE: "micro",
    MICRO_AUTH_ID: "admin",
    MICRO_AUTH_SECRET: "micro",
    MICRO_TOKEN: "",
  };
}

/** Runs `command` against a fresh server; prints how long it took (the CI budget is per language). */
export async function runScenario(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return withServer(async (server) => {
    const result = await runTool(command, args, { cwd, env: { ...scenarioEnv(server), ...env } });
    process.stdout.write(`# sdk ${name}: ${command} ${args.join(" ")} took ${result.ms} ms\n`);
    return result;
  });
}

export const TS_DIR = join(SDK_DIR, "ts");

/**
 * npm ci, then tsc: the TS SDK builds with its own toolchain. Both TS tests (Node and browser) call it; they
 * may run at once, so the first call's promise is shared within a process and npm ci is skipped when the
 * lock file is already installed.
 */
let tsBuild: Promise<void> | undefined;
export function buildTsSdk(): Promise<void> {
  tsBuild ??= (async () => {
    const install = await runTool("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: TS_DIR });
    assert.equal(install.code, 0, install.output);
    const build = await runTool(join(TS_DIR, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: TS_DIR });
    assert.equal(build.code, 0, build.output);
    process.stdout.write(`# sdk ts: npm ci ${install.ms} ms, tsc ${build.ms} ms\n`);
  })();
  return tsBuild;
}
