// The gateway's JSON codec: HTTP request parts → the protobuf request of a call, and the reply → proto3 JSON.
// One file for one job, in the order a request takes: flat fields (query strings, forms) become nested JSON, are
// shaped by the method's schema, merged with the body and path variables, converted with fromJson (a failure
// explained with the offending field's path), and the answer printed with toJson.
import { ScalarType, fromBinary, fromJson, toBinary, toJson, toJsonString, type DescField, type DescMessage, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { MicroError } from "../rpc/errors.js";
import { flatFromJson, flatToJson } from "./flat-json.js";
import type { Body } from "./body.js";
import type { Target } from "./catalog.js";
import type { Route } from "./router.js";

// Flat string fields (query strings, form bodies) → a nested JSON object: dotted keys nest (`a.b=c` →
// {"a":{"b":"c"}}), repeated keys become arrays. Keys are set as own properties, so "__proto__" is just an
// unknown field name that the schema later rejects.
export type JsonObject = Record<string, unknown>;

/** A multipart file part: its bytes go to a bytes field as base64, to anything else as text. */
export class FileValue {
  constructor(readonly bytes: Uint8Array) {}
}

export function getOwn(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  // only "__proto__" is not a plain store on a plain object; defineProperty, which every key could take, is the
  // slow path (0.8% of the gateway's CPU when it took every key)
  if (key !== "__proto__") obj[key] = value;
  else Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
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

// Query and form values are all strings; proto3 JSON wants booleans as true/false, enums as names or numbers,
// repeated fields as arrays. This walks the request's message descriptor and fixes the shapes, leaving every
// value the schema cannot place untouched so that fromJson reports it by name.
const fieldMaps = new WeakMap<DescMessage, Map<string, DescField>>();

function fieldsOf(desc: DescMessage): Map<string, DescField> {
  let map = fieldMaps.get(desc);
  if (!map) {
    map = new Map();
    for (const f of desc.fields) { map.set(f.name, f); map.set(f.jsonName, f); }
    fieldMaps.set(desc, map);
  }
  return map;
}

/** In place; returns `obj`. */
export function coerceFields(desc: DescMessage, obj: JsonObject): JsonObject {
  const fields = fieldsOf(desc);
  for (const key of Object.keys(obj)) {
    const field = fields.get(key);
    if (field) setOwn(obj, key, coerceField(field, obj[key]));
    else if (obj[key] instanceof FileValue) setOwn(obj, key, text(obj[key]));
  }
  return obj;
}

function coerceField(field: DescField, value: unknown): unknown {
  switch (field.fieldKind) {
    case "list": {
      const items = Array.isArray(value) ? value : [value];
      return items.map((v) => coerceSingle(field.listKind, field, v));
    }
    case "map": {
      if (!isPlainObject(value)) return value;
      for (const k of Object.keys(value)) setOwn(value, k, coerceSingle(field.mapKind, field, value[k]));
      return value;
    }
    default:
      // Micro joins the repeated values of a singular field ("a=1&a=2" → "1,2").
      return coerceSingle(field.fieldKind, field, Array.isArray(value) ? value.map(text).join(",") : value);
  }
}

type Kind = "scalar" | "enum" | "message";

function coerceSingle(kind: Kind, field: DescField, value: unknown): unknown {
  if (kind === "message") {
    const message = field.message!;
    if (isPlainObject(value)) return coerceFields(message, value);
    if (typeof value === "string" && message.typeName === "google.protobuf.BoolValue") return bool(value);
    return value instanceof FileValue ? text(value) : value;
  }
  if (kind === "enum") return typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value instanceof FileValue ? text(value) : value;
  const scalar = field.scalar!;
  if (value instanceof FileValue) return scalar === ScalarType.BYTES ? Buffer.from(value.bytes).toString("base64") : text(value);
  if (typeof value !== "string") return value;
  if (scalar === ScalarType.BOOL) return bool(value);
  return value;
}

function bool(value: string): unknown {
  if (value === "true" || value === "1" || value === "") return true;
  if (value === "false" || value === "0") return false;
  return value;
}

function text(value: unknown): unknown {
  return value instanceof FileValue ? Buffer.from(value.bytes).toString("utf8") : value;
}

// The protobuf request of a call, from its HTTP parts: query < body < path variables (later ones win), shaped by
// the method's schema and converted with fromJson — unknown fields and wrong types are 400s that name the field.
// Without a schema the merged JSON itself is sent (application/grpc+json).
/** The request as JSON: what fromJson (or a schemaless service) receives. */
export function requestJson(target: Target, route: Route, query: JsonObject, body: Body): JsonObject {
  const input = target.method?.input;
  const shaped = (o: JsonObject) => (input ? coerceFields(input, o) : o);
  const request = shaped(query);
  if (route.body === "*") {
    if (body.kind === "json") {
      if (!isPlainObject(body.value)) throw new MicroError("micro.api", 400, "request body must be a JSON object");
      deepMerge(request, body.value);
    } else if (body.kind === "fields") {
      deepMerge(request, shaped(body.value));
    }
  } else if (route.body !== "" && body.kind !== "none" && body.kind !== "proto") {
    const wrapped: JsonObject = {};
    setPath(wrapped, route.body, body.value);
    deepMerge(request, body.kind === "fields" ? shaped(wrapped) : wrapped);
  }
  const vars: JsonObject = {};
  for (const [field, value] of Object.entries(route.vars)) setPath(vars, field, value);
  return deepMerge(request, shaped(vars));
}

/** Protobuf bytes of the request (or JSON bytes for a schemaless service). */
export function encodeRequest(target: Target, json: JsonObject): Uint8Array {
  if (!target.method) return Buffer.from(JSON.stringify(json));
  const flat = flatFromJson(target.method.input, json);
  if (flat) return flat;
  try {
    const message = fromJson(target.method.input, json as JsonValue, { registry: target.schema, ignoreUnknownFields: false });
    return toBinary(target.method.input, message);
  } catch (err) {
    throw new MicroError("micro.api", 400, explainJsonError(target.method.input, json, target.schema, err as Error));
  }
}

// A fromJson failure, explained with the path of the offending field ("inner.size", "items[2].id"). protobuf-es
// names the field for most mistakes but not for all (enums, well-known types); this finds it by converting
// field by field — only after a failure, so valid requests pay nothing.
export function explainJsonError(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined, err: Error): string {
  const path = culprit(desc, json, registry, "");
  return path ? `invalid value for field "${path}": ${err.message}` : err.message;
}

function fails(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined): boolean {
  try {
    fromJson(desc, json as JsonValue, { registry, ignoreUnknownFields: false });
    return false;
  } catch {
    return true;
  }
}

/** The deepest field path whose value alone makes conversion fail, or "" when none does on its own. */
function culprit(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined, prefix: string): string {
  for (const key of Object.keys(json)) {
    const value = json[key];
    if (!fails(desc, { [key]: value }, registry)) continue;
    const path = prefix + key;
    const field = desc.fields.find((f) => f.name === key || f.jsonName === key);
    if (field?.fieldKind === "message" && isPlainObject(value)) {
      return culprit(field.message, value, registry, path + ".") || path;
    }
    if (field?.fieldKind === "list" && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const single = { [key]: [item] };
        if (!fails(desc, single, registry)) continue;
        if (field.listKind === "message" && isPlainObject(item)) return culprit(field.message, item, registry, `${path}[${i}].`) || `${path}[${i}]`;
        return `${path}[${i}]`;
      }
    }
    return path;
  }
  return "";
}

// The instance's protobuf reply → canonical proto3 JSON (toJson with the service's own type registry, so Any
// and well-known types print properly). A google.api.http response_body sends one field instead.
/** JSON text of one response message; undefined for an empty message (the caller answers 204). */
export function responseJson(target: Target, bytes: Uint8Array, responseBody = ""): string | undefined {
  if (!target.method) return bytes.length ? Buffer.from(bytes).toString("utf8") : undefined;
  if (bytes.length === 0 && !responseBody) return undefined;
  const output = target.method.output;
  if (!responseBody) {
    const flat = flatToJson(output, bytes);
    if (flat !== undefined) return flat;
  }
  let message;
  try {
    message = fromBinary(output, bytes);
  } catch (err) {
    throw new MicroError("micro.api", 502, `${target.service} answered with an undecodable ${output.typeName}: ${(err as Error).message}`);
  }
  if (!responseBody) return toJsonString(output, message, { registry: target.schema });
  const field = output.fields.find((f) => f.name === responseBody || f.jsonName === responseBody);
  const full = toJson(output, message, { registry: target.schema, alwaysEmitImplicit: true }) as Record<string, JsonValue>;
  return JSON.stringify(field ? full[field.jsonName] ?? null : full);
}
