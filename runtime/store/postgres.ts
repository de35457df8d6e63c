// The Store on PostgreSQL, for more than one machine: `micro server --store postgres://…` (any number of servers
// may share the database). Same behaviour as the embedded engine, checked by the same conformance suite:
// - keys are stored as UTF-16BE bytes, so that the database orders them exactly as JavaScript compares strings
//   (the embedded engine's order) and keeps any string, lone surrogates included, as it was given;
// - a prefix is a key range (index-friendly), a suffix a byte comparison, then offset, limit and order;
// - expiry is a deadline in ms: expired records are invisible at once and deleted by a periodic sweep;
// - a write is one statement (the record and the table catalogue), acknowledged once PostgreSQL has committed it.
import pg from "pg";
import { badRequest, checkCount, checkKey, checkName, checkTtl, notFound, tableOf as target } from "./validate.js";
import { encodeValue, plainMetadata } from "./value.js";
import {
  DEFAULT_DATABASE, type ListOptions, type MetadataField, type Order, type ReadOptions, type RecordInput,
  type Store, type StoreRecord, type TableOptions,
} from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS micro_store_records (
  database text NOT NULL, tbl text NOT NULL, key bytea NOT NULL,
  value bytea NOT NULL, metadata jsonb NOT NULL, deadline bigint,
  PRIMARY KEY (database, tbl, key));
CREATE INDEX IF NOT EXISTS micro_store_records_deadline ON micro_store_records (deadline) WHERE deadline IS NOT NULL;
CREATE TABLE IF NOT EXISTS micro_store_tables (database text NOT NULL, tbl text NOT NULL, PRIMARY KEY (database, tbl));`;

/** Rows a listing fetches per query: a long listing never holds a transaction or a big result open. */
const PAGE = 1000;

export interface PostgresStoreOptions {
  /** How often expired records are deleted (they are invisible from their deadline on regardless). */
  sweepIntervalMs?: number;
}

export class PostgresStore implements Store {
  private readonly sweeper: NodeJS.Timeout;

  /** Connects, creates the tables when missing, and starts the expiry sweep. */
  static async open(pool: pg.Pool, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    await pool.query(SCHEMA);
    return new PostgresStore(pool, options.sweepIntervalMs ?? 1000);
  }

  private constructor(private readonly pool: pg.Pool, sweepIntervalMs: number) {
    this.sweeper = setInterval(() => {
      pool.query("DELETE FROM micro_store_records WHERE deadline <= $1", [Date.now()]).catch(() => { /* next sweep retries */ });
    }, sweepIntervalMs).unref();
  }

  /** Stops the sweep; the pool belongs to the caller. */
  close(): void {
    clearInterval(this.sweeper);
  }

  async read(key: string, options: ReadOptions = {}): Promise<StoreRecord[]> {
    const { database, table } = target(options);
    const now = Date.now();
    if (!options.prefix && !options.suffix) {
      checkKey(key, "key");
      const { rows } = await this.pool.query<Row>(
        "SELECT key, value, metadata, deadline FROM micro_store_records WHERE database = $1 AND tbl = $2 AND key = $3 AND (deadline IS NULL OR deadline > $4)",
        [database, table, encodeKey(key), now]);
      if (!rows[0]) throw notFound();
      return [toRecord(rows[0], now)];
    }
    const query = matching(database, table, options.prefix ? key : "", options.suffix ? key : "", options.order, now);
    const offset = checkCount(options.offset, "offset");
    const limit = checkCount(options.limit, "limit");
    const { rows } = await this.pool.query<Row>(
      `SELECT key, value, metadata, deadline FROM micro_store_records WHERE ${query.where} ORDER BY key ${query.direction}
       OFFSET ${offset} ${limit ? `LIMIT ${limit}` : ""}`, query.params);
    return rows.map((row) => toRecord(row, now));
  }

  async write(record: RecordInput, options: TableOptions = {}): Promise<void> {
    const { database, table } = target(options);
    if (!record) throw badRequest("record is required");
    checkKey(record.key, "record.key");
    const ttlMs = checkTtl(record.ttlMs, "record.ttlMs");
    const value = encodeValue(record.value);
    await this.pool.query(`
      WITH catalogue AS (INSERT INTO micro_store_tables (database, tbl) VALUES ($1, $2) ON CONFLICT DO NOTHING)
      INSERT INTO micro_store_records (database, tbl, key, value, metadata, deadline) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (database, tbl, key) DO UPDATE SET value = EXCLUDED.value, metadata = EXCLUDED.metadata, deadline = EXCLUDED.deadline`,
    [database, table, encodeKey(record.key), Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      JSON.stringify(plainMetadata(record.metadata)), ttlMs > 0 ? Date.now() + ttlMs : null]);
  }

  async delete(key: string, options: TableOptions = {}): Promise<void> {
    const { database, table } = target(options);
    checkKey(key, "key");
    await this.pool.query("DELETE FROM micro_store_records WHERE database = $1 AND tbl = $2 AND key = $3", [database, table, encodeKey(key)]);
  }

  async *list(options: ListOptions = {}): AsyncIterable<string> {
    const { database, table } = target(options);
    let skip = checkCount(options.offset, "offset");
    let left = checkCount(options.limit, "limit") || Infinity;
    const query = matching(database, table, options.prefix ?? "", options.suffix ?? "", options.order, Date.now());
    // Keyset paging: each page starts after the last key of the one before.
    let after: Buffer | undefined;
    for (;;) {
      const params = [...query.params];
      const from = after ? ` AND key ${query.direction === "DESC" ? "<" : ">"} $${params.push(after)}` : "";
      const wanted = Math.min(PAGE, left);
      const { rows } = await this.pool.query<Pick<Row, "key">>(
        `SELECT key FROM micro_store_records WHERE ${query.where}${from} ORDER BY key ${query.direction}
         OFFSET ${skip} LIMIT ${wanted}`, params);
      for (const row of rows) yield decodeKey(row.key);
      left -= rows.length;
      if (rows.length < wanted || left <= 0) return;
      skip = 0;
      after = rows[rows.length - 1]!.key;
    }
  }

  async databases(): Promise<string[]> {
    const { rows } = await this.pool.query<{ database: string }>(
      'SELECT database FROM micro_store_tables GROUP BY database ORDER BY database COLLATE "C"');
    return rows.map((r) => r.database);
  }

  async tables(database = DEFAULT_DATABASE): Promise<string[]> {
    checkName(database, "database");
    const { rows } = await this.pool.query<{ tbl: string }>(
      'SELECT tbl FROM micro_store_tables WHERE database = $1 ORDER BY tbl COLLATE "C"', [database]);
    return rows.map((r) => r.tbl);
  }
}

interface Row { key: Buffer; value: Buffer; metadata: Record<string, MetadataField>; deadline: string | null }

/** The WHERE clause (and its parameters) of a table's live records matching a prefix and a suffix. */
function matching(database: string, table: string, prefix: string, suffix: string, order: Order | undefined, now: number) {
  const params: unknown[] = [database, table, now];
  const where = ["database = $1", "tbl = $2", "(deadline IS NULL OR deadline > $3)"];
  if (prefix) {
    const low = encodeKey(prefix);
    where.push(`key >= $${params.push(low)}`);
    const high = successor(low);
    if (high) where.push(`key < $${params.push(high)}`);
  }
  if (suffix) {
    const tail = encodeKey(suffix);
    where.push(`length(key) >= ${tail.length}`, `substring(key FROM length(key) - ${tail.length - 1}) = $${params.push(tail)}`);
  }
  return { where: where.join(" AND "), params, direction: order === "desc" ? "DESC" : "ASC" };
}

/** The smallest byte string above every one that starts with `bytes`; undefined when there is none. */
export function successor(bytes: Buffer): Buffer | undefined {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      const next = Buffer.from(bytes.subarray(0, i + 1));
      next[i]!++;
      return next;
    }
  }
  return undefined;
}

/** UTF-16BE: byte order is code-unit order, and every JavaScript string survives the round trip. */
export function encodeKey(key: string): Buffer {
  return Buffer.from(key, "utf16le").swap16();
}

export function decodeKey(bytes: Buffer): string {
  return Buffer.from(bytes).swap16().toString("utf16le");
}

function toRecord(row: Row, now: number): StoreRecord {
  const deadline = row.deadline === null ? undefined : Number(row.deadline);
  return {
    key: decodeKey(row.key), value: new Uint8Array(row.value.buffer, row.value.byteOffset, row.value.byteLength),
    metadata: row.metadata ?? {}, ttlMs: deadline === undefined ? undefined : deadline - now,
  };
}
