// Questions on the terminal (prompts on stderr, so stdout stays clean). Hidden answers (passwords) are read
// through readline with its echo sent to a muted stream. Lines are queued as they come: when stdin is a pipe,
// readline reads every line at once, and an answer must not be lost before its question is asked.
import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";
import type { MicroContext } from "./context.js";
import { CliError } from "./errors.js";

export class Prompter {
  private rl?: Interface;
  private muted = false;
  private readonly lines: string[] = [];
  private ended = false;
  private waiting?: { resolve(line: string): void; reject(err: Error): void };

  constructor(private readonly context: MicroContext) {}

  get interactive(): boolean {
    return (this.context.stdin as { isTTY?: boolean }).isTTY === true;
  }

  async ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
    this.open();
    this.context.stderr.write(question);
    this.muted = options.hidden === true;
    try {
      const answer = await this.nextLine();
      if (this.muted && this.interactive) this.context.stderr.write("\n");
      return answer;
    } finally {
      this.muted = false;
    }
  }

  /** Asks until the answer is not empty (once when stdin is not a terminal). */
  async required(question: string, options: { hidden?: boolean } = {}): Promise<string> {
    for (;;) {
      const raw = await this.ask(question, options);
      const answer = options.hidden ? raw : raw.trim(); // spaces may be part of a password
      if (answer || !this.interactive) return answer;
    }
  }

  close(): void {
    this.rl?.close();
    this.rl = undefined;
  }

  private nextLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.reject(new CliError("no answer: input ended"));
    return new Promise((resolve, reject) => { this.waiting = { resolve, reject }; });
  }

  private settle(fn: (w: NonNullable<Prompter["waiting"]>) => void): boolean {
    const w = this.waiting;
    if (!w) return false;
    this.waiting = undefined;
    fn(w);
    return true;
  }

  private open(): void {
    if (this.rl) return;
    const stderr = this.context.stderr;
    const output = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.muted) stderr.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: this.context.stdin, output, terminal: this.interactive });
    rl.on("line", (line) => { if (!this.settle((w) => w.resolve(line))) this.lines.push(line); });
    rl.on("close", () => {
      this.ended = true;
      this.settle((w) => w.reject(new CliError("no answer: input ended")));
    });
    rl.on("SIGINT", () => {
      if (this.muted || this.waiting) stderr.write("\n");
      this.settle((w) => w.reject(new CliError("cancelled", 130)));
      rl.close();
    });
    this.rl = rl;
  }
}
