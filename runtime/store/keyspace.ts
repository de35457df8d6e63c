// How a table and a key filter map onto ordered LMDB ranges. Record keys are [database, table, key]; LMDB
// orders them element by element like JavaScript string comparison, so a prefix is a contiguous range.
import type { RangeOptions } from "lmdb";
import type { Order } from "./types.js";

export type RecordKey = [database: string, table: string, key: string];

/** The smallest string above every string that starts with `prefix`; undefined when there is none. */
export function prefixEnd(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const unit = prefix.charCodeAt(i);
    if (unit < 0xffff) return prefix.slice(0, i) + String.fromCharCode(unit + 1);
  }
  return undefined;
}

/** The range of one table's keys starting with `prefix`, walked in `order`. Names never contain NUL, so
 * [database, table + NUL] lies after every key of the table and before the next table. */
export function tableRange(database: string, table: string, prefix: string, order: Order = "asc"): RangeOptions {
  const end = prefixEnd(prefix);
  const low: RecordKey | [string, string] = prefix ? [database, table, prefix] : [database, table];
  const high = end !== undefined && prefix ? [database, table, end] : [database, `${table}\0`];
  return order === "desc"
    ? { start: high, end: low, reverse: true, exclusiveStart: true, inclusiveEnd: true }
    : { start: low, end: high };
}

export interface Selection {
  suffix?: string;
  offset?: number;
  limit?: number;
}

/** Applies suffix, offset and limit (in that order, as Micro's stores do) to keys walked in order. */
export function* select<T>(items: Iterable<T>, keyOf: (item: T) => string, s: Selection): Generator<T> {
  let skip = s.offset ?? 0;
  let left = s.limit || Infinity;
  for (const item of items) {
    if (s.suffix && !keyOf(item).endsWith(s.suffix)) continue;
    if (skip > 0) { skip--; continue; }
    yield item;
    if (--left <= 0) return;
  }
}

/** Keys of a range read a page at a time: each page is its own short read, so a slow consumer of a long
 * listing never pins an LMDB snapshot. */
export function* pagedKeys<K>(db: { getKeys(options: RangeOptions): Iterable<unknown> }, range: RangeOptions, pageSize = 1000): Generator<K> {
  let page: K[];
  let from: RangeOptions = range;
  do {
    page = [...db.getKeys({ ...from, limit: pageSize })] as K[];
    yield* page;
    if (page.length) from = { ...range, start: page[page.length - 1] as never, exclusiveStart: true };
  } while (page.length === pageSize);
}
