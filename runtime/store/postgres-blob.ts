// The BlobStore on PostgreSQL, beside PostgresStore. As in the embedded engine, a blob is a manifest plus 64 KiB
// chunks under a fresh generation: a write streams its chunks, then switches the manifest and drops the old
// generation's chunks in one transaction, so readers see the old blob or the new one, never a mix. A pending row
// per unfinished generation lets open() reclaim what a crashed server left — only old ones, since other servers
// sharing the database may be writing right now. Keys are UTF-16BE bytes, as PostgresStore's are.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { Conflict } from "../rpc/index.js";
import { chunksOf, rechunk } from "./chunks.js";
import { decodeKey, encodeKey, successor } from "./postgres.js";
import { ERROR_ID, badRequest, blobNamespaceOf as namespaceOf, blobNotFound, checkKey } from "./validate.js";
import { type BlobListOptions, type BlobOptions, type BlobSource, type BlobStore, type BlobWriteOptions } from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS micro_store_blobs (
  namespace text NOT NULL, key bytea NOT NULL, generation uuid NOT NULL, size bigint NOT NULL, chunks integer NOT NULL,
  content_type text NOT NULL, public boolean NOT NULL, updated bigint NOT NULL, PRIMARY KEY (namespace, key));
CREATE TABLE IF NOT EXISTS micro_store_blob_chunks (generation uuid NOT NULL, seq integer NOT NULL, data bytea NOT NULL,
  PRIMARY KEY (generation, seq));
CREATE TABLE IF NOT EXISTS micro_store_blob_pending (generation uuid PRIMARY KEY, started bigint NOT NULL);`;

/** An unfinished write older than this was abandoned by a server that stopped; younger ones may be in flight. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;

export class PostgresBlobStore implements BlobStore {
  /** Creates the tables when missing and reclaims the chunks of writes abandoned long ago. */
  static async open(pool: pg.Pool): Promise<PostgresBlobStore> {
    await pool.query(SCHEMA);
    const { rows } = await pool.query<{ generation: string }>(
      "SELECT generation FROM micro_store_blob_pending WHERE started < $1", [Date.now() - ABANDONED_MS]);
    const store = new PostgresBlobStore(pool);
    for (const { generation } of rows) await store.discard(generation);
    return store;
  }

  private constructor(private readonly pool: pg.Pool) {}

  async write(key: string, data: BlobSource, options: BlobWriteOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    if (data === undefined || data === null) throw badRequest("blob is required");
    const generation = randomUUID();
    await this.pool.query("INSERT INTO micro_store_blob_pending (generation, started) VALUES ($1, $2)", [generation, Date.now()]);
    try {
      let seq = 0;
      let size = 0;
      for await (const chunk of rechunk(chunksOf(data))) {
        options.signal?.throwIfAborted();
        await this.pool.query("INSERT INTO micro_store_blob_chunks (generation, seq, data) VALUES ($1, $2, $3)",
          [generation, seq++, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
        size += chunk.length;
      }
      options.signal?.throwIfAborted();
      await this.transaction(async (client) => {
        const { rows } = await client.query<{ generation: string }>(
          "SELECT generation FROM micro_store_blobs WHERE namespace = $1 AND key = $2 FOR UPDATE", [namespace, encodeKey(key)]);
        await client.query(`
          INSERT INTO micro_store_blobs (namespace, key, generation, size, chunks, content_type, public, updated)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
          ON CONFLICT (namespace, key) DO UPDATE SET generation = EXCLUDED.generation, size = EXCLUDED.size,
            chunks = EXCLUDED.chunks, content_type = EXCLUDED.content_type, public = EXCLUDED.public, updated = EXCLUDED.updated`,
        [namespace, encodeKey(key), generation, size, seq, options.contentType ?? "", !!options.public, Date.now()]);
        await client.query("DELETE FROM micro_store_blob_pending WHERE generation = $1", [generation]);
        if (rows[0]) await client.query("DELETE FROM micro_store_blob_chunks WHERE generation = $1", [rows[0].generation]);
      });
    } catch (err) {
      await this.discard(generation).catch(() => { /* open() reclaims it later */ });
      throw err;
    }
  }

  async *read(key: string, options: BlobOptions = {}): AsyncIterable<Uint8Array> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    const { rows } = await this.pool.query<{ generation: string; chunks: number }>(
      "SELECT generation, chunks FROM micro_store_blobs WHERE namespace = $1 AND key = $2", [namespace, encodeKey(key)]);
    const manifest = rows[0];
    if (!manifest) throw blobNotFound(key);
    for (let seq = 0; seq < manifest.chunks; seq++) {
      const chunk = await this.pool.query<{ data: Buffer }>(
        "SELECT data FROM micro_store_blob_chunks WHERE generation = $1 AND seq = $2", [manifest.generation, seq]);
      // Only a concurrent overwrite or delete removes a live generation's chunks.
      if (!chunk.rows[0]) throw Conflict(ERROR_ID, `blob ${key} changed while it was being read`);
      yield chunk.rows[0].data;
    }
  }

  async delete(key: string, options: BlobOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    await this.transaction(async (client) => {
      const { rows } = await client.query<{ generation: string }>(
        "DELETE FROM micro_store_blobs WHERE namespace = $1 AND key = $2 RETURNING generation", [namespace, encodeKey(key)]);
      if (rows[0]) await client.query("DELETE FROM micro_store_blob_chunks WHERE generation = $1", [rows[0].generation]);
    });
  }

  async list(options: BlobListOptions = {}): Promise<string[]> {
    const namespace = namespaceOf(options);
    const low = encodeKey(options.prefix ?? "");
    const high = successor(low);
    const { rows } = await this.pool.query<{ key: Buffer }>(
      `SELECT key FROM micro_store_blobs WHERE namespace = $1 AND key >= $2 ${high ? "AND key < $3" : ""} ORDER BY key`,
      high ? [namespace, low, high] : [namespace, low]);
    return rows.map((r) => decodeKey(r.key));
  }

  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await work(client);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Drops an unfinished generation: whatever chunks it wrote, and its pending row. */
  private async discard(generation: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query("DELETE FROM micro_store_blob_chunks WHERE generation = $1", [generation]);
      await client.query("DELETE FROM micro_store_blob_pending WHERE generation = $1", [generation]);
    });
  }
}
