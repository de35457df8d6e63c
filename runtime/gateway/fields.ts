// Flat string fields (query strings, form bodies) → a nested JSON object: dotted keys nest (`a.b=c` →
// {"a":{"b":"c"}}), repeated keys become arrays. Keys are set as own properties, so "__proto__" is just an
// unknown field name that the schema later rejects.
import { MicroError } from "../rpc/errors.js";

export type JsonObject = Record<string, unknown>;

/** A multipart file part: its bytes go to a bytes field as base64, to anything else as text. */
export class FileValue {
  constructor(readonly bytes: Uint8Array) {}
}

export function getOwn(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof FileValue);
}

/** Adds one `key=value` pair; a second value for a key makes an array. */
export function addField(target: JsonObject, key: string, value: string | FileValue): void {
  const path = key.split(".");
  if (path.some((p) => p === "")) throw new MicroError("micro.api", 400, `invalid parameter name "${key.slice(0, 100)}"`);
  let obj = target;
  for (const part of path.slice(0, -1)) {
    let next = getOwn(obj, part);
    if (next === undefined) setOwn(obj, part, (next = {}));
    if (!isPlainObject(next)) throw new MicroError("micro.api", 400, `parameter "${key.slice(0, 100)}" conflicts with "${part}"`);
    obj = next;
  }
  const last = path[path.length - 1]!;
  const existing = getOwn(obj, last);
  if (existing === undefined) setOwn(obj, last, value);
  else if (Array.isArray(existing)) existing.push(value);
  else if (isPlainObject(existing)) throw new MicroError("micro.api", 400, `parameter "${key.slice(0, 100)}" conflicts with "${key.slice(0, 100)}.*"`);
  else setOwn(obj, last, [existing, value]);
}

/** A query string or form body (application/x-www-form-urlencoded) as a nested object. Percent-escapes are
 * decoded strictly: a malformed escape or one that is not UTF-8 is a 400, where URLSearchParams would pass
 * it on silently as "%zz" or U+FFFD and the service would see a value nobody sent. */
export function parseFields(text: string): JsonObject {
  const out: JsonObject = {};
  if (!text) return out;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    addField(out, unescapeField(eq < 0 ? pair : pair.slice(0, eq)), unescapeField(eq < 0 ? "" : pair.slice(eq + 1)));
  }
  return out;
}

function unescapeField(text: string): string {
  const spaced = text.includes("+") ? text.replace(/\+/g, " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new MicroError("micro.api", 400, `invalid percent-encoding (or not UTF-8) in "${spaced.slice(0, 100)}"`);
  }
}

/** `source` merged into `target` (in place): objects merge key by key, anything else is replaced. */
export function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
  for (const key of Object.keys(source)) {
    const s = source[key];
    const t = getOwn(target, key);
    if (isPlainObject(s) && isPlainObject(t)) deepMerge(t, s);
    else setOwn(target, key, s);
  }
  return target;
}

/** Sets a dotted field path (path variables of google.api.http bindings). */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const parts = path.split(".");
  let obj = target;
  for (const part of parts.slice(0, -1)) {
    let next = getOwn(obj, part);
    if (!isPlainObject(next)) setOwn(obj, part, (next = {}));
    obj = next as JsonObject;
  }
  setOwn(obj, parts[parts.length - 1]!, value);
}
