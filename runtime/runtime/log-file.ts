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
    appendFileSync(this.path, lines.map((message) => JSON.stringify({ timestamp: now, stream, message })).join("\n") + "\n");
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
      if (!existsSync(this.path)) continue;
      const size = statSync(this.path).size;
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
        if (existsSync(this.path)) watcher = watch(this.path, done);
      } catch {
        // polling only
      }
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}
