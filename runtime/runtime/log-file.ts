// A service's logs: an append-only file of JSON lines (build output, stdout, stderr, supervisor notes).
// Appending never rewrites what is there; reading the tail and following are cheap.
import { appendFileSync, createReadStream, existsSync, mkdirSync, statSync, watch } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { LogLine, LogQuery } from "./types.js";

export class LogFile {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  append(stream: LogLine["stream"], text: string): void {
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    if (!lines.length) return;
    const now = Date.now();
    try {
      appendFileSync(this.path, lines.map((message) => JSON.stringify({ timestamp: now, stream, message })).join("\n") + "\n", { mode: 0o600 });
    } catch (err) {
      // The service was deleted (its folder with it) while a process still wrote: those lines have no home.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }

  /** The last `count` lines (after `sinceMs`), then — with `follow` — new lines as they are written. */
  async *read(query: LogQuery = {}): AsyncIterable<LogLine> {
    const count = query.count && query.count > 0 ? query.count : Infinity;
    let offset = 0;
    const tail: LogLine[] = [];
    if (existsSync(this.path)) {
      for await (const line of this.linesFrom(0)) {
        if (query.sinceMs && line.timestamp < query.sinceMs) continue;
        tail.push(line);
        if (tail.length > count) tail.shift();
      }
      offset = statSync(this.path).size;
    }
    yield* tail;
    if (!query.follow) return;
    while (!query.signal?.aborted) {
      await this.changed(query.signal);
      const size = sizeOf(this.path);
      if (size === undefined) continue;
      if (size < offset) offset = 0;
      if (size === offset) continue;
      for await (const line of this.linesFrom(offset)) yield line;
      offset = size;
    }
  }

  private async *linesFrom(start: number): AsyncIterable<LogLine> {
    const rl = createInterface({ input: createReadStream(this.path, { start, encoding: "utf8" }), crlfDelay: Infinity });
    for await (const text of rl) {
      try {
        yield JSON.parse(text) as LogLine;
      } catch {
        // a torn last line from a crash: skip it
      }
    }
  }

  /** Resolves on the next change to the file (or after a short poll interval, or on abort). */
  private changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let watcher: ReturnType<typeof watch> | undefined;
      const done = () => { clearTimeout(timer); watcher?.close(); signal?.removeEventListener("abort", done); resolve(); };
      const timer = setTimeout(done, 500);
      try {
        if (existsSync(this.path)) watcher = watch(this.path, done).on("error", done);
      } catch {
        // polling only
      }
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}

/** The file's size, or undefined when it is gone (deleted between two reads). */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}
