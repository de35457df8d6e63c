// A service's logs: an append-only file of JSON lines (build output, stdout, stderr, supervisor notes).
// Appending never rewrites what is there; reading the tail and following are cheap.
import { appendFileSync, createReadStream, existsSync, mkdirSync, statSync, watch } from "node:fs";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
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

  /** The last `count` lines (after `sinceMs`), then — with `follow` — new lines as they are written. Every line is
   * read exactly once: the position moves past the complete lines actually read, never to a size taken at another
   * moment (a writer appending between the two would make the next read repeat its lines). */
  async *read(query: LogQuery = {}): AsyncIterable<LogLine> {
    const count = query.count && query.count > 0 ? query.count : Infinity;
    let offset = 0;
    const tail: LogLine[] = [];
    const size = sizeOf(this.path);
    if (size) {
      for await (const { line, end } of this.linesBetween(0, size)) {
        offset = end;
        if (!line || (query.sinceMs && line.timestamp < query.sinceMs)) continue;
        tail.push(line);
        if (tail.length > count) tail.shift();
      }
    }
    yield* tail;
    if (!query.follow) return;
    while (!query.signal?.aborted) {
      await this.changed(query.signal);
      const size = sizeOf(this.path);
      if (size === undefined) continue;
      if (size < offset) offset = 0;
      if (size === offset) continue;
      for await (const { line, end } of this.linesBetween(offset, size)) {
        offset = end;
        if (line) yield line;
      }
    }
  }

  /** The complete lines in bytes [start, end) with the offset after each; a line still being written is left for
   * the next read. */
  private async *linesBetween(start: number, end: number): AsyncIterable<{ line?: LogLine; end: number }> {
    let pending: Buffer = Buffer.alloc(0);
    let position = start;
    for await (const chunk of createReadStream(this.path, { start, end: end - 1 })) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : chunk as Buffer;
      let newline: number;
      while ((newline = pending.indexOf(0x0a)) >= 0) {
        const text = pending.subarray(0, newline).toString("utf8");
        pending = pending.subarray(newline + 1);
        position += newline + 1;
        yield { line: parse(text), end: position };
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

/** A torn last line from a crash parses as nothing and is skipped. */
function parse(text: string): LogLine | undefined {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return undefined;
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

/** Calls `onLine` for each complete line of a process's output (the last one too, at its end), decoding UTF-8 across
 * chunk boundaries: one record per line, however the pipe happens to split the text. */
export function lines(output: Readable, onLine: (line: string) => void): void {
  createInterface({ input: output, crlfDelay: Infinity }).on("line", onLine);
}
