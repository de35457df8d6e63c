// One behaviour suite for every Store/BlobStore implementation: the embedded engine, the remote client over
// real gRPC, and later engines. Each test works in namespaces of its own, so tests never see each other.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { microError } from "../support/errors.js";
import { pastDeadline, withinTtl } from "../support/deadline.js";
import { collect, json, readAll, text, type BlobStore, type Store } from "../../runtime/store/index.js";

export interface StoreView { store: Store; blobs: BlobStore }

export interface StoreHarness {
  /** The stores as seen from one namespace: it is their default database and blob namespace. */
  open(namespace: string): StoreView;
  close(): Promise<void>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);


let counter = 0;
const fresh = (label: string) => `${label}-${process.pid}-${++counter}`;

/** Writes keys with bounded concurrency (remote writes are round trips). */
async function writeAll(store: Store, keys: string[], table?: string): Promise<void> {
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) await store.write({ key, value: key }, { table });
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

export function conformance(name: string, make: () => Promise<StoreHarness>): void {
  // Per-test timeouts: a hang (e.g. a streamed error that never arrives) fails its test, not the run.
  const it = (title: string, fn: () => Promise<void>, timeout = 20_000) => test(title, { timeout }, fn);
  describe(`store conformance: ${name}`, () => {
    let h: StoreHarness;
    before(async () => { h = await make(); });
    after(async () => { await h.close(); });
    const view = (label: string) => h.open(fresh(label));

    it("a written record reads back; a missing key is 404 not found", async () => {
      const { store } = view("rw");
      await store.write({ key: "greeting", value: "hello" });
      const [record, ...rest] = await store.read("greeting");
      assert.equal(rest.length, 0);
      assert.equal(record.key, "greeting");
      assert.equal(text(record), "hello");
      assert.equal(record.ttlMs, undefined, "no TTL means no expiry");
      await assert.rejects(store.read("missing"), microError(404, /^not found$/));
    });

    it("values: bytes as given, strings as UTF-8, other values as JSON; metadata round-trips", async () => {
      const { store } = view("values");
      const metadata = { owner: { type: "string", value: "alice" }, size: { type: "int64", value: "7" } };
      await store.write({ key: "bytes", value: new Uint8Array([0, 1, 255]), metadata });
      await store.write({ key: "text", value: "héllo ✓" });
      await store.write({ key: "json", value: { a: 1, b: [true, null] } });
      await store.write({ key: "empty", value: "" });
      const [bytes] = await store.read("bytes");
      assert.ok(sameBytes(bytes.value, new Uint8Array([0, 1, 255])));
      assert.deepEqual(bytes.metadata, metadata);
      assert.equal(text((await store.read("text"))[0]), "héllo ✓");
      assert.deepEqual(json((await store.read("json"))[0]), { a: 1, b: [true, null] });
      assert.equal((await store.read("empty"))[0].value.length, 0);
    });

    it("a write replaces the record; delete removes it; deleting a missing key is fine", async () => {
      const { store } = view("overwrite");
      await store.write({ key: "k", value: "one", metadata: { m: { type: "string", value: "x" } } });
      await store.write({ key: "k", value: "two" });
      const [record] = await store.read("k");
      assert.equal(text(record), "two");
      assert.deepEqual(record.metadata, {}, "metadata is replaced with the record");
      await store.delete("k");
      await assert.rejects(store.read("k"), microError(404));
      await store.delete("k");
      await store.delete("never-written");
    });

    it("TTL: a record lives until its time is up, then is gone from reads and lists", async () => {
      const { store } = view("ttl");
      await store.write({ key: "long", value: "y", ttlMs: 60_000 });
      await store.write({ key: "forever", value: "z" });
      await store.write({ key: "renewed", value: "r", ttlMs: 200 });
      await store.write({ key: "renewed", value: "r" });
      // "still there" only from a write and reads that provably ended before the record's deadline (see withinTtl)
      const short = await withinTtl(async (ttlMs) => {
        await store.write({ key: "short", value: "x", ttlMs });
        const [record] = await store.read("short");
        assert.ok(record.ttlMs! > 0 && record.ttlMs! <= ttlMs, `remaining TTL ${record.ttlMs} of ${ttlMs}`);
        assert.deepEqual(await collect(store.list()), ["forever", "long", "renewed", "short"]);
      });
      const [long] = await store.read("long");
      assert.ok(long.ttlMs! > short.ttlMs && long.ttlMs! <= 60_000, `remaining TTL ${long.ttlMs}`);
      await pastDeadline(short);
      await assert.rejects(store.read("short"), microError(404));
      assert.deepEqual(await collect(store.list()), ["forever", "long", "renewed"]);
      assert.deepEqual((await store.read("", { prefix: true })).map((r) => r.key), ["forever", "long", "renewed"]);
      assert.equal((await store.read("renewed"))[0].ttlMs, undefined, "rewriting without a TTL clears it");
    }, 120_000); // withinTtl may need a few rounds, each with a longer TTL, on a loaded machine

    it("read by prefix or suffix, with limit, offset and order", async () => {
      const { store } = view("read-many");
      for (const key of ["b2", "a3", "a", "ab", "a1", "b1", "a2"]) await store.write({ key, value: key.toUpperCase() });
      const keys = async (key: string, o: Parameters<Store["read"]>[1]) => (await store.read(key, o)).map((r) => r.key);
      assert.deepEqual(await keys("a", { prefix: true }), ["a", "a1", "a2", "a3", "ab"]);
      assert.deepEqual(await keys("a", { prefix: true, order: "desc" }), ["ab", "a3", "a2", "a1", "a"]);
      assert.deepEqual(await keys("a", { prefix: true, limit: 2, offset: 1 }), ["a1", "a2"]);
      assert.deepEqual(await keys("a", { prefix: true, limit: 2, offset: 1, order: "desc" }), ["a3", "a2"]);
      assert.deepEqual(await keys("1", { suffix: true }), ["a1", "b1"]);
      assert.deepEqual(await keys("1", { suffix: true, order: "desc" }), ["b1", "a1"]);
      assert.deepEqual(await keys("c", { prefix: true }), []);
      assert.deepEqual(await keys("a", { prefix: true, offset: 10 }), []);
      assert.equal(text((await store.read("ab", { prefix: true }))[0]), "AB", "prefix reads return values too");
    });

    it("list keys with prefix, suffix, limit, offset and order; long listings arrive whole", async () => {
      const { store } = view("list");
      for (const key of ["b2", "a3", "a", "ab", "a1", "b1", "a2"]) await store.write({ key, value: "v" });
      assert.deepEqual(await collect(store.list()), ["a", "a1", "a2", "a3", "ab", "b1", "b2"]);
      assert.deepEqual(await collect(store.list({ order: "desc", limit: 3 })), ["b2", "b1", "ab"]);
      assert.deepEqual(await collect(store.list({ prefix: "a", order: "desc", limit: 2, offset: 1 })), ["a3", "a2"]);
      assert.deepEqual(await collect(store.list({ suffix: "2" })), ["a2", "b2"]);
      assert.deepEqual(await collect(store.list({ offset: 5 })), ["b1", "b2"]);
      assert.deepEqual(await collect(store.list({ prefix: "zz" })), []);
      const many = Array.from({ length: 2345 }, (_, i) => `item-${String(i).padStart(5, "0")}`);
      await writeAll(store, many, "bulk");
      assert.deepEqual(await collect(store.list({ table: "bulk" })), many);
      assert.deepEqual(await collect(store.list({ table: "bulk", offset: 1000, limit: 1500 })), many.slice(1000));
      assert.deepEqual(await collect(store.list({ table: "bulk", order: "desc", offset: 5 })), many.slice(0, -5).reverse());
    });

    it("tables keep records apart; tables() and databases() name what was written", async () => {
      const namespace = fresh("catalogue");
      const { store } = h.open(namespace);
      await store.write({ key: "k", value: "default table" });
      await store.write({ key: "k", value: "t1" }, { table: "t1" });
      await store.write({ key: "only-t2", value: "t2" }, { table: "t2" });
      assert.equal(text((await store.read("k", { table: "t1" }))[0]), "t1");
      assert.equal(text((await store.read("k"))[0]), "default table");
      await assert.rejects(store.read("only-t2"), microError(404));
      assert.deepEqual(await store.tables(), ["micro", "t1", "t2"]);
      assert.ok((await store.databases()).includes(namespace));
    });

    it("namespace isolation: records and blobs of one namespace are invisible from another", async () => {
      const a = view("iso-a");
      const b = view("iso-b");
      await a.store.write({ key: "secret", value: "a's" });
      await a.blobs.write("file", "a's blob");
      await assert.rejects(b.store.read("secret"), microError(404));
      assert.deepEqual(await b.store.read("", { prefix: true }), []);
      assert.deepEqual(await collect(b.store.list()), []);
      assert.deepEqual(await b.store.tables(), []);
      await assert.rejects(readAll(b.blobs.read("file")), microError(404));
      assert.deepEqual(await b.blobs.list(), []);
      await b.store.delete("secret");
      await b.blobs.delete("file");
      assert.equal(text((await a.store.read("secret"))[0]), "a's", "another namespace's delete touches nothing");
      assert.equal(Buffer.from(await readAll(a.blobs.read("file"))).toString(), "a's blob");
    });

    it("blobs of 0 B, 1 B and over 1 MiB round-trip byte for byte", async () => {
      const { blobs } = view("blob-sizes");
      for (const size of [0, 1, 1024 * 1024 + 12_345]) {
        const data = randomBytes(size);
        await blobs.write(`blob-${size}`, data, { contentType: "application/octet-stream" });
        const back = await readAll(blobs.read(`blob-${size}`));
        assert.equal(back.length, size);
        assert.ok(sameBytes(back, data), `blob of ${size} bytes differs`);
      }
      // A stream of uneven pieces is stored the same as the whole.
      const whole = randomBytes(300_001);
      async function* pieces() {
        for (let at = 0; at < whole.length;) { const n = [1, 999, 70_000, 65_536][at % 4]; yield whole.subarray(at, at + n); at += n; }
      }
      await blobs.write("streamed", pieces());
      assert.ok(sameBytes(await readAll(blobs.read("streamed")), whole));
    });

    it("blobs: list by prefix, overwrite, delete; a missing blob is 404", async () => {
      const { blobs } = view("blob-ops");
      await blobs.write("img/b.png", "B");
      await blobs.write("img/a.png", "A");
      await blobs.write("doc/readme", "R");
      assert.deepEqual(await blobs.list(), ["doc/readme", "img/a.png", "img/b.png"]);
      assert.deepEqual(await blobs.list({ prefix: "img/" }), ["img/a.png", "img/b.png"]);
      await blobs.write("img/a.png", randomBytes(200_000));
      await blobs.write("img/a.png", "smaller");
      assert.equal(Buffer.from(await readAll(blobs.read("img/a.png"))).toString(), "smaller");
      await blobs.delete("img/a.png");
      await assert.rejects(readAll(blobs.read("img/a.png")), microError(404));
      await blobs.delete("img/a.png");
      assert.deepEqual(await blobs.list({ prefix: "img/" }), ["img/b.png"]);
    });
  });
}
