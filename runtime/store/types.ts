// The store primitive: a key/value Store partitioned into databases and tables, and a BlobStore for large
// binary objects partitioned by namespace. Shapes mirror proto/store; callers need no protobuf types.

/** Micro 3.0's defaults: database "micro" and table "micro" when none is given (the gRPC handler defaults the
 * database to the caller's namespace instead). */
export const DEFAULT_DATABASE = "micro";
export const DEFAULT_TABLE = "micro";
export const DEFAULT_NAMESPACE = "micro";

/** A typed metadata value (store.Field): the type is a label such as "string" or "int64"; the value is text. */
export interface MetadataField { type: string; value: string }

export interface StoreRecord {
  key: string;
  value: Uint8Array;
  /** Remaining time to live in milliseconds; undefined when the record never expires. */
  ttlMs?: number;
  metadata: Record<string, MetadataField>;
}

/** What a write accepts as a value: bytes as they are, a string as UTF-8 text, anything else as JSON. */
export type StoreValue = Uint8Array | string | number | boolean | null | object;

export interface RecordInput {
  key: string;
  value: StoreValue;
  /** Time to live in milliseconds; 0 or undefined = never expires. */
  ttlMs?: number;
  metadata?: Record<string, MetadataField>;
}

export interface TableOptions {
  /** Defaults to DEFAULT_DATABASE here, to the caller's namespace over gRPC. */
  database?: string;
  table?: string;
}

/** Keys sort as JavaScript compares strings (UTF-16 code units); Go compares UTF-8 bytes, which differs only
 * between astral characters and U+E000..U+FFFF. */
export type Order = "asc" | "desc";

export interface ReadOptions extends TableOptions {
  /** Treat the key as a prefix: every live record whose key starts with it. */
  prefix?: boolean;
  /** Treat the key as a suffix: every live record whose key ends with it (with prefix: both must hold). */
  suffix?: boolean;
  /** Only with prefix/suffix: at most this many records (0 = no limit) after skipping `offset`. */
  limit?: number;
  offset?: number;
  order?: Order;
}

export interface ListOptions extends TableOptions {
  prefix?: string;
  suffix?: string;
  limit?: number;
  offset?: number;
  order?: Order;
}

export interface Store {
  /** The record with this key (rejects 404 "not found"), or every match when prefix/suffix is set. */
  read(key: string, options?: ReadOptions): Promise<StoreRecord[]>;
  /** Creates or replaces the record; resolves once it is durable. */
  write(record: RecordInput, options?: TableOptions): Promise<void>;
  /** Removes the record; removing a missing key is not an error (as in Micro). */
  delete(key: string, options?: TableOptions): Promise<void>;
  /** Keys of live records, streamed so that big tables need not fit in memory. */
  list(options?: ListOptions): AsyncIterable<string>;
  /** Every database that has ever held a record (the gRPC handler shows callers only their own). */
  databases(): Promise<string[]>;
  /** Tables of a database that have ever held a record. */
  tables(database?: string): Promise<string[]>;
}

export interface BlobOptions {
  /** Defaults to DEFAULT_NAMESPACE here, to the caller's namespace over gRPC. */
  namespace?: string;
}

export interface BlobWriteOptions extends BlobOptions {
  /** Stored with the blob; the embedded engine serves no public URLs, so this is informational. */
  public?: boolean;
  contentType?: string;
  /** Abandons the write: the previous blob (if any) stays as it was. */
  signal?: AbortSignal;
}

export interface BlobListOptions extends BlobOptions {
  prefix?: string;
}

/** Blob content to write: bytes, UTF-8 text, or chunks as they arrive. */
export type BlobSource = Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface BlobStore {
  /** Stores the blob, replacing any previous one only once the whole new one is stored. */
  write(key: string, data: BlobSource, options?: BlobWriteOptions): Promise<void>;
  /** The blob's bytes in chunks; a missing blob rejects with 404 on the first chunk. */
  read(key: string, options?: BlobOptions): AsyncIterable<Uint8Array>;
  /** Removing a missing blob is not an error (as in Micro). */
  delete(key: string, options?: BlobOptions): Promise<void>;
  /** Keys in the namespace, ascending. */
  list(options?: BlobListOptions): Promise<string[]>;
}
