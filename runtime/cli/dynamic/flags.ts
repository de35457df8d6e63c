// The flags of a dynamic command, read from the request message's descriptor at run time: every scalar, enum and
// map field becomes a flag; nested messages are flattened into dotted/dashed paths; what cannot be flattened
// (repeated messages, cycles, deep nesting, Struct/Any) is one flag that takes JSON.
import { ScalarType, type DescEnum, type DescField, type DescMessage } from "@bufbuild/protobuf";

/** Nested messages are flattened down to this many path segments; deeper ones take JSON. */
export const MAX_FLAG_DEPTH = 4;

export type FlagKind =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "enum"; enum: DescEnum }
  | { kind: "map"; key: ScalarType; value: { kind: "scalar"; scalar: ScalarType } | { kind: "enum"; enum: DescEnum } | { kind: "json" } }
  /** A well-known type written as a JSON string (Timestamp "2024-01-01T00:00:00Z", Duration "1.5s", FieldMask). */
  | { kind: "text"; wkt: string }
  | { kind: "json"; message: string };

export interface FlagSpec {
  /** The form help shows: proto field names joined with "-", as Micro 3.0 parses them. */
  name: string;
  /** Other accepted spellings: "." as separator, JSON (camelCase) names, kebab-case names. */
  aliases: string[];
  /** JSON names from the request root: where the value goes. */
  path: string[];
  type: FlagKind;
  repeated: boolean;
  /** A bare `--flag` means true. */
  switch: boolean;
  /** Dotted path of the oneof the field (or a message above it) belongs to. */
  oneof?: string;
  /** Type as help prints it: string, int64, []string, map[string]int32, enum, json… */
  label: string;
}

const WRAPPERS: Record<string, ScalarType> = {
  "google.protobuf.DoubleValue": ScalarType.DOUBLE, "google.protobuf.FloatValue": ScalarType.FLOAT,
  "google.protobuf.Int64Value": ScalarType.INT64, "google.protobuf.UInt64Value": ScalarType.UINT64,
  "google.protobuf.Int32Value": ScalarType.INT32, "google.protobuf.UInt32Value": ScalarType.UINT32,
  "google.protobuf.BoolValue": ScalarType.BOOL, "google.protobuf.StringValue": ScalarType.STRING,
  "google.protobuf.BytesValue": ScalarType.BYTES,
};
const TEXT_WKTS = new Set(["google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"]);
const JSON_WKTS = new Set(["google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.Any"]);
const EMPTY = "google.protobuf.Empty";

export function flagsOf(request: DescMessage): FlagSpec[] {
  const out: FlagSpec[] = [];
  walk(request, [], [request.typeName], undefined, out);
  return out;
}

function walk(msg: DescMessage, parents: DescField[], ancestry: string[], oneof: string | undefined, out: FlagSpec[]): void {
  for (const field of msg.fields) {
    const chain = [...parents, field];
    const inOneof = field.oneof ? [...parents.map((p) => p.name), field.oneof.name].join(".") : oneof;
    const add = (type: FlagKind, repeated: boolean) => out.push(spec(chain, type, repeated, inOneof));
    switch (field.fieldKind) {
      case "scalar": add({ kind: "scalar", scalar: field.scalar }, false); break;
      case "enum": add({ kind: "enum", enum: field.enum }, false); break;
      case "list":
        if (field.listKind === "scalar") add({ kind: "scalar", scalar: field.scalar }, true);
        else if (field.listKind === "enum") add({ kind: "enum", enum: field.enum }, true);
        else add(messageKind(field.message) ?? { kind: "json", message: field.message.typeName }, true);
        break;
      case "map": {
        const value = field.mapKind === "scalar" ? { kind: "scalar" as const, scalar: field.scalar }
          : field.mapKind === "enum" ? { kind: "enum" as const, enum: field.enum } : { kind: "json" as const };
        add({ kind: "map", key: field.mapKey, value }, false);
        break;
      }
      case "message": {
        const m = field.message;
        if (m.typeName === EMPTY) break; // nothing to set
        const special = messageKind(m);
        if (special) add(special, false);
        else if (ancestry.includes(m.typeName) || chain.length >= MAX_FLAG_DEPTH) add({ kind: "json", message: m.typeName }, false);
        else walk(m, chain, [...ancestry, m.typeName], inOneof, out);
        break;
      }
    }
  }
}

/** Well-known types that are not flattened: wrappers take their value, a few take text, the rest JSON. */
function messageKind(m: DescMessage): FlagKind | undefined {
  if (WRAPPERS[m.typeName] !== undefined) return { kind: "scalar", scalar: WRAPPERS[m.typeName] };
  if (TEXT_WKTS.has(m.typeName)) return { kind: "text", wkt: m.typeName };
  if (JSON_WKTS.has(m.typeName)) return { kind: "json", message: m.typeName };
  return undefined;
}

function spec(chain: DescField[], type: FlagKind, repeated: boolean, oneof: string | undefined): FlagSpec {
  const proto = chain.map((f) => f.name);
  const styles = [proto, chain.map((f) => f.jsonName), proto.map((n) => n.replace(/_/g, "-"))];
  const spellings = new Set<string>();
  for (const segments of styles) for (const sep of ["-", "."]) spellings.add(segments.join(sep));
  const name = proto.join("-");
  spellings.delete(name);
  const isSwitch = !repeated && type.kind === "scalar" && type.scalar === ScalarType.BOOL;
  return { name, aliases: [...spellings], path: chain.map((f) => f.jsonName), type, repeated, switch: isSwitch, oneof, label: label(type, repeated) };
}

export function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

function label(type: FlagKind, repeated: boolean): string {
  const base = (() => {
    switch (type.kind) {
      case "scalar": return type.scalar === ScalarType.BYTES ? "bytes" : scalarName(type.scalar);
      case "enum": return "enum";
      case "text": return type.wkt === "google.protobuf.Timestamp" ? "timestamp" : type.wkt === "google.protobuf.Duration" ? "duration" : "string";
      case "json": return "json";
      case "map": {
        const v = type.value.kind === "scalar" ? scalarName(type.value.scalar) : type.value.kind;
        return `map[${scalarName(type.key)}]${v}`;
      }
    }
  })();
  return repeated ? `[]${base}` : base;
}

/** What a flag accepts, in words, for help: enum values, the bytes and map forms. */
export function flagHint(flag: FlagSpec): string {
  const t = flag.type;
  const parts: string[] = [];
  if (t.kind === "enum") parts.push(t.enum.values.map((v) => v.name).join("|"));
  if (t.kind === "scalar" && t.scalar === ScalarType.BYTES) parts.push("base64, or @file");
  if (t.kind === "map") parts.push(`key=value${t.value.kind === "enum" ? ` (${t.value.enum.values.map((v) => v.name).join("|")})` : ""}, repeatable; or a JSON object`);
  if (t.kind === "json") parts.push(`${t.message} as JSON, or @file.json`);
  if (t.kind === "text" && t.wkt === "google.protobuf.Timestamp") parts.push("RFC 3339, e.g. 2024-01-02T15:04:05Z");
  if (t.kind === "text" && t.wkt === "google.protobuf.Duration") parts.push("seconds with an s, e.g. 1.5s");
  if (flag.repeated && t.kind !== "json") parts.push("repeat the flag or give a comma list");
  if (flag.switch) parts.push("a bare flag means true");
  if (flag.oneof) parts.push(`one of oneof ${flag.oneof}`);
  return parts.join("; ");
}
