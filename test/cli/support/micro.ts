// Test support: runs the real `bin/micro` in a child process with its own HOME and the test server's proxy port.
// Always asynchronous: the server the CLI talks to runs in the test process and must keep serving meanwhile.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** dist/test/cli/support/micro.js → the repository's bin/micro. */
export const MICRO_BIN = fileURLToPath(new URL("../../../../bin/micro", import.meta.url));

export interface RunResult { code: number; stdout: string; stderr: string }

export interface CommandOptions {
  /** The command's whole environment (default: the test process's). */
  env?: Record<string, string>;
  /** Written to stdin, then closed; without it stdin is /dev/null. */
  input?: string;
  /** Killed (SIGKILL) after this long (default 30 s). */
  timeoutMs?: number;
  /** Working directory of the command (default: the test process's). */
  cwd?: string;
}

export interface RunOptions extends CommandOptions {
  home: string;
  /** Proxy port of the server; local points there. Omit for commands that need no server. */
  port?: number;
  /** Added to the environment run builds (PATH, HOME, MICRO_PROXY_PORT). */
  env?: Record<string, string>;
}

/** bin/micro as a shell runs it (its launcher picks node and, when built for it, the CLI's startup snapshot). */
export function runMicro(args: string[], options: RunOptions): Promise<RunResult> {
  return run(MICRO_BIN, args, options);
}

/** A shell script in which `micro` is the binary under test (for pipes and redirections). */
export function runShell(script: string, options: RunOptions): Promise<RunResult> {
  const prelude = `micro() { "${MICRO_BIN}" "$@"; }\n`;
  return run("/bin/sh", ["-c", prelude + script], options);
}

function run(file: string, args: string[], options: RunOptions): Promise<RunResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: options.home, ...options.env };
  if (options.port !== undefined) env.MICRO_PROXY_PORT = String(options.port);
  return runCommand(file, args, { env, cwd: options.cwd, input: options.input, timeoutMs: options.timeoutMs });
}

/** Runs a command to completion (never rejecting on its exit code), asynchronously: the test process may be
 * serving what it calls. */
export function runCommand(file: string, args: string[], o: CommandOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: o.env, cwd: o.cwd, stdio: [o.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    if (o.input !== undefined) child.stdin!.end(o.input);
  });
}

/** A fresh HOME for one test's CLI state (~/.micro/config.json). */
export async function tempHome(): Promise<{ home: string; remove(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), "cli-test-home-"));
  return { home, remove: () => rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }) };
}

/** A PATH (a directory under `dir`) where node is the only command: bin/micro needs node, the test nothing else. */
export async function pathWithOnlyNode(dir: string): Promise<string> {
  const bin = join(dir, ".node-only");
  await mkdir(bin, { recursive: true });
  await symlink(process.execPath, join(bin, "node")).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  return bin;
}
