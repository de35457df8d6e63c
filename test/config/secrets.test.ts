// What only the embedded engine can show: secrets as they lie on disk, and where their key comes from.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat, writeFile, chmod } from "node:fs/promises";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { openEngine } from "../../runtime/engine/lmdb.js";
import { CONFIG_DBS, EmbeddedConfig, SECRET_KEY_ENV, secretKeyPath } from "../../runtime/config/index.js";
import { embedded } from "./harness.js";
import { microError } from "../support/errors.js";

const v = (x: unknown) => ({ data: JSON.stringify(x) });

/** Reopens the data dir of `e` (closed) with `env`, runs fn, closes again. */
async function reopened(dir: string, env: NodeJS.ProcessEnv, fn: (config: EmbeddedConfig) => Promise<void>): Promise<void> {
  const engine = openEngine(dir);
  try {
    await fn(await EmbeddedConfig.open(engine, { dataDir: dir, env }));
  } finally {
    await engine.close();
  }
}

test("secret values are encrypted at rest: neither the stored records nor the database file hold the plaintext", async () => {
  const e = await embedded();
  try {
    await e.config.set("db.password", v("hunter2-plaintext-XYZ"), { secret: true });
    await e.config.set("db.creds", v({ user: "secret-user-QQQ" }), { secret: true });
    await e.config.set("db.host", v("visible-host-ABC"));
    const raw = e.engine.db<Buffer>(CONFIG_DBS.leaves, { binary: true });
    const records = [...raw.getRange({ start: ["micro"] })].map(({ value }) => Buffer.from(value).toString("latin1"));
    assert.equal(records.length, 3);
    assert.ok(records.some((r) => r.includes("visible-host-ABC")), "the raw view does show plain values");
    assert.ok(!records.some((r) => r.includes("hunter2-plaintext-XYZ") || r.includes("secret-user-QQQ")));
    const file = (await readFile(join(e.engine.dir, "db", "data.mdb"))).toString("latin1");
    assert.ok(file.includes("visible-host-ABC"), "the file scan does see plain values");
    assert.ok(!file.includes("hunter2-plaintext-XYZ") && !file.includes("secret-user-QQQ"));
    assert.equal((await e.config.get("db.password", { secret: true })).data, '"hunter2-plaintext-XYZ"');
  } finally {
    await e.close();
  }
});

test("the key file is generated with mode 0600 and reused after a restart", async () => {
  const e = await embedded();
  try {
    await e.config.set("token", v("t0k3n"), { secret: true });
    await e.engine.close();
    const info = await stat(secretKeyPath(e.engine.dir));
    if (process.platform !== "win32") assert.equal(info.mode & 0o777, 0o600);
    assert.equal(Buffer.from((await readFile(secretKeyPath(e.engine.dir), "utf8")).trim(), "base64").length, 32);
    await reopened(e.engine.dir, {}, async (config) => {
      assert.equal((await config.get("token", { secret: true })).data, '"t0k3n"');
    });
  } finally {
    await e.close();
  }
});

test("a different key is refused at start with a clear error", async () => {
  const e = await embedded();
  try {
    await e.config.set("token", v("t0k3n"), { secret: true });
    await e.engine.close();
    const other = randomBytes(32).toString("base64");
    await writeFile(secretKeyPath(e.engine.dir), other, { mode: 0o600 });
    await assert.rejects(reopened(e.engine.dir, {}, async () => {}), (err: Error) => {
      assert.match(err.message, /config secret key from .*config\.key is not the key the stored secrets were encrypted with/);
      assert.ok(!err.message.includes(other), "the key is not echoed");
      return true;
    });
  } finally {
    await e.close();
  }
});

test("a malformed or world-readable key file is a clear error", async () => {
  const e = await embedded();
  try {
    await e.engine.close();
    const path = secretKeyPath(e.engine.dir);
    await writeFile(path, "garbage-key-material\n", { mode: 0o600 });
    await assert.rejects(reopened(e.engine.dir, {}, async () => {}), (err: Error) => {
      assert.match(err.message, /config secret key file .* is invalid: it must hold 32 bytes, base64 or hex encoded/);
      assert.ok(!err.message.includes("garbage-key-material"));
      return true;
    });
    if (process.platform !== "win32") {
      await writeFile(path, randomBytes(32).toString("hex"));
      await chmod(path, 0o644);
      await assert.rejects(reopened(e.engine.dir, {}, async () => {}), /accessible by other users \(mode 644\); run chmod 600/);
    }
  } finally {
    await e.close();
  }
});

test(`${SECRET_KEY_ENV} takes hex or base64; a bad one is a clear error that does not echo it`, async () => {
  const key = randomBytes(32);
  const e = await embedded({ [SECRET_KEY_ENV]: key.toString("hex") });
  try {
    await e.config.set("token", v("from-env"), { secret: true });
    await e.engine.close();
    await assert.rejects(stat(secretKeyPath(e.engine.dir)), { code: "ENOENT" }, "no key file when the variable is set");
    await reopened(e.engine.dir, { [SECRET_KEY_ENV]: key.toString("base64") }, async (config) => {
      assert.equal((await config.get("token", { secret: true })).data, '"from-env"');
    });
    await assert.rejects(reopened(e.engine.dir, { [SECRET_KEY_ENV]: "not-a-key-zzz" }, async () => {}), (err: Error) => {
      assert.match(err.message, new RegExp(`${SECRET_KEY_ENV} is not a valid key: it must be 32 bytes, base64 or hex encoded`));
      assert.ok(!err.message.includes("not-a-key-zzz"));
      return true;
    });
    const wrong = randomBytes(32).toString("hex");
    await assert.rejects(reopened(e.engine.dir, { [SECRET_KEY_ENV]: wrong }, async () => {}), new RegExp(`from ${SECRET_KEY_ENV} is not the key`));
  } finally {
    await e.close();
  }
});

test("a damaged or moved ciphertext fails as a 500 that reveals nothing", async () => {
  const e = await embedded();
  try {
    await e.config.set("a", v("moved-secret"), { secret: true });
    const leaves = e.engine.db<{ s: Uint8Array }>(CONFIG_DBS.leaves);
    // Sealed values are bound to their namespace and path: the same bytes under another path do not open.
    await leaves.put(["micro", "b"], leaves.get(["micro", "a"])!);
    await leaves.put(["micro", "c"], { s: Buffer.from("garbage") });
    for (const path of ["b", "c"]) {
      await assert.rejects(e.config.get(path, { secret: true }), (err: unknown) => {
        microError(500, new RegExp(`cannot decrypt the secret at "${path}"`))(err);
        assert.doesNotMatch(String((err as Error).message), /moved-secret/);
        return true;
      });
      assert.equal((await e.config.get(path)).data, '"[secret]"', "masked reads still work");
    }
  } finally {
    await e.close();
  }
});
