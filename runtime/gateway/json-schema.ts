// JSON Schemas (OpenAPI 3.0 dialect) of protobuf messages as proto3 JSON writes them: camelCase names, 64-bit
// integers as strings, enums by name, well-known types in their special forms.
import { ScalarType, type DescEnum, type DescField, type DescMessage } from "@bufbuild/protobuf";

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

/** Collects the schemas of every message reached from the ones added, under their full proto names. */
export class SchemaCollector {
  readonly schemas: Record<string, Schema> = {};

  /** A schema for the message: a $ref, or the inline form of a well-known type. */
  ref(message: DescMessage): Schema {
    const wkt = WELL_KNOWN[message.typeName];
    if (wkt) return wkt;
    if (!this.schemas[message.typeName]) {
      this.schemas[message.typeName] = {}; // placeholder first: recursive messages refer to themselves
      const properties: Record<string, Schema> = {};
      for (const f of message.fields) properties[f.jsonName] = this.fieldSchema(f);
      this.schemas[message.typeName] = { type: "object", properties };
    }
    return { $ref: `#/components/schemas/${message.typeName}` };
  }

  /** The schema of one field's value (a $ref for message fields). */
  fieldSchema(f: DescField): Schema {
    const doc = fieldDoc(f);
    switch (f.fieldKind) {
      case "scalar": return { ...scalarSchema(f.scalar), ...doc };
      case "enum": return { ...enumSchema(f.enum), ...doc };
      case "message": return this.ref(f.message);
      case "list":
        return { type: "array", items: f.listKind === "message" ? this.ref(f.message) : f.listKind === "enum" ? enumSchema(f.enum) : scalarSchema(f.scalar), ...doc };
      case "map":
        return { type: "object", additionalProperties: f.mapKind === "message" ? this.ref(f.message) : f.mapKind === "enum" ? enumSchema(f.enum) : scalarSchema(f.scalar), ...doc };
    }
  }
}

/** What a field's schema cannot say on its own: its proto name (when JSON renames it) and its oneof. */
function fieldDoc(f: DescField): Schema {
  const notes: string[] = [];
  if (f.proto.name !== f.jsonName) notes.push(`proto field ${f.proto.name}`);
  if (f.oneof) notes.push(`one of ${f.oneof.name}: set at most one of ${f.oneof.fields.map((o) => o.jsonName).join(", ")}`);
  return notes.length ? { description: notes.join("; ") } : {};
}

/** The inline schema of a well-known type, or undefined for any other message. */
export function wellKnownSchema(message: DescMessage): Schema | undefined {
  return WELL_KNOWN[message.typeName];
}

export function enumSchema(e: DescEnum): Schema {
  return { type: "string", enum: e.values.map((v) => v.name) };
}

export function scalarSchema(t: ScalarType): Schema {
  switch (t) {
    case ScalarType.STRING: return { type: "string" };
    case ScalarType.BOOL: return { type: "boolean" };
    case ScalarType.BYTES: return { type: "string", format: "byte" };
    case ScalarType.DOUBLE: return { type: "number", format: "double" };
    case ScalarType.FLOAT: return { type: "number", format: "float" };
    case ScalarType.INT32: case ScalarType.SINT32: case ScalarType.SFIXED32: return { type: "integer", format: "int32" };
    case ScalarType.UINT32: case ScalarType.FIXED32: return { type: "integer", format: "int64", minimum: 0 };
    case ScalarType.INT64: case ScalarType.SINT64: case ScalarType.SFIXED64: return { type: "string", format: "int64" };
    case ScalarType.UINT64: case ScalarType.FIXED64: return { type: "string", format: "uint64" };
  }
}
