// Durability on PostgreSQL: writers keep the store busy, PostgreSQL is killed with SIGKILL (postmaster and every
// backend) mid-load and started again on the same data; every write the store acknowledged must be there. The
// store acknowledges only what PostgreSQL has committed, so this holds however the crash lands.
import { test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { PostgresStore } from "../../runtime/store/postgres.js";
import { text } from "../../runtime/store/index.js";
import { startPostgres } from "../support/postgres.js";

const WRITERS = 32;
const CRASH_AFTER_ACKS = 2000;

const server = await startPostgres();

test("every acknowledged write survives kill -9 of PostgreSQL", { timeout: 120_000 }, async (t) => {
  const db = server;
  const pool = new pg.Pool({ connectionString: db.url, max: WRITERS });
  pool.on("error", () => { /* the crash drops every connection */ });
  try {
    const store = await PostgresStore.open(pool);
    const acked: string[] = [];
    let next = 0;
    let crashing: Promise<void> | undefined;
    let interrupted = 0;
    // Writers keep writing until the crash stops them: it lands with writes in flight.
    const writer = async () => {
      for (;;) {
        const key = `key-${String(next++).padStart(8, "0")}`;
        try {
          await store.write({ key, value: `value of ${key}` }, { database: "durable" });
        } catch {
          interrupted++;
          return; // the server is gone: stop, as a client would
        }
        acked.push(key);
        if (acked.length >= CRASH_AFTER_ACKS) crashing ??= db.crash();
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await crashing;
    store.close();
    await pool.end();

    const after = new pg.Pool({ connectionString: db.url });
    try {
      const again = await PostgresStore.open(after);
      const missing: string[] = [];
      for (const key of acked) {
        const [record] = await again.read(key, { database: "durable" }).catch(() => []);
        if (!record || text(record) !== `value of ${key}`) missing.push(key);
      }
      again.close();
      t.diagnostic(`${acked.length} writes acknowledged; ${interrupted} writers cut off by the crash`);
      assert.ok(acked.length >= CRASH_AFTER_ACKS, `only ${acked.length} writes were acknowledged`);
      assert.ok(interrupted > 0, "the crash landed mid-load");
      assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes were lost`);
    } finally {
      await after.end();
    }
  } finally {
    await db.stop();
  }
});
