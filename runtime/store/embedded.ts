// The embedded Store on LMDB (runtime/engine/lmdb.ts). Records live under [database, table, key]; a write
// is one transaction over the record, its deadline and the table catalogue, and resolves only once the
// commit is flushed to disk, so an acknowledged write survives kill -9 and power loss alike.
import type { Database } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import { ExpirySweeper, type ExpiryKey } from "./expiry.js";
import { pagedKeys, select, tableRange, type RecordKey } from "./keyspace.js";
import { badRequest, checkCount, checkKey, checkName, checkTtl, notFound, tableOf as target } from "./validate.js";
import { encodeValue, plainMetadata } from "./value.js";
import {
  DEFAULT_DATABASE, type ListOptions, type MetadataField, type Order, type ReadOptions, type RecordInput,
  type Store, type StoreRecord, type TableOptions,
} from "./types.js";

/** LMDB sub-database names, exported for tests that look at what is physically stored. */
export const STORE_DBS = { records: "store.records", deadlines: "store.deadlines", expiries: "store.expiries", tables: "store.tables" };

interface StoredRecord { v: Uint8Array; m: Record<string, MetadataField> }

export interface EmbeddedStoreOptions {
  /** How often expired records are reclaimed (they are invisible from their deadline on regardless). */
  sweepIntervalMs?: number;
}

export class EmbeddedStore implements Store {
  private readonly records: Database<StoredRecord, RecordKey>;
  private readonly deadlines: Database<number, RecordKey>;
  private readonly expiries: Database<true, ExpiryKey>;
  private readonly catalogue: Database<true, [string, string]>;
  readonly sweeper: ExpirySweeper;

  constructor(engine: Engine, options: EmbeddedStoreOptions = {}) {
    this.records = engine.db(STORE_DBS.records);
    this.deadlines = engine.db(STORE_DBS.deadlines);
    this.expiries = engine.db(STORE_DBS.expiries);
    this.catalogue = engine.db(STORE_DBS.tables);
    this.sweeper = new ExpirySweeper({ records: this.records, deadlines: this.deadlines, expiries: this.expiries }, options.sweepIntervalMs ?? 1000);
  }

  /** Stops the sweeper; the engine belongs to the caller and stays open. */
  close(): void {
    this.sweeper.stop();
  }

  async read(key: string, options: ReadOptions = {}): Promise<StoreRecord[]> {
    const { database, table } = target(options);
    const now = Date.now();
    if (!options.prefix && !options.suffix) {
      checkKey(key, "key");
      const record = this.live([database, table, key], now);
      if (!record) throw notFound();
      return [record];
    }
    const keys = this.matching(database, table, options.prefix ? key : "", options.order, now);
    const chosen = select(keys, (k) => k[2], {
      suffix: options.suffix ? key : undefined, offset: checkCount(options.offset, "offset"), limit: checkCount(options.limit, "limit"),
    });
    const out: StoreRecord[] = [];
    for (const k of chosen) {
      const record = this.live(k, now);
      if (record) out.push(record);
    }
    return out;
  }

  async write(record: RecordInput, options: TableOptions = {}): Promise<void> {
    const { database, table } = target(options);
    if (!record) throw badRequest("record is required");
    checkKey(record.key, "record.key");
    const ttlMs = checkTtl(record.ttlMs, "record.ttlMs");
    const stored: StoredRecord = { v: encodeValue(record.value), m: plainMetadata(record.metadata) };
    const key: RecordKey = [database, table, record.key];
    const deadline = ttlMs > 0 ? Date.now() + ttlMs : 0;
    await this.records.transaction(() => {
      const previous = this.deadlines.get(key);
      if (previous !== undefined) this.expiries.remove([previous, ...key]);
      this.records.put(key, stored);
      if (deadline) {
        this.deadlines.put(key, deadline);
        this.expiries.put([deadline, ...key], true);
      } else if (previous !== undefined) {
        this.deadlines.remove(key);
      }
      if (!this.catalogue.doesExist([database, table])) this.catalogue.put([database, table], true);
    });
    // The commit promise resolves before LMDB's overlapped fsync; acknowledge only what is on disk.
    await this.records.flushed;
  }

  async delete(key: string, options: TableOptions = {}): Promise<void> {
    const { database, table } = target(options);
    checkKey(key, "key");
    const k: RecordKey = [database, table, key];
    await this.records.transaction(() => {
      const previous = this.deadlines.get(k);
      if (previous !== undefined) {
        this.expiries.remove([previous, ...k]);
        this.deadlines.remove(k);
      }
      this.records.remove(k);
    });
    await this.records.flushed;
  }

  async *list(options: ListOptions = {}): AsyncIterable<string> {
    const { database, table } = target(options);
    const selection = {
      suffix: options.suffix, offset: checkCount(options.offset, "offset"), limit: checkCount(options.limit, "limit"),
    };
    const keys = this.matching(database, table, options.prefix ?? "", options.order, Date.now());
    for (const k of select(keys, (k) => k[2], selection)) yield k[2];
  }

  async databases(): Promise<string[]> {
    // Skip-scan the catalogue: after each database jump past all of its tables.
    const out: string[] = [];
    let start: [string] | undefined;
    for (;;) {
      const [first] = [...this.catalogue.getKeys({ start, limit: 1 })];
      if (!first) return out;
      out.push(first[0]);
      start = [`${first[0]}\0`];
    }
  }

  async tables(database = DEFAULT_DATABASE): Promise<string[]> {
    checkName(database, "database");
    return [...this.catalogue.getKeys({ start: [database], end: [`${database}\0`] })].map((k) => k[1]);
  }

  /** Live keys of a table that start with `prefix`, in order. */
  private *matching(database: string, table: string, prefix: string, order: Order | undefined, now: number): Generator<RecordKey> {
    for (const k of pagedKeys<RecordKey>(this.records, tableRange(database, table, prefix, order === "desc" ? "desc" : "asc"))) {
      if (!this.expired(k, now)) yield k;
    }
  }

  private expired(key: RecordKey, now: number): boolean {
    const deadline = this.deadlines.get(key);
    return deadline !== undefined && deadline <= now;
  }

  private live(key: RecordKey, now: number): StoreRecord | undefined {
    const stored = this.records.get(key);
    if (!stored) return undefined;
    const deadline = this.deadlines.get(key);
    if (deadline !== undefined && deadline <= now) return undefined;
    return { key: key[2], value: stored.v, metadata: stored.m ?? {}, ttlMs: deadline === undefined ? undefined : deadline - now };
  }
}
