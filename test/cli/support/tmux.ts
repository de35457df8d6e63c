// Test support: a pseudo-terminal driven through tmux (its own server socket per test run), for what only a
// terminal shows: prompts without echo, colours, shell completion.
import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { promisify } from "node:util";
import { requireTools } from "../../support/tools.js";
import { MICRO_BIN } from "./micro.js";

const run = promisify(execFile);

export class Terminal {
  private constructor(private readonly socket: string, private readonly session: string) {}

  /** A bash (no rc files) in a 160x50 terminal with `micro` on PATH and the given environment. */
  static async open(env: Record<string, string>): Promise<Terminal> {
    requireTools("tmux");
    const socket = `cli-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const vars = { PATH: `${dirname(MICRO_BIN)}:${dirname(process.execPath)}:${process.env.PATH}`, TERM: "xterm-256color", PS1: "$ ", ...env };
    const envArgs = Object.entries(vars).map(([k, v]) => `${k}=${v}`);
    await run("tmux", ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "50",
      "env", "-i", ...envArgs, "bash", "--norc", "--noprofile"]);
    return new Terminal(socket, "t");
  }

  async type(text: string): Promise<void> {
    await run("tmux", ["-L", this.socket, "send-keys", "-t", this.session, "-l", "--", text]);
  }

  async press(...keys: string[]): Promise<void> {
    await run("tmux", ["-L", this.socket, "send-keys", "-t", this.session, ...keys]);
  }

  /** The screen; with `escapes`, colour and attribute escape sequences included. */
  async screen(escapes = false): Promise<string> {
    const { stdout } = await run("tmux", ["-L", this.socket, "capture-pane", "-p", "-N", "-t", this.session, ...(escapes ? ["-e"] : [])]);
    return stdout;
  }

  /** Waits until the screen matches (polling); fails with the screen when it never does. */
  async waitFor(pattern: RegExp, options: { escapes?: boolean; timeoutMs?: number } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
      const text = await this.screen(options.escapes);
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`terminal never showed ${pattern}:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await run("tmux", ["-L", this.socket, "kill-server"]).catch(() => undefined);
  }
}
