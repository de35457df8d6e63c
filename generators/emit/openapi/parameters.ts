// OpenAPI parameters of a call, as Micro's gateway decodes them: query parameters are the request's fields by
// their JSON names, dotted for nested messages ("inner.label"), repeated fields by repeating the key; path
// parameters are the variables of a google.api.http template. Maps and repeated messages have no query form, so
// they are left to the body.
import type { FieldModel, MessageModel } from "../../model/index.js";
import type { RouteVariable } from "../routes/index.js";
import { enumSchema, scalarSchema, wellKnownSchema, type Schema } from "./json-schema.js";

export type Parameter = Record<string, unknown>;

/** How deep nested messages are spelled out as dotted parameters (recursive messages stop earlier). */
const MAX_DEPTH = 3;

/**
 * Query parameters for the fields of `input`, leaving out those at (or under) the field paths in `exclude`
 * (path variables and a body field), given by proto or JSON names.
 */
export function queryParameters(input: MessageModel, exclude: readonly string[] = []): Parameter[] {
  const out: Parameter[] = [];
  const skip = new Set(exclude);
  // `oneof` says which oneof a parameter belongs to (its own field's, or that of a message field above it).
  const walk = (message: MessageModel, json: string, proto: string, depth: number, seen: ReadonlySet<string>, oneof?: string) => {
    for (const f of message.fields) {
      const name = json + f.jsonName;
      if (skip.has(name) || skip.has(proto + f.name)) continue;
      const group = f.oneof
        ? `One of \`${json}${f.oneof}\`: set at most one of ${message.fields.filter((o) => o.oneof === f.oneof).map((o) => `\`${json}${o.jsonName}\``).join(", ")} (or fields under it).`
        : oneof;
      const schema = queryValue(f);
      if (schema) {
        out.push({ name, in: "query", required: false, schema, ...(group ? { description: group } : {}), ...(f.repeated ? { style: "form", explode: true } : {}) });
      } else if (f.kind === "message" && !f.repeated && !wellKnownSchema(f.message!) && depth < MAX_DEPTH && !seen.has(f.message!.fullName)) {
        walk(f.message!, `${name}.`, `${proto}${f.name}.`, depth + 1, new Set(seen).add(f.message!.fullName), group);
      }
    }
  };
  walk(input, "", "", 1, new Set([input.fullName]));
  return out;
}

/** A path parameter for a template variable; a multi-segment variable (`{name=shelves/*}`) says its shape. */
export function pathParameter(input: MessageModel | undefined, variable: RouteVariable): Parameter {
  const field = input && fieldAt(input, variable.field);
  const schema = (field && queryValue(field)) ?? { type: "string" };
  const shaped = variable.pattern !== "*"
    ? { description: `A value of the form \`${variable.pattern}\`, its slashes sent as they are (not percent-encoded).` }
    : {};
  return { name: variable.field, in: "path", required: true, schema, ...shaped };
}

/** The field a dotted path (proto or JSON names) leads to. */
export function fieldAt(message: MessageModel, path: string): FieldModel | undefined {
  let current: MessageModel | undefined = message;
  let field: FieldModel | undefined;
  for (const part of path.split(".")) {
    field = current?.fields.find((f) => f.name === part || f.jsonName === part);
    if (!field) return undefined;
    current = field.kind === "message" ? field.message : undefined;
  }
  return field;
}

/** The schema of a field that one query value (or a repeated key) can carry; undefined when none can. */
function queryValue(f: FieldModel): Schema | undefined {
  if (f.kind === "map") return undefined;
  const one = f.kind === "scalar" ? scalarSchema(f.scalar!) : f.kind === "enum" ? enumSchema(f.enum!) : textual(f.message!);
  if (!one) return undefined;
  if (f.repeated) return f.kind === "message" ? undefined : { type: "array", items: one };
  return one;
}

/** Well-known types whose JSON form is one scalar (Timestamp, Duration, wrappers…) are written as text. */
function textual(message: MessageModel): Schema | undefined {
  const wkt = wellKnownSchema(message);
  return wkt && typeof wkt.type === "string" && wkt.type !== "object" && wkt.type !== "array" ? wkt : undefined;
}
