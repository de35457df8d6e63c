// Keeps one service process alive: output into its log, restarts after a crash with exponential backoff
// (1 s doubling up to 30 s, reset after a minute of uptime), SIGTERM then SIGKILL to stop it. It runs as `user` (the
// namespace's sandbox user) when given.
import { lines, type LogFile } from "./log-file.js";
import type { StartCommand } from "./builder.js";
import { launch, signalGroup, type Launched, type SandboxUser } from "./exec.js";

export interface SupervisorEvents {
  onStart(pid: number): void;
  onExit(code: number | null, signal: string | null, willRestart: boolean): void;
}

export class Supervisor {
  private child?: Launched;
  private stopped = false;
  private backoffMs = 1000;
  private restartTimer?: NodeJS.Timeout;

  constructor(private readonly start: StartCommand, private readonly cwd: string, private readonly env: NodeJS.ProcessEnv,
    private readonly log: LogFile, private readonly events: SupervisorEvents, private readonly user?: SandboxUser) {}

  run(): void {
    if (this.stopped) return;
    const startedAt = Date.now();
    const child = launch(this.start.command, this.start.args, {
      cwd: this.cwd, env: { ...this.env, ...this.start.env }, detached: true, user: this.user,
    });
    this.child = child;
    // whole lines: a chunk boundary (a pipe read) must not split one line into two records
    lines(child.stdout!, (l) => this.log.append("stdout", l));
    lines(child.stderr!, (l) => this.log.append("stderr", l));
    child.on("error", (err: Error) => this.log.append("system", `cannot start ${this.start.command}: ${err.message}`));
    child.on("spawn", () => this.events.onStart(child.pid!));
    child.on("exit", (code: number | null, signal: string | null) => {
      if (this.child === child) this.child = undefined;
      const willRestart = !this.stopped;
      this.events.onExit(code, signal, willRestart);
      if (!willRestart) return;
      if (Date.now() - startedAt > 60_000) this.backoffMs = 1000;
      this.log.append("system", `exited (${signal ?? `code ${code}`}); restarting in ${this.backoffMs / 1000}s`);
      this.restartTimer = setTimeout(() => this.run(), this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 30_000);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops for good: SIGTERM to the process group, SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
