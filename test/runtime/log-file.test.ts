// A service's log file: reading and following while a writer appends gives every line exactly once, in order (a
// follower that moved its position to a size taken after reading printed lines twice in `micro run`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lines, LogFile } from "../../runtime/launcher/log-file.js";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";

test("log file: a follower sees each line exactly once while lines are appended during its reads", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "logfile-"));
  try {
    const log = new LogFile(join(dir, "logs.jsonl"));
    for (let i = 0; i < 50; i++) log.append("build", `line ${i}`);
    // Each batch is larger than one read of the file, and the next one is appended as soon as the follower has the
    // first line of the current one: so always while the follower is in the middle of reading (a build printing
    // while `micro run` follows it).
    const batch = 1000;
    const total = 50 + 5 * batch;
    const append = (from: number) => log.append("build", Array.from({ length: batch }, (_, j) => `line ${from + j} ${"x".repeat(1000)}`).join("\n"));
    const stop = new AbortController();
    const seen: number[] = [];
    for await (const line of log.read({ follow: true, signal: stop.signal })) {
      if (line.message === "end") break;
      const n = Number(line.message.split(" ")[1]);
      seen.push(n);
      const next = n === 49 ? 50 : n >= 50 && (n - 50) % batch === 0 ? n + batch : undefined;
      if (next !== undefined && next < total) append(next);
      // one more line once the reader is done with this read: any line read twice comes before it
      if (n === total - 1) setTimeout(() => log.append("build", "end"), 50);
    }
    stop.abort();
    assert.deepEqual(seen, Array.from({ length: total }, (_, i) => i), "every line once, in order");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("log file: count and sinceMs pick the tail; a torn last line waits for its end", { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "logfile-"));
  try {
    const path = join(dir, "logs.jsonl");
    const log = new LogFile(path);
    for (let i = 0; i < 5; i++) log.append("stdout", `l${i}`);
    const last: string[] = [];
    for await (const line of log.read({ count: 2 })) last.push(line.message);
    assert.deepEqual(last, ["l3", "l4"]);
    const later: string[] = [];
    for await (const line of log.read({ sinceMs: Date.now() + 60_000 })) later.push(line.message);
    assert.deepEqual(later, []);

    // half a line on disk (a writer mid-way): not yielded until it is complete, then yielded once
    const { appendFileSync } = await import("node:fs");
    const record = JSON.stringify({ timestamp: Date.now(), stream: "stdout", message: "torn" });
    appendFileSync(path, record.slice(0, 10));
    const stop = new AbortController();
    const seen: string[] = [];
    let arrived = () => undefined as void;
    const follower = (async () => {
      for await (const line of log.read({ follow: true, signal: stop.signal })) { seen.push(line.message); arrived(); }
    })();
    await new Promise<void>((resolve) => { arrived = () => { if (seen.length === 5) resolve(); }; arrived(); });
    appendFileSync(path, record.slice(10) + "\n");
    log.append("stdout", "after");
    await new Promise<void>((resolve) => { arrived = () => { if (seen.at(-1) === "after") resolve(); }; arrived(); });
    stop.abort();
    await follower;
    assert.deepEqual(seen, ["l0", "l1", "l2", "l3", "l4", "torn", "after"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("process output: one record per line however the pipe splits it, the last unterminated line included", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-lines-"));
  try {
    const log = new LogFile(join(dir, "logs.jsonl"));
    const output = new PassThrough();
    lines(output, (l) => log.append("stdout", l));
    // "written in two pieces", a multi-byte character split across chunks, CRLF, and a last line with no newline
    const euro = Buffer.from("€");
    for (const chunk of [Buffer.from("written in two "), Buffer.from("pieces\nprice 5"), euro.subarray(0, 1), euro.subarray(1),
      Buffer.from("\r\nlast line")]) output.write(chunk);
    output.end();
    await new Promise((r) => setImmediate(r));
    const messages = readFileSync(join(dir, "logs.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).message);
    assert.deepEqual(messages, ["written in two pieces", "price 5€", "last line"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
