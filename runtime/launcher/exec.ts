// Runs a build step as a child process, streaming its output to the service log; aborting kills it. With a `user`
// the child runs under that uid/gid (the namespace's sandbox user, see sandbox.ts), with no supplementary groups.
import { spawn, type SpawnOptions } from "node:child_process";
import type { Readable } from "node:stream";
import { lines, type LogFile } from "./log-file.js";

export interface SandboxUser { uid: number; gid: number }

export interface StepOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: LogFile;
  signal?: AbortSignal;
  /** Who runs the step: the server's own user when unset. */
  user?: SandboxUser;
  /** The step's stdin: a file the server opened or another process's output (so the step needs no right to the file). */
  stdin?: number | Readable;
}

/** spawn()'s identity options for `user` (libuv drops the supplementary groups when it switches). */
export function identity(user: SandboxUser | undefined): Pick<SpawnOptions, "uid" | "gid"> {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

export function runStep(command: string, args: string[], o: StepOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    o.log.append("build", `$ ${[command, ...args].join(" ")}`);
    const stdin = typeof o.stdin === "number" ? o.stdin : o.stdin ? "pipe" : "ignore";
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: [stdin, "pipe", "pipe"], detached: true, ...identity(o.user) });
    if (typeof o.stdin === "object") {
      child.stdin!.on("error", () => undefined); // the step may stop reading early: its exit status says why
      o.stdin.pipe(child.stdin!);
    }
    const kill = () => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } };
    o.signal?.addEventListener("abort", kill, { once: true });
    lines(child.stdout!, (l) => o.log.append("build", l));
    lines(child.stderr!, (l) => o.log.append("build", l));
    child.on("error", (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on("close", (code, sig) => {
      o.signal?.removeEventListener("abort", kill);
      if (o.signal?.aborted) return reject(new Error("build cancelled"));
      if (code === 0) return resolve();
      reject(new Error(`${[command, ...args].join(" ")} failed (${sig ?? `exit ${code}`})`));
    });
  });
}

/** A short helper command (mkdir, rm, a look at a file) as `user`: its stdout (at most 1 MiB), or an error with its stderr. */
export function runAs(user: SandboxUser | undefined, command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, stdio: ["ignore", "pipe", "pipe"], ...identity(user) });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { if (out.length < 1 << 20) out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { if (err.length < 4096) err += d.toString(); });
    child.on("error", (e) => reject(new Error(`${command}: ${e.message}`)));
    child.on("close", (code, sig) => code === 0 ? resolve(out) : reject(new Error(err.trim() || `${command} failed (${sig ?? `exit ${code}`})`)));
  });
}
