// Bad input over the wire: each gets a clear status naming what is wrong, the server keeps serving, and
// nothing already stored is lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BlobStore as BlobStoreDesc, Store as StoreDesc } from "../../runtime/gen/store/store_pb.js";
import { createClient, createGrpcTransport, type Middleware } from "../../runtime/rpc/index.js";
import { BLOB_DBS, collect, readAll, text } from "../../runtime/store/index.js";
import { microError } from "../support/errors.js";
import { served } from "./harness.js";

// Stands in for the auth layer: the test-account header names a verified platform admin.
const testAccounts: Middleware = async (ctx, next) => {
  if (ctx.metadata["x-test-account"] === "admin") ctx.account = { id: "admin", type: "user", issuer: "micro", scopes: ["admin"] };
  await next();
};
const it = (title: string, fn: () => Promise<void>) => test(title, { timeout: 20_000 }, fn);

it("missing keys, records and blobs are 400s naming the field", async () => {
  const s = await served();
  try {
    const transport = createGrpcTransport({ address: s.hosted.address, metadata: () => ({ "micro-namespace": "alpha" }) });
    const store = createClient(StoreDesc, transport);
    const blobs = createClient(BlobStoreDesc, transport);
    await assert.rejects(store.write({}), microError(400, /^record is required$/));
    await assert.rejects(store.write({ record: { key: "", value: new Uint8Array([1]) } }), microError(400, /^record\.key is required$/));
    await assert.rejects(store.write({ record: { key: "k", expiry: -1n } }), microError(400, /^record\.expiry must not be negative$/));
    await assert.rejects(store.read({ key: "" }), microError(400, /^key is required$/));
    await assert.rejects(store.delete({ key: "" }), microError(400, /^key is required$/));
    await assert.rejects(blobs.write((async function* () { yield { key: "", blob: new Uint8Array([1]) }; })()), microError(400, /^key is required$/));
    await assert.rejects(blobs.write((async function* () { /* no messages */ })()), microError(400, /^no blob was sent$/));
    await assert.rejects(blobs.delete({ key: "" }), microError(400, /^key is required$/));
    // Expiry travels as nanoseconds: 60 s is read back as 60e9 less (at most) the time the write and read took.
    const started = Date.now();
    await store.write({ record: { key: "ttl", value: new Uint8Array(), expiry: 60_000_000_000n } });
    const { records } = await store.read({ key: "ttl" });
    const tookNs = BigInt(Date.now() - started + 1) * 1_000_000n;
    assert.ok(records[0].expiry > 60_000_000_000n - tookNs && records[0].expiry <= 60_000_000_000n, `expiry ${records[0].expiry} after ${tookNs} ns`);
  } finally {
    await s.close();
  }
});

it("another database is 403 for a non-admin; a platform admin may use any; Databases shows callers their own", async () => {
  const s = await served([testAccounts]);
  try {
    const alice = s.client({ "micro-namespace": "alice" });
    const bob = s.client({ "micro-namespace": "bob" });
    const admin = s.client({ "micro-namespace": "micro", "x-test-account": "admin" });
    await alice.store.write({ key: "diary", value: "alice's" });
    await bob.store.write({ key: "notes", value: "bob's" });
    await alice.blobs.write("photo", "alice's photo");
    const denied = microError(403, /access to database alice denied/);
    await assert.rejects(bob.store.read("diary", { database: "alice" }), denied);
    await assert.rejects(bob.store.write({ key: "diary", value: "bob was here" }, { database: "alice" }), denied);
    await assert.rejects(bob.store.delete("diary", { database: "alice" }), denied);
    await assert.rejects(collect(bob.store.list({ database: "alice" })), denied);
    await assert.rejects(bob.store.tables("alice"), denied);
    await assert.rejects(readAll(bob.blobs.read("photo", { namespace: "alice" })), microError(403, /access to namespace alice denied/));
    await assert.rejects(bob.blobs.write("photo", "x", { namespace: "alice" }), microError(403, /namespace alice/));
    await assert.rejects(bob.blobs.list({ namespace: "alice" }), microError(403, /namespace alice/));
    assert.deepEqual(await alice.store.databases(), ["alice"]);
    assert.deepEqual(await bob.store.databases(), ["bob"]);
    assert.equal(text((await admin.store.read("diary", { database: "alice" }))[0]), "alice's");
    assert.deepEqual(await admin.store.tables("alice"), ["micro"]);
    assert.deepEqual((await admin.store.databases()).filter((d) => d === "alice" || d === "bob"), ["alice", "bob"]);
    assert.equal(Buffer.from(await readAll(admin.blobs.read("photo", { namespace: "alice" }))).toString(), "alice's photo");
    assert.equal(text((await alice.store.read("diary"))[0]), "alice's", "nothing was overwritten");
  } finally {
    await s.close();
  }
});

it("an oversize message gets RESOURCE_EXHAUSTED; the server keeps serving and loses nothing", async () => {
  const s = await served();
  try {
    const { store, blobs } = s.client({ "micro-namespace": "big" });
    await store.write({ key: "before", value: "kept" });
    const fiveMiB = new Uint8Array(5 * 1024 * 1024);
    await assert.rejects(store.write({ key: "huge", value: fiveMiB }), microError(429, /larger than max/i));
    assert.equal(text((await store.read("before"))[0]), "kept");
    await assert.rejects(store.read("huge"), microError(404));
    await store.write({ key: "after", value: "fine" });
    assert.deepEqual(await collect(store.list()), ["after", "before"]);
    // The same bytes as a blob are fine: blobs travel in 64 KiB chunks.
    await blobs.write("huge", fiveMiB);
    assert.equal((await readAll(blobs.read("huge"))).length, fiveMiB.length);
  } finally {
    await s.close();
  }
});

it("a blob upload the client cancels leaves the previous blob intact", async () => {
  const s = await served();
  try {
    const { blobs } = s.client({ "micro-namespace": "cancel" });
    await blobs.write("file", "version 1");
    const abort = new AbortController();
    async function* slowUpload() {
      yield Buffer.alloc(64 * 1024, 2);
      yield Buffer.alloc(64 * 1024, 2);
      abort.abort();
      await new Promise((r) => setTimeout(r, 200));
      yield Buffer.alloc(64 * 1024, 2);
    }
    await assert.rejects(blobs.write("file", slowUpload(), { signal: abort.signal }));
    assert.equal(Buffer.from(await readAll(blobs.read("file"))).toString(), "version 1");
    // The server discards the abandoned generation once it sees the cancel.
    for (let i = 0; i < 50 && s.engine.db(BLOB_DBS.pending).getCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(s.engine.db(BLOB_DBS.pending).getCount(), 0);
    assert.deepEqual(await blobs.list(), ["file"]);
  } finally {
    await s.close();
  }
});
