// Value conventions for callers: a write takes bytes as they are, a string as UTF-8 text (what
// `micro store write key value` stores) and anything else as JSON; reads hand back bytes, decoded on demand.
import type { MetadataField, StoreRecord, StoreValue } from "./types.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeValue(value: StoreValue): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return encoder.encode(value);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("store value is not JSON-serialisable");
  return encoder.encode(json);
}

/** The record's value as UTF-8 text. */
export function text(record: Pick<StoreRecord, "value">): string {
  return decoder.decode(record.value);
}

/** The record's value parsed as JSON. */
export function json<T = unknown>(record: Pick<StoreRecord, "value">): T {
  return JSON.parse(text(record)) as T;
}

/** Everything an async iterable yields, in order (Array.fromAsync arrives only in Node 22). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A blob read (or any chunk stream) as one byte array. */
export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts = await collect(chunks);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** Only {type, value} per field: callers may hand in protobuf messages that carry more. */
export function plainMetadata(metadata: { [name: string]: Partial<MetadataField> } | undefined): Record<string, MetadataField> {
  const out: Record<string, MetadataField> = {};
  for (const [name, field] of Object.entries(metadata ?? {})) out[name] = { type: field.type ?? "", value: field.value ?? "" };
  return out;
}
