// Input checks shared by the engines and the handlers, so every path answers the same 400 naming the field.
// The byte limits keep a composite LMDB key ([database, table, key]) under LMDB's 1978-byte maximum.
import { BadRequest, NotFound } from "../rpc/index.js";
import { DEFAULT_DATABASE, DEFAULT_NAMESPACE, DEFAULT_TABLE, type BlobOptions, type TableOptions } from "./types.js";

export const ERROR_ID = "store";
export const MAX_KEY_BYTES = 1024;
export const MAX_NAME_BYTES = 256;

export function notFound(): Error {
  return NotFound(ERROR_ID, "not found");
}

export function blobNotFound(key: string): Error {
  return NotFound(ERROR_ID, `blob ${key} not found`);
}

export function badRequest(detail: string): Error {
  return BadRequest(ERROR_ID, detail);
}

/** A record or blob key: required, bounded. */
export function checkKey(key: string, field: string): void {
  if (!key) throw badRequest(`${field} is required`);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw badRequest(`${field} is longer than ${MAX_KEY_BYTES} bytes`);
}

/** A database, table or namespace name. NUL is refused because it bounds our key ranges. */
export function checkName(name: string, field: string): void {
  if (!name) throw badRequest(`${field} is required`);
  if (name.includes("\0")) throw badRequest(`${field} must not contain NUL characters`);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw badRequest(`${field} is longer than ${MAX_NAME_BYTES} bytes`);
}

/** limit/offset: whole numbers from 0 (0 = none). */
export function checkCount(n: number | undefined, field: string): number {
  const v = n ?? 0;
  if (!Number.isSafeInteger(v) || v < 0) throw badRequest(`${field} must be a whole number >= 0`);
  return v;
}

export function checkTtl(ttlMs: number | undefined, field: string): number {
  const v = ttlMs ?? 0;
  if (!Number.isFinite(v) || v < 0) throw badRequest(`${field} must not be negative`);
  return Math.ceil(v);
}

/** The database and table a call names, defaulted and checked. */
export function tableOf(options: TableOptions): { database: string; table: string } {
  const database = options.database || DEFAULT_DATABASE;
  const table = options.table || DEFAULT_TABLE;
  checkName(database, "database");
  checkName(table, "table");
  return { database, table };
}

/** The namespace a blob call names, defaulted and checked. */
export function blobNamespaceOf(options: BlobOptions): string {
  const namespace = options.namespace || DEFAULT_NAMESPACE;
  checkName(namespace, "namespace");
  return namespace;
}
