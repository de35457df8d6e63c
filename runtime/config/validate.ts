// Input checks shared by the engines and the handler, so every path answers the same 400 naming the field.
// The byte limits keep a leaf's LMDB key ([namespace, ...segments]) well under LMDB's 1978-byte maximum.
import { BadRequest, InternalServerError, NotFound } from "../rpc/index.js";

export const ERROR_ID = "config";
export const MAX_PATH_BYTES = 1024;
export const MAX_NAMESPACE_BYTES = 256;
export const PATH_SEPARATOR = ".";

// Control characters would make keys ambiguous in logs and in the ordered key encoding; nobody needs them.
const CONTROL = /[\u0000-\u001f\u007f]/;

export function badRequest(detail: string): Error {
  return BadRequest(ERROR_ID, detail);
}

export function notFound(): Error {
  return NotFound(ERROR_ID, "not found");
}

export function internal(detail: string): Error {
  return InternalServerError(ERROR_ID, detail);
}

export function checkNamespace(namespace: string): string {
  if (!namespace) throw badRequest("namespace is required");
  if (CONTROL.test(namespace)) throw badRequest("namespace must not contain control characters");
  if (Buffer.byteLength(namespace) > MAX_NAMESPACE_BYTES) throw badRequest(`namespace is longer than ${MAX_NAMESPACE_BYTES} bytes`);
  return namespace;
}

/** "a.b.c" → ["a","b","c"]; "" → [] (the whole document). */
export function parsePath(path: string): string[] {
  if (path === "") return [];
  const segments = path.split(PATH_SEPARATOR);
  checkSegments(segments, "path");
  return segments;
}

/** Checks a leaf's full path, e.g. after an object was flattened into it. */
export function checkSegments(segments: string[], field: string): void {
  const shown = abbreviate(segments.join(PATH_SEPARATOR));
  if (segments.some((s) => s === "")) throw badRequest(`${field} ${JSON.stringify(shown)} has an empty segment (leading, trailing or doubled '.')`);
  if (segments.some((s) => CONTROL.test(s))) throw badRequest(`${field} ${JSON.stringify(shown)} contains control characters`);
  if (Buffer.byteLength(segments.join(PATH_SEPARATOR)) > MAX_PATH_BYTES) throw badRequest(`${field} ${JSON.stringify(shown)} is longer than ${MAX_PATH_BYTES} bytes`);
}

/** Paths and keys are not secret, but an error detail should stay readable. */
export function abbreviate(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
