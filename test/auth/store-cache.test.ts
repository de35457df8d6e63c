// The embedded auth store caches account reads (each hop that admits a call reads the caller's account): every
// change of an account must be seen by the very next read, as the README promises ("the front doors check the
// accounts store on every call").
import { test } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { openTempEngine } from "../../runtime/engine/lmdb.js";
import { AuthStore, type StoredAccount } from "../../runtime/auth/store.js";

const account = (id: string, uid: string): StoredAccount => ({
  id, type: "user", issuer: "cache-ns", scopes: ["admin"], metadata: { team: "a" }, name: id,
  secretHash: "hash-0", uid, generation: 0, created: Date.now(),
});

test("AuthStore: a cached account read follows every create, secret change and delete at once", async () => {
  const engine = await openTempEngine();
  try {
    const store = new AuthStore(engine);
    assert.equal(store.getAccount("cache-ns", "ada"), undefined, "a miss is read (and cached) before the account exists");
    assert.equal(await store.createAccount(account("ada", "uid-1"), [], false), "created");
    assert.equal(store.getAccount("cache-ns", "ada")?.uid, "uid-1", "the created account is read right after");
    assert.equal(store.getAccount("cache-ns", "ada"), store.getAccount("cache-ns", "ada"), "the second read is the cached one");

    assert.equal(await store.replaceSecret("cache-ns", "ada", "hash-1"), true);
    assert.equal(store.getAccount("cache-ns", "ada")?.generation, 1, "a secret change is read right after");
    assert.equal(store.getAccount("cache-ns", "ada")?.secretHash, "hash-1");

    assert.equal(await store.deleteAccount("cache-ns", "ada"), true);
    assert.equal(store.getAccount("cache-ns", "ada"), undefined, "a deleted account is gone on the very next read");

    assert.equal(await store.createAccount(account("ada", "uid-2"), [], false), "created");
    assert.equal(store.getAccount("cache-ns", "ada")?.uid, "uid-2", "a recreated account is the new one, never the old");
    assert.equal(await store.createAccount(account("ada", "uid-3"), [], false), "account-exists");
    assert.equal(store.getAccount("cache-ns", "ada")?.uid, "uid-2", "a refused create changes nothing");
  } finally {
    await engine.close();
    await rm(engine.dir, { recursive: true, force: true });
  }
});

test("AuthStore: a cached account is shared, so it cannot be changed in place", async () => {
  const engine = await openTempEngine();
  try {
    const store = new AuthStore(engine);
    await store.createAccount(account("bob", "uid-1"), [], false);
    const read = store.getAccount("cache-ns", "bob")!;
    assert.throws(() => { (read as { generation: number }).generation = 9; }, TypeError);
    assert.throws(() => { (read.scopes as string[]).push("more"); }, TypeError);
    assert.throws(() => { read.metadata.team = "b"; }, TypeError);
    assert.deepEqual(store.getAccount("cache-ns", "bob")?.scopes, ["admin"]);
  } finally {
    await engine.close();
    await rm(engine.dir, { recursive: true, force: true });
  }
});
