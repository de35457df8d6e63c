// JSON Schemas (OpenAPI 3.0 dialect) of the model's messages as proto3 JSON writes them: camelCase names, 64-bit
// integers as strings, enums by name, well-known types in their special forms.
import type { EnumModel, FieldModel, MessageModel, ScalarName } from "../../model/index.js";

export type Schema = Record<string, unknown>;

const WELL_KNOWN: Record<string, Schema> = {
  "google.protobuf.Timestamp": { type: "string", format: "date-time" },
  "google.protobuf.Duration": { type: "string", example: "1.5s" },
  "google.protobuf.FieldMask": { type: "string" },
  "google.protobuf.Struct": { type: "object", additionalProperties: true },
  "google.protobuf.Value": {},
  "google.protobuf.ListValue": { type: "array", items: {} },
  "google.protobuf.Empty": { type: "object" },
  "google.protobuf.Any": { type: "object", properties: { "@type": { type: "string" } }, additionalProperties: true },
  "google.protobuf.BoolValue": { type: "boolean" },
  "google.protobuf.StringValue": { type: "string" },
  "google.protobuf.BytesValue": { type: "string", format: "byte" },
  "google.protobuf.Int32Value": { type: "integer", format: "int32" },
  "google.protobuf.UInt32Value": { type: "integer", format: "int64" },
  "google.protobuf.Int64Value": { type: "string", format: "int64" },
  "google.protobuf.UInt64Value": { type: "string", format: "uint64" },
  "google.protobuf.FloatValue": { type: "number", format: "float" },
  "google.protobuf.DoubleValue": { type: "number", format: "double" },
};

/**
 * Collects the schemas of every message reached from the ones added, under their full proto names. `refPrefix`
 * says where they will live: OpenAPI's components (the default) or a standalone schema's `$defs`
 * (generators/emit/schemas) — the rules are the same either way.
 */
export class SchemaCollector {
  readonly schemas: Record<string, Schema> = {};

  constructor(readonly refPrefix = "#/components/schemas/") {}

  /** A schema for the message: a $ref, or the inline form of a well-known type. */
  ref(message: MessageModel): Schema {
    const wkt = WELL_KNOWN[message.fullName];
    if (wkt) return wkt;
    if (!this.schemas[message.fullName]) {
      this.schemas[message.fullName] = {}; // placeholder first: recursive messages refer to themselves
      const properties: Record<string, Schema> = {};
      for (const f of message.fields) properties[f.jsonName] = this.fieldSchema(f, message);
      const schema: Schema = { type: "object", properties };
      const doc = comment(message.comments.leading);
      if (doc) schema.description = doc;
      this.schemas[message.fullName] = schema;
    }
    return { $ref: `${this.refPrefix}${message.fullName}` };
  }

  /** The schema of one field's value (a $ref for message fields); `parent` documents its oneof. */
  fieldSchema(f: FieldModel, parent?: MessageModel): Schema {
    const doc = fieldDoc(f, parent);
    if (f.kind === "map") {
      const v = f.map!.value;
      const values = v.kind === "message" ? this.ref(v.message) : v.kind === "enum" ? enumSchema(v.enum) : scalarSchema(v.scalar);
      return { type: "object", additionalProperties: values, ...doc };
    }
    const item = f.kind === "message" ? this.ref(f.message!) : f.kind === "enum" ? enumSchema(f.enum!) : scalarSchema(f.scalar!);
    if (f.repeated) return { type: "array", items: item, ...doc };
    // a $ref takes no siblings in OpenAPI 3.0: a message field's notes stay with its parent's description
    return f.kind === "message" ? item : { ...item, ...doc };
  }
}

/** What a field's schema cannot say on its own: its comment, its proto name (when JSON renames it), its oneof. */
function fieldDoc(f: FieldModel, parent?: MessageModel): Schema {
  const notes: string[] = [];
  const own = comment(f.comments.leading || f.comments.trailing);
  if (own) notes.push(own);
  if (f.name !== f.jsonName) notes.push(`proto field ${f.name}`);
  if (f.oneof && parent) {
    const members = parent.fields.filter((o) => o.oneof === f.oneof).map((o) => o.jsonName);
    notes.push(`one of ${f.oneof}: set at most one of ${members.join(", ")}`);
  }
  return notes.length ? { description: notes.join("; ") } : {};
}

function comment(text: string): string {
  return text.trim();
}

/** The inline schema of a well-known type, or undefined for any other message. */
export function wellKnownSchema(message: MessageModel): Schema | undefined {
  return WELL_KNOWN[message.fullName];
}

export function enumSchema(e: EnumModel): Schema {
  return { type: "string", enum: e.values.map((v) => v.name) };
}

export function scalarSchema(t: ScalarName): Schema {
  switch (t) {
    case "string": return { type: "string" };
    case "bool": return { type: "boolean" };
    case "bytes": return { type: "string", format: "byte" };
    case "double": return { type: "number", format: "double" };
    case "float": return { type: "number", format: "float" };
    case "int32": case "sint32": case "sfixed32": return { type: "integer", format: "int32" };
    case "uint32": case "fixed32": return { type: "integer", format: "int64", minimum: 0 };
    case "int64": case "sint64": case "sfixed64": return { type: "string", format: "int64" };
    case "uint64": case "fixed64": return { type: "string", format: "uint64" };
  }
}
