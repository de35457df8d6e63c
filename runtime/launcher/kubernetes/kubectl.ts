// kubectl from PATH, run with the manifests on stdin (never in argv or logs: they carry the service's secret).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { MicroError } from "../../rpc/errors.js";

export interface KubectlResult { stdout: string; stderr: string }

function missing(command: string, code?: string): MicroError {
  // EACCES from a PATH search: no entry the server's user may run (a server started as root runs as its own user)
  const denied = code === "EACCES" ? " (or not executable by the server's user)" : "";
  return new MicroError("runtime", 500,
    `${command} not found on PATH${denied}: the kubernetes runtime applies manifests with kubectl (install it, or run without --kubernetes-apply and apply the written manifests yourself)`);
}

/** The spawn of a command named without a slash failed because PATH had nothing to run. */
function notFound(err: NodeJS.ErrnoException): boolean {
  return err.code === "ENOENT" || (err.code === "EACCES" && !/\//.test(String(err.path ?? "")));
}

export function kubectl(command: string, args: string[], stdin?: string, timeoutMs = 120_000): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    // Our own timer, cleared on every way out: spawn's `timeout` outlives a command that was never found.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.stdin.on("error", () => undefined); // an early exit closes stdin under us; the exit code tells
    child.on("error", (err: NodeJS.ErrnoException) => { clearTimeout(timer); reject(notFound(err) ? missing(command, err.code) : err); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ stdout, stderr });
      const why = stderr.trim() || stdout.trim() || (signal ? `killed by ${signal}` : `exit ${code}`);
      reject(new MicroError("runtime", 500, `kubectl ${args.slice(0, 2).join(" ")} failed: ${why}`));
    });
    child.stdin.end(stdin ?? "");
  });
}

/** Fails with a clear error when kubectl is not on PATH (or does not run). */
export async function checkKubectl(command: string): Promise<void> {
  await kubectl(command, ["version", "--client"], undefined, 30_000);
}

/** Lines a long-running kubectl (logs -f) prints, until it exits or `signal` aborts it. */
export async function* kubectlLines(command: string, args: string[], signal?: AbortSignal): AsyncGenerator<string> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (err: NodeJS.ErrnoException) => reject(notFound(err) ? missing(command, err.code) : err));
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const kill = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", kill, { once: true });
  try {
    await spawned;
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) yield line;
    const code = await exited;
    if (code !== 0 && !signal?.aborted) {
      const text = stderr.trim() || `exit ${code}`;
      throw new MicroError("runtime", /not ?found/i.test(text) ? 404 : 500, `kubectl logs failed: ${text}`);
    }
  } finally {
    signal?.removeEventListener("abort", kill);
    if (child.exitCode === null) child.kill("SIGTERM");
  }
}
