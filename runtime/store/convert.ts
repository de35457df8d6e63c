// Between the wire (proto/store) and the plain types: Record.expiry is a Go time.Duration, i.e. nanoseconds
// of time to live, on both the write and the read side; uint64 counts become numbers.
import type { ListOptions as WireListOptions, Record as WireRecord, ReadOptions as WireReadOptions } from "../gen/store/store_pb.js";
import { badRequest, checkTtl } from "./validate.js";
import { plainMetadata } from "./value.js";
import type { ListOptions, Order, ReadOptions, RecordInput, StoreRecord } from "./types.js";

const NS_PER_MS = 1_000_000n;

/** Rounded up, so that a TTL shorter than a millisecond still expires rather than meaning "never". */
export function expiryToTtlMs(expiry: bigint, field = "record.expiry"): number {
  if (expiry < 0n) throw badRequest(`${field} must not be negative`);
  return Number((expiry + NS_PER_MS - 1n) / NS_PER_MS);
}

export function ttlMsToExpiry(ttlMs: number | undefined, field = "ttlMs"): bigint {
  return BigInt(checkTtl(ttlMs, field)) * NS_PER_MS;
}

/** Micro reads any order other than "desc" as ascending. */
export function orderOf(order: string | undefined): Order {
  return order === "desc" ? "desc" : "asc";
}

/** A uint64 limit/offset; anything beyond 2^53 means "all of them" anyway. */
export function countOf(n: bigint | undefined): number {
  const v = n ?? 0n;
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

export function recordToWire(record: StoreRecord) {
  return { key: record.key, value: record.value, expiry: ttlMsToExpiry(record.ttlMs), metadata: record.metadata };
}

export function recordFromWire(record: WireRecord): StoreRecord {
  const ttlMs = record.expiry > 0n ? expiryToTtlMs(record.expiry) : undefined;
  return { key: record.key, value: record.value, ttlMs, metadata: plainMetadata(record.metadata) };
}

export function recordInputFromWire(record: WireRecord): RecordInput {
  return { key: record.key, value: record.value, ttlMs: expiryToTtlMs(record.expiry), metadata: plainMetadata(record.metadata) };
}

export function readOptionsFromWire(o: WireReadOptions | undefined): Omit<ReadOptions, "database"> {
  return { table: o?.table, prefix: o?.prefix, suffix: o?.suffix, limit: countOf(o?.limit), offset: countOf(o?.offset), order: orderOf(o?.order) };
}

export function listOptionsFromWire(o: WireListOptions | undefined): Omit<ListOptions, "database"> {
  return { table: o?.table, prefix: o?.prefix, suffix: o?.suffix, limit: countOf(o?.limit), offset: countOf(o?.offset), order: orderOf(o?.order) };
}
