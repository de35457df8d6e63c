// What only the embedded engine promises: expired records leave the disk, data survives reopening, and
// blob writes that fail or were interrupted by a crash leave the previous blob and no stray chunks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { openEngine } from "../../runtime/engine/lmdb.js";
import { BLOB_DBS, EmbeddedBlobStore, EmbeddedStore, MAX_KEY_BYTES, STORE_DBS, readAll, text } from "../../runtime/store/index.js";
import { microError } from "../support/errors.js";
import { embedded } from "./harness.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("expired records are swept from disk, index and all", async () => {
  const e = await embedded(60_000);
  try {
    for (const key of ["a", "b", "c"]) await e.store.write({ key, value: "gone soon", ttlMs: 30 });
    await e.store.write({ key: "stays", value: "x" });
    await e.store.write({ key: "later", value: "y", ttlMs: 60_000 });
    await sleep(60);
    assert.equal(await e.store.sweeper.sweep(), 3);
    assert.equal(e.engine.db(STORE_DBS.records).getCount(), 2);
    assert.equal(e.engine.db(STORE_DBS.deadlines).getCount(), 1);
    assert.equal(e.engine.db(STORE_DBS.expiries).getCount(), 1);
    assert.equal(await e.store.sweeper.sweep(), 0);
  } finally {
    await e.close();
  }
});

test("records, tables and blobs survive closing and reopening the engine", async () => {
  const e = await embedded();
  const dir = e.engine.dir;
  await e.store.write({ key: "k", value: "v", ttlMs: 60_000 }, { database: "d", table: "t" });
  await e.blobs.write("blob", Buffer.alloc(200_000, 7));
  e.store.close();
  await e.engine.close();
  const engine = openEngine(dir);
  const store = new EmbeddedStore(engine);
  try {
    const [record] = await store.read("k", { database: "d", table: "t" });
    assert.equal(text(record), "v");
    assert.ok(record.ttlMs! > 0, "the deadline survives too");
    assert.deepEqual(await store.tables("d"), ["t"]);
    const blobs = await EmbeddedBlobStore.open(engine);
    assert.ok(Buffer.from(await readAll(blobs.read("blob"))).equals(Buffer.alloc(200_000, 7)));
  } finally {
    store.close();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a blob write that fails midway keeps the previous blob and leaves no chunks behind", async () => {
  const e = await embedded();
  try {
    const before = Buffer.alloc(150_000, 1);
    await e.blobs.write("file", before);
    const chunks = e.engine.db(BLOB_DBS.chunks);
    const stored = chunks.getCount();
    async function* failing() {
      yield Buffer.alloc(200_000, 2);
      throw new Error("client went away");
    }
    await assert.rejects(e.blobs.write("file", failing()), /client went away/);
    const aborted = new AbortController();
    async function* cancelled() {
      yield Buffer.alloc(100_000, 3);
      aborted.abort();
      yield Buffer.alloc(100_000, 3);
    }
    await assert.rejects(e.blobs.write("file", cancelled(), { signal: aborted.signal }));
    assert.ok(Buffer.from(await readAll(e.blobs.read("file"))).equals(before));
    assert.equal(chunks.getCount(), stored, "no chunks of the failed writes remain");
    assert.equal(e.engine.db(BLOB_DBS.pending).getCount(), 0);
  } finally {
    await e.close();
  }
});

test("open() reclaims the chunks of a blob write that a crash interrupted", async () => {
  const e = await embedded();
  try {
    await e.blobs.write("file", "kept");
    // What a crash mid-write leaves: a pending marker and some chunks of a generation with no manifest.
    await e.engine.db(BLOB_DBS.pending).put(["micro", "file", "crashed-gen"], Date.now());
    await e.engine.db(BLOB_DBS.chunks, { binary: true }).put(["micro", "file", "crashed-gen", 0], Buffer.alloc(10));
    const reopened = await EmbeddedBlobStore.open(e.engine);
    assert.equal(e.engine.db(BLOB_DBS.pending).getCount(), 0);
    assert.equal(e.engine.db(BLOB_DBS.chunks).getCount(), 1, "only the live blob's chunk is left");
    assert.equal(Buffer.from(await readAll(reopened.read("file"))).toString(), "kept");
  } finally {
    await e.close();
  }
});

test("keys and names beyond LMDB's limits are 400s, not engine crashes", async () => {
  const e = await embedded();
  try {
    const long = "k".repeat(MAX_KEY_BYTES + 1);
    await assert.rejects(e.store.write({ key: long, value: "v" }), microError(400, /record\.key is longer than/));
    await assert.rejects(e.store.write({ key: "k", value: "v" }, { table: "t".repeat(300) }), microError(400, /table is longer than/));
    await assert.rejects(e.store.write({ key: "k", value: "v" }, { database: "a\0b" }), microError(400, /database must not contain NUL/));
    await assert.rejects(e.blobs.write(long, "v"), microError(400, /key is longer than/));
    await assert.rejects(e.store.write({ key: "k", value: "v", ttlMs: -1 }), microError(400, /record\.ttlMs must not be negative/));
    await assert.rejects(e.store.read("k", { prefix: true, limit: -1 }), microError(400, /limit/));
  } finally {
    await e.close();
  }
});
