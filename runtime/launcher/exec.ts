// Runs a build step as a child process, streaming its output to the service log; aborting kills it. With a `user`
// the child runs under that uid/gid (the namespace's sandbox user, see sandbox.ts), with no supplementary groups:
// spawned directly when this process is root, or by the privileged helper (privileged/) when the server was
// started as root and has dropped to a user of its own (privileged/drop.ts).
import { spawn, type SpawnOptions } from "node:child_process";
import type { EventEmitter } from "node:events";
import { createReadStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { lines, type LogFile } from "./log-file.js";
import { RemoteChild, type PrivilegedHelper } from "./privileged/client.js";

export interface SandboxUser { uid: number; gid: number }

let helper: PrivilegedHelper | undefined;

/** From now on every process run as a sandbox user is run by `h` (the server has given up root). */
export function usePrivilegedHelper(h: PrivilegedHelper | undefined): void {
  helper = h;
}

/** The helper that runs sandbox users' processes, if the server handed that to one. */
export function privilegedHelper(): PrivilegedHelper | undefined {
  return helper;
}

/** What the launcher needs of a process it started: a ChildProcess, or a RemoteChild the helper runs. */
export interface Launched extends EventEmitter {
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface LaunchOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  user?: SandboxUser;
  /** "pipe": the caller writes it; a number: a descriptor the caller opened (the child needs no right to its file). */
  stdin?: "ignore" | "pipe" | number;
  /** In a process group of its own (so that signalGroup reaches whatever it starts). */
  detached?: boolean;
}

/** Starts `command` as `o.user` (or as this process's user), stdout and stderr piped. */
export function launch(command: string, args: string[], o: LaunchOptions): Launched {
  const stdin = o.stdin ?? "ignore";
  if (o.user && helper) {
    // the helper's processes are always in a group of their own; a descriptor is streamed to it
    const child = helper.spawn({ command, args, cwd: o.cwd, env: o.env, uid: o.user.uid, gid: o.user.gid, stdin: stdin !== "ignore" });
    if (typeof stdin === "number") {
      const source = createReadStream("", { fd: stdin, autoClose: false });
      source.on("error", () => child.stdin!.end());
      child.stdin!.on("error", () => source.destroy());
      source.pipe(child.stdin!);
    }
    return child;
  }
  return spawn(command, args, { cwd: o.cwd, env: o.env, stdio: [stdin, "pipe", "pipe"], detached: o.detached, ...identity(o.user) });
}

/** Signals the process group a detached process leads (the process alone when that fails). */
export function signalGroup(child: Launched, signal: NodeJS.Signals): void {
  if (child instanceof RemoteChild) {
    child.signalGroup(signal).catch(() => undefined);
    return;
  }
  try {
    process.kill(-child.pid!, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

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
    const child = launch(command, args, { cwd: o.cwd, env: o.env, stdin, detached: true, user: o.user });
    if (typeof o.stdin === "object") {
      child.stdin!.on("error", () => undefined); // the step may stop reading early: its exit status says why
      o.stdin.pipe(child.stdin!);
    }
    const kill = () => signalGroup(child, "SIGKILL");
    o.signal?.addEventListener("abort", kill, { once: true });
    lines(child.stdout!, (l) => o.log.append("build", l));
    lines(child.stderr!, (l) => o.log.append("build", l));
    child.on("error", (err: Error) => reject(new Error(`${command}: ${err.message}`)));
    child.on("close", (code: number | null, sig: string | null) => {
      o.signal?.removeEventListener("abort", kill);
      if (o.signal?.aborted) return reject(new Error("build cancelled"));
      if (code === 0) return resolve();
      reject(new Error(`${[command, ...args].join(" ")} failed (${sig ?? `exit ${code}`})`));
    });
  });
}

/** A short helper command (mkdir, rm, a look at a file, git ls-remote) as `user`: its stdout (at most 1 MiB), or an
 * error with its stderr. Killed after `o.timeoutMs`, if given. */
export function runAs(user: SandboxUser | undefined, command: string, args: string[], cwd: string,
  o: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = launch(command, args, { cwd, env: o.env ?? { PATH: process.env.PATH ?? "/usr/bin:/bin" }, user });
    let out = "";
    let err = "";
    const timer = o.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), o.timeoutMs) : undefined;
    child.stdout!.on("data", (d: Buffer) => { if (out.length < 1 << 20) out += d.toString(); });
    child.stderr!.on("data", (d: Buffer) => { if (err.length < 4096) err += d.toString(); });
    child.on("error", (e: Error) => reject(new Error(`${command}: ${e.message}`)));
    child.on("close", (code: number | null, sig: string | null) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(err.trim() || `${command} failed (${sig ?? `exit ${code}`})`));
    });
  });
}
