// The privileged helper: the one process of `micro server` that stays root when the server is started as root
// (client.ts forks it before the server drops to its own user, see drop.ts). It does only the launcher's root work,
// on request over the IPC channel it was forked with: run a program as a tenant's uid (its output sent back, its
// stdin fed from the server), signal the process groups it started, and give a namespace's area to its uid. Every
// request is checked against protocol.ts's rules; one that breaks them gets an error and nothing happens.
import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:fs";
import { open, readdir, readFile, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkArea, checkEnv, checkInside, checkProgram, checkStrings, checkTenantIds, sandboxRoots, SIGNALS, type Reply, type Request } from "./protocol.js";

interface Tracked { child: ChildProcess; uid: number; pid?: number; exited: boolean }

const children = new Map<number, Tracked>();
let roots: string[] = [];

function send(reply: Reply): void {
  if (process.connected) process.send!(reply);
}

/** The sandbox roots as they are on disk (a root made after the helper started counts as soon as it exists). */
async function realRoots(): Promise<string[]> {
  const real = await Promise.all(roots.map((r) => realpath(r).catch(() => undefined)));
  return real.filter((r): r is string => r !== undefined);
}

async function startChild(r: Extract<Request, { op: "spawn" }>): Promise<void> {
  if (!Number.isInteger(r.id) || children.has(r.id)) throw new Error(`bad process id ${r.id}`);
  checkTenantIds(r.uid, r.gid);
  checkStrings(r.args, "args");
  checkEnv(r.env);
  const inside = await realRoots();
  const cwd = typeof r.cwd === "string" ? await realpath(r.cwd).catch(() => undefined) : undefined;
  if (!cwd) throw new Error(`cwd ${String(r.cwd)} does not exist`);
  // chdir happens before the switch to the uid: only / and the sandbox root, never a directory of the server's
  if (cwd !== "/") checkInside(cwd, inside, "cwd");
  const realCommand = typeof r.command === "string" && r.command.startsWith("/") ? await realpath(r.command).catch(() => undefined) : undefined;
  checkProgram(r.command, realCommand, inside);
  const child = spawn(realCommand && r.command !== process.execPath ? realCommand : r.command, r.args, {
    cwd, env: r.env, uid: r.uid, gid: r.gid, detached: true, stdio: [r.stdin ? "pipe" : "ignore", "pipe", "pipe"],
  });
  const tracked: Tracked = { child, uid: r.uid, exited: false };
  children.set(r.id, tracked);
  child.stdin?.on("error", () => undefined); // the program may stop reading: its exit says why
  child.stdout!.on("data", (data: Buffer) => send({ type: "out", id: r.id, stream: "stdout", data }));
  child.stderr!.on("data", (data: Buffer) => send({ type: "out", id: r.id, stream: "stderr", data }));
  child.on("spawn", () => { tracked.pid = child.pid; send({ type: "spawn", id: r.id, pid: child.pid! }); });
  child.on("error", (err) => send({ type: "error", id: r.id, message: err.message }));
  child.on("exit", (code, signal) => { tracked.exited = true; send({ type: "exit", id: r.id, code, signal }); });
  child.on("close", (code, signal) => send({ type: "close", id: r.id, code, signal }));
}

/** Signals the process group the helper started as `id`: while its leader runs, or after, while processes of the
 * tenant's uid remain in the group (never a group that is now someone else's). */
async function signalChild(id: number, signal: string): Promise<void> {
  const t = children.get(id);
  if (!t?.pid) throw new Error(`no process ${id}`);
  if (!(SIGNALS as readonly string[]).includes(signal)) throw new Error(`signal ${signal} is not one the launcher sends`);
  if (t.exited) {
    const members = await groupMembers(t.pid);
    if (members.length === 0) return;
    if (members.some((m) => m.uid !== t.uid)) throw new Error(`process group ${t.pid} is no longer the tenant's`);
  }
  try {
    process.kill(-t.pid, signal as NodeJS.Signals);
  } catch {
    if (!t.exited) try { t.child.kill(signal as NodeJS.Signals); } catch { /* gone */ }
  }
}

/** The processes in group `pgid`, with their real uid (from /proc). */
async function groupMembers(pgid: number): Promise<{ pid: number; uid: number }[]> {
  const out: { pid: number; uid: number }[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    const status = await readFile(`/proc/${name}/status`, "utf8").catch(() => "");
    out.push({ pid: Number(name), uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1) });
  }
  return out;
}

/** Gives a namespace's area (made by the server in the sandbox root) to the tenant's uid, mode 0700: through a
 * descriptor opened without following a symlink, so the server cannot swap in a link to something else. */
async function own(dir: string, uid: number): Promise<void> {
  checkTenantIds(uid, uid);
  if (typeof dir !== "string") throw new Error("dir must be a string");
  // the parent resolved, the area itself not: a symlink there is refused by O_NOFOLLOW
  const real = join(await realpath(dirname(dir)), basename(dir));
  checkArea(real, await realRoots());
  const handle = await open(real, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    await handle.chown(uid, uid);
    await handle.chmod(0o700);
  } finally {
    await handle.close();
  }
}

async function handle(r: Request): Promise<void> {
  switch (r.op) {
    case "spawn":
      try {
        await startChild(r);
      } catch (err) {
        send({ type: "error", id: r.id, message: (err as Error).message });
        send({ type: "close", id: r.id, code: null, signal: null });
      }
      return;
    case "stdin": {
      const stdin = children.get(r.id)?.child.stdin;
      if (!stdin || stdin.destroyed) return send({ type: "reply", ref: r.ref, error: "the process's stdin is closed" });
      stdin.write(Buffer.from(r.data), (err) => send({ type: "reply", ref: r.ref, error: err?.message }));
      return;
    }
    case "stdin-end":
      children.get(r.id)?.child.stdin?.end();
      return;
    case "signal":
      return reply(r.ref, () => signalChild(r.id, r.signal));
    case "release":
      children.delete(r.id);
      return;
    case "own":
      return reply(r.ref, () => own(r.dir, r.uid));
    default:
      process.stderr.write(`micro privileged helper: unknown request ${JSON.stringify((r as { op?: unknown }).op)}\n`);
  }
}

async function reply(ref: number, work: () => Promise<void>): Promise<void> {
  try {
    await work();
    send({ type: "reply", ref });
  } catch (err) {
    send({ type: "reply", ref, error: (err as Error).message });
  }
}

export function main(dataDir: string): void {
  if (!process.send) throw new Error("the privileged helper runs only as micro server's child (an IPC channel)");
  roots = sandboxRoots(dataDir);
  // Ctrl-C and a service manager's SIGTERM reach the whole group: the helper stays until the server, which stops
  // the services through it, has finished and disconnects
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => undefined);
  process.on("disconnect", () => process.exit(0));
  // one request at a time, in order: a process's stdin must not arrive before the process has been started
  let queue = Promise.resolve();
  process.on("message", (r: Request) => {
    queue = queue.then(() => handle(r)).catch((err: Error) => { process.stderr.write(`micro privileged helper: ${err.message}\n`); });
  });
  send({ type: "reply", ref: 0 }); // ready
}

if (!process.argv[2]) throw new Error("usage: helper.js <real data dir>");
main(process.argv[2]);
