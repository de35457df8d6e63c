// OpenAPI parameters of a call, as the gateway decodes them: query parameters are the request's fields by their
// JSON names, dotted for nested messages (fields.ts nests "inner.label"), repeated fields by repeating the key;
// path parameters are the variables of a google.api.http template. Maps and repeated messages have no query
// form, so they are left to the body.
import type { DescField, DescMessage } from "@bufbuild/protobuf";
import type { TemplateVariable } from "../../generators/rules/index.js";
import { enumSchema, scalarSchema, wellKnownSchema, type Schema } from "./json-schema.js";

export type Parameter = Record<string, unknown>;

/** How deep nested messages are spelled out as dotted parameters (recursive messages stop earlier). */
const MAX_DEPTH = 3;

/**
 * Query parameters for the fields of `input`, leaving out those at (or under) the field paths in `exclude`
 * (path variables and a body field), given by proto or JSON names.
 */
export function queryParameters(input: DescMessage, exclude: readonly string[] = []): Parameter[] {
  const out: Parameter[] = [];
  const skip = new Set(exclude);
  // `oneof` says which oneof a parameter belongs to (its own field's, or that of a message field above it).
  const walk = (message: DescMessage, json: string, proto: string, depth: number, seen: ReadonlySet<string>, oneof?: string) => {
    for (const f of message.fields) {
      const name = json + f.jsonName;
      if (skip.has(name) || skip.has(proto + f.name)) continue;
      const group = f.oneof
        ? `One of \`${json}${f.oneof.name}\`: set at most one of ${f.oneof.fields.map((o) => `\`${json}${o.jsonName}\``).join(", ")} (or fields under it).`
        : oneof;
      const schema = queryValue(f);
      if (schema) {
        out.push({ name, in: "query", required: false, schema, ...(group ? { description: group } : {}), ...(f.fieldKind === "list" ? { style: "form", explode: true } : {}) });
      } else if (f.fieldKind === "message" && !wellKnownSchema(f.message) && depth < MAX_DEPTH && !seen.has(f.message.typeName)) {
        walk(f.message, `${name}.`, `${proto}${f.name}.`, depth + 1, new Set(seen).add(f.message.typeName), group);
      }
    }
  };
  walk(input, "", "", 1, new Set([input.typeName]));
  return out;
}

/** A path parameter for a template variable; a multi-segment variable (`{name=shelves/*}`) says its shape. */
export function pathParameter(input: DescMessage | undefined, variable: TemplateVariable): Parameter {
  const field = input && fieldAt(input, variable.field);
  const schema = (field && queryValue(field)) ?? { type: "string" };
  const shaped = variable.pattern !== "*"
    ? { description: `A value of the form \`${variable.pattern}\`, its slashes sent as they are (not percent-encoded).` }
    : {};
  return { name: variable.field, in: "path", required: true, schema, ...shaped };
}

/** The field a dotted path (proto or JSON names) leads to. */
export function fieldAt(message: DescMessage, path: string): DescField | undefined {
  let current: DescMessage | undefined = message;
  let field: DescField | undefined;
  for (const part of path.split(".")) {
    field = current?.fields.find((f) => f.name === part || f.jsonName === part);
    if (!field) return undefined;
    current = field.fieldKind === "message" ? field.message : undefined;
  }
  return field;
}

/** The schema of a field that one query value (or a repeated key) can carry; undefined when none can. */
function queryValue(f: DescField): Schema | undefined {
  switch (f.fieldKind) {
    case "scalar": return scalarSchema(f.scalar);
    case "enum": return enumSchema(f.enum);
    case "message": return textual(f.message);
    case "list":
      if (f.listKind === "scalar") return { type: "array", items: scalarSchema(f.scalar) };
      if (f.listKind === "enum") return { type: "array", items: enumSchema(f.enum) };
      return undefined;
    case "map": return undefined;
  }
}

/** Well-known types whose JSON form is one scalar (Timestamp, Duration, wrappers…) are written as text. */
function textual(message: DescMessage): Schema | undefined {
  const wkt = wellKnownSchema(message);
  return wkt && typeof wkt.type === "string" && wkt.type !== "object" && wkt.type !== "array" ? wkt : undefined;
}
