// Source.Upload takes the archive as each client packs it: our CLI sends gzipped tar, Micro 3.0's `micro run ./dir`
// a plain tar. Both are stored by the upload handler (which gzips a plain tar) and unpacked by the build's fetch step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sourceHandler } from "../../runtime/launcher/handler.js";
import { fetchSource } from "../../runtime/launcher/source.js";
import { LogFile } from "../../runtime/launcher/log-file.js";

const exec = promisify(execFile);

async function pack(dir: string, gzip: boolean): Promise<Buffer> {
  const { stdout } = await exec("tar", [gzip ? "-czf" : "-cf", "-", "-C", dir, "."], { encoding: "buffer", maxBuffer: 1 << 24 });
  return stdout;
}

/** Uploads `archive` in chunks as a client stream would, then unpacks it as a build does; returns the target. */
async function uploadAndFetch(dataDir: string, archive: Buffer): Promise<string> {
  const impl = sourceHandler(dataDir);
  async function* chunks() {
    for (let i = 0; i < archive.length; i += 1000) yield { data: archive.subarray(i, i + 1000) };
  }
  const { id } = await (impl.upload as (r: AsyncIterable<{ data: Uint8Array }>) => Promise<{ id: string }>)(chunks());
  const target = join(dataDir, "build", id.replace(/\W/g, "-"));
  const log = new LogFile(join(dataDir, "logs", "build.jsonl"));
  return fetchSource(id, target, { dataDir, log, env: process.env });
}

for (const gzip of [true, false]) {
  test(`an uploaded ${gzip ? "gzipped" : "plain"} tar unpacks into the build directory`, async () => {
    const dir = await mkdtemp(join(tmpdir(), "micro-upload-"));
    try {
      const src = join(dir, "src");
      await mkdir(join(src, "handler"), { recursive: true });
      await writeFile(join(src, "main.go"), "package main\n");
      await writeFile(join(src, "handler", "h.go"), "package handler\n");
      const archive = await pack(src, gzip);
      assert.equal(archive[0] === 0x1f && archive[1] === 0x8b, gzip, "the archive is packed as the test says");
      const target = await uploadAndFetch(join(dir, "data"), archive);
      assert.equal(await readFile(join(target, "main.go"), "utf8"), "package main\n");
      assert.equal(await readFile(join(target, "handler", "h.go"), "utf8"), "package handler\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test("an upload that is neither tar nor gzipped tar fails the build naming tar", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-upload-"));
  try {
    await assert.rejects(uploadAndFetch(join(dir, "data"), Buffer.from("this is not an archive\n".repeat(50))), /tar/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
