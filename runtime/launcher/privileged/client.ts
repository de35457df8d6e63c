// The server's side of the privileged helper (helper.ts): forks it while still root, then asks it, over the fork's
// IPC channel, for what needs root. A program it runs comes back as a RemoteChild, which looks to the launcher like
// the ChildProcess it would have spawned itself (pid, stdin/stdout/stderr streams, spawn/error/exit/close events).
import { fork, type ChildProcess } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Reply, Request } from "./protocol.js";

const HELPER = fileURLToPath(new URL("./helper.js", import.meta.url));

export interface RemoteSpawn { command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; uid: number; gid: number; stdin: boolean }

export class PrivilegedHelper {
  private nextId = 1;
  private nextRef = 1;
  private readonly children = new Map<number, RemoteChild>();
  private readonly calls = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private gone?: Error;

  private constructor(private readonly proc: ChildProcess) {
    proc.on("message", (m: Reply) => this.receive(m));
    proc.on("exit", (code, signal) => this.lost(new Error(`the privileged helper exited (${signal ?? `code ${code}`})`)));
  }

  /** Forks the helper (the caller must be root: the helper keeps the caller's rights) for the data dir's real path. */
  static async start(realDataDir: string): Promise<PrivilegedHelper> {
    // execArgv []: not the CLI's startup snapshot or flags; the helper is a plain node program
    const proc = fork(HELPER, [realDataDir], { execArgv: [], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const helper = new PrivilegedHelper(proc);
    const ready = new Promise<void>((resolve, reject) => helper.calls.set(0, { resolve, reject }));
    await Promise.race([ready, once(proc, "exit").then(() => { throw new Error("the privileged helper did not start"); })]);
    return helper;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Runs `command` as uid/gid (a tenant's), in its own process group. */
  spawn(o: RemoteSpawn): RemoteChild {
    const id = this.nextId++;
    const child = new RemoteChild(this, id, o.stdin);
    this.children.set(id, child);
    const env = Object.fromEntries(Object.entries(o.env).filter((e): e is [string, string] => typeof e[1] === "string"));
    this.post({ op: "spawn", id, command: o.command, args: o.args, cwd: o.cwd, env, uid: o.uid, gid: o.gid, stdin: o.stdin });
    return child;
  }

  /** Gives the namespace area `dir` (a direct child of the sandbox root) to `uid`, mode 0700. */
  own(dir: string, uid: number): Promise<void> {
    return this.call((ref) => ({ op: "own", ref, dir, uid }));
  }

  /** Asks for something and waits for the answer (an error when the helper refused). */
  call(make: (ref: number) => Request): Promise<void> {
    if (this.gone) return Promise.reject(this.gone);
    const ref = this.nextRef++;
    return new Promise((resolve, reject) => {
      this.calls.set(ref, { resolve, reject });
      this.post(make(ref));
    });
  }

  post(r: Request): void {
    if (this.gone || !this.proc.connected) return;
    this.proc.send(r);
  }

  forget(id: number): void {
    this.children.delete(id);
    this.post({ op: "release", id });
  }

  /** Ends the helper: it exits when its channel closes. */
  async close(): Promise<void> {
    if (!this.proc.connected) return;
    const exited = once(this.proc, "exit");
    this.proc.disconnect();
    await exited;
  }

  private receive(m: Reply): void {
    if (m.type === "reply") {
      const call = this.calls.get(m.ref);
      this.calls.delete(m.ref);
      if (m.error) call?.reject(new Error(m.error));
      else call?.resolve();
      return;
    }
    this.children.get(m.id)?.receive(m);
  }

  private lost(err: Error): void {
    this.gone = err;
    for (const c of this.calls.values()) c.reject(err);
    this.calls.clear();
    for (const child of this.children.values()) child.receive({ type: "close", id: 0, code: null, signal: null });
  }
}

/** A program the helper runs: the subset of ChildProcess the launcher uses. */
export class RemoteChild extends EventEmitter {
  pid?: number;
  exitCode: number | null = null;
  signalCode: string | null = null;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly stdin: Writable | null;
  private closed = false;

  constructor(private readonly helper: PrivilegedHelper, private readonly id: number, withStdin: boolean) {
    super();
    // each chunk waits for the helper's word that the program took it: a slow reader slows the writer, as a pipe does
    this.stdin = withStdin ? new Writable({
      write: (chunk: Buffer, _enc, done) => { helper.call((ref) => ({ op: "stdin", id, ref, data: chunk })).then(() => done(), done); },
      final: (done) => { helper.post({ op: "stdin-end", id }); done(); },
    }) : null;
  }

  /** Signals the program's process group (through the helper, which started it). */
  signalGroup(signal: NodeJS.Signals): Promise<void> {
    return this.helper.call((ref) => ({ op: "signal", id: this.id, ref, signal }));
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): boolean {
    this.signalGroup(signal).catch(() => undefined);
    return true;
  }

  receive(m: Exclude<Reply, { type: "reply" }>): void {
    switch (m.type) {
      case "spawn": this.pid = m.pid; this.emit("spawn"); return;
      case "out": (m.stream === "stdout" ? this.stdout : this.stderr).write(Buffer.from(m.data)); return;
      case "error": this.emit("error", new Error(m.message)); return;
      case "exit": this.exitCode = m.code; this.signalCode = m.signal; this.emit("exit", m.code, m.signal); return;
      case "close": {
        if (this.closed) return;
        this.closed = true;
        // never started (refused, or no such program): an exit code, as a ChildProcess has after a failed spawn
        if (this.exitCode === null && this.signalCode === null) { this.exitCode = m.code ?? -1; this.signalCode = m.signal; }
        this.stdout.end();
        this.stderr.end();
        this.stdin?.destroy();
        // after the output's last lines: readers see the end of the streams before 'close', as with a ChildProcess
        setImmediate(() => { this.emit("close", m.code, m.signal); this.helper.forget(this.id); });
      }
    }
  }
}
