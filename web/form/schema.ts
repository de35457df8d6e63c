// Reading the endpoint schemas (generators/emit/schemas: proto3 JSON's shapes, OpenAPI's rules) for the form:
// what kind of input each schema wants. Messages refer to each other through `#/$defs/<full.name>`.
import type { Schema } from "../api.js";

export type Kind =
  | "message" | "map" | "array" | "enum" | "bool" | "int" | "number" | "int64" | "bytes" | "timestamp" | "duration"
  | "string" | "json";

export function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  const name = decodeURIComponent(ref.replace(/^#\/\$defs\//, ""));
  return root.$defs?.[name] ?? {};
}

/** The message a schema names, for telling recursive references apart ("" for inline schemas). */
export function refName(schema: Schema): string {
  return typeof schema.$ref === "string" ? schema.$ref.replace(/^#\/\$defs\//, "") : "";
}

export function kindOf(s: Schema): Kind {
  if (Array.isArray(s.enum)) return "enum";
  switch (s.type) {
    case "object":
      if (s.properties) return "message";
      return s.additionalProperties && typeof s.additionalProperties === "object" ? "map" : "json";
    case "array": return s.items && Object.keys(s.items).length ? "array" : "json";
    case "boolean": return "bool";
    case "integer": return "int";
    case "number": return "number";
    case "string":
      if (s.format === "int64" || s.format === "uint64") return "int64";
      if (s.format === "byte") return "bytes";
      if (s.format === "date-time") return "timestamp";
      if (s.example === "1.5s") return "duration";
      return "string";
    default: return "json";
  }
}

/** A new row's value for repeated fields and maps. */
export function blank(s: Schema, root: Schema): unknown {
  switch (kindOf(resolve(s, root))) {
    case "message": case "map": case "json": return {};
    case "array": return [];
    case "bool": return false;
    case "int": case "number": return 0;
    case "enum": return resolve(s, root).enum[0];
    default: return "";
  }
}

/** The value with `key` set, or removed when `v` is undefined (proto3 JSON leaves unset fields out). */
export function withKey(obj: unknown, key: string, v: unknown): Record<string, unknown> {
  const out = { ...(obj && typeof obj === "object" && !Array.isArray(obj) ? obj as Record<string, unknown> : {}) };
  if (v === undefined) delete out[key];
  else out[key] = v;
  return out;
}

/** The oneof a property belongs to (the endpoint schemas' "x-oneof" annotation), or undefined. */
export function oneofOf(s: Schema): string | undefined {
  return typeof s["x-oneof"] === "string" ? s["x-oneof"] : undefined;
}
