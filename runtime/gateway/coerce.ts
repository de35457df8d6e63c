// Query and form values are all strings; proto3 JSON wants booleans as true/false, enums as names or numbers,
// repeated fields as arrays. This walks the request's message descriptor and fixes the shapes, leaving every
// value the schema cannot place untouched so that fromJson reports it by name.
import { ScalarType, type DescField, type DescMessage } from "@bufbuild/protobuf";
import { FileValue, isPlainObject, setOwn, type JsonObject } from "./fields.js";

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
