// Flattens a request message into CLI flags. Nested messages become dotted/dashed flag paths
// (`--options-database`, `--options.database`); what cannot be flattened (repeated messages, cycles, deep nesting,
// Struct/Any/Value) is one flag that takes JSON.
import type { FieldModel, MessageModel, ScalarName } from "../../model/index.js";

/** Nested messages are flattened down to this many path segments; deeper ones take JSON. */
export const MAX_FLAG_DEPTH = 4;

export type FlagType = ScalarName | "enum" | "map" | "json";

/** One flag. Optional keys are left out when they hold their default (false, absent), to keep tables small. */
export interface CliFlag {
  /** The form help shows: path joined with "-", as Micro 3.0 parses it. */
  readonly name: string;
  /** Other accepted spellings: proto, JSON (camelCase) and kebab-case names, each joined with "-" and with ".". */
  readonly aliases?: string[];
  /** Proto field names from the request root. */
  readonly path: string[];
  /** JSON names from the request root, to build the request body. */
  readonly jsonPath: string[];
  readonly type: FlagType;
  /** Repeated: the flag may be given several times, or with a comma list (JSON array for "json"). */
  readonly repeated?: true;
  /** For type "map": `--flag k=v` (repeatable) or a JSON object. */
  readonly map?: { readonly key: ScalarName; readonly value: ScalarName | "enum" | "json" };
  /** Enum value names, for enum flags and maps with enum values. */
  readonly enum?: string[];
  /** A bare `--flag` means true. */
  readonly switch?: true;
  /** google.protobuf type the value is written as (Timestamp: RFC 3339, Duration: "1.5s", wrappers: the value). */
  readonly wkt?: string;
  readonly required?: true;
  /** Dotted path of the oneof the field belongs to; at most one flag of a oneof may be given. */
  readonly oneof?: string;
  /** proto3 `optional`: sent even when zero. */
  readonly optional?: true;
  /** proto2 default, as written in the .proto. */
  readonly default?: string;
  readonly deprecated?: true;
  /** The field's comment. */
  readonly help?: string;
  /** The type as help prints it: string, int64, []string, map[string]int32, enum, timestamp, json… */
  readonly label: string;
  /** What the value may look like, in words, for help: enum values, the bytes, map and JSON forms. */
  readonly hint?: string;
}

const WRAPPERS: Readonly<Record<string, ScalarName>> = {
  "google.protobuf.DoubleValue": "double", "google.protobuf.FloatValue": "float",
  "google.protobuf.Int64Value": "int64", "google.protobuf.UInt64Value": "uint64",
  "google.protobuf.Int32Value": "int32", "google.protobuf.UInt32Value": "uint32",
  "google.protobuf.BoolValue": "bool", "google.protobuf.StringValue": "string",
  "google.protobuf.BytesValue": "bytes",
};
// Well-known types whose JSON form is a string.
const STRING_WKTS = new Set(["google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask"]);
const EMPTY = "google.protobuf.Empty";

export function flattenFlags(request: MessageModel): CliFlag[] {
  const flags: CliFlag[] = [];
  walk(request, { path: [], jsonPath: [], ancestry: [request.fullName], oneof: null }, flags);
  return flags;
}

/** Where the walk is: the parent's path, the messages above (to stop at cycles), the oneof a parent is in. */
interface Position {
  readonly path: string[];
  readonly jsonPath: string[];
  readonly ancestry: string[];
  readonly oneof: string | null;
}

function walk(msg: MessageModel, at: Position, out: CliFlag[]): void {
  for (const field of msg.fields) {
    const p = [...at.path, field.name];
    const jp = [...at.jsonPath, field.jsonName];
    // Flags under a message that is a oneof member belong to that oneof too.
    const oneof = field.oneof === undefined ? at.oneof : [...at.path, field.oneof].join(".");
    const flag = (type: FlagType, extra: Pick<CliFlag, "map" | "enum"> = {}): CliFlag => {
      const help = field.comments.leading || field.comments.trailing;
      const aliases = spellings(p, jp);
      const shape = { type, ...extra, repeated: field.repeated, wkt: field.wkt, oneof, message: field.message?.fullName };
      const hint = hintOf(shape);
      return {
        name: p.join("-"),
        ...(aliases.length > 0 && { aliases }),
        path: p,
        jsonPath: jp,
        type,
        label: labelOf(shape),
        ...(hint !== "" && { hint }),
        ...(field.repeated && { repeated: true as const }),
        ...extra,
        ...(type === "bool" && !field.repeated && { switch: true as const }),
        ...(field.wkt !== undefined && { wkt: field.wkt }),
        ...(field.required && { required: true as const }),
        ...(oneof !== null && { oneof }),
        ...(field.proto3Optional && { optional: true as const }),
        ...(field.default !== undefined && { default: field.default }),
        ...(field.deprecated && { deprecated: true as const }),
        ...(help !== "" && { help }),
      };
    };
    switch (field.kind) {
      case "scalar":
        out.push(flag(field.scalar!));
        break;
      case "enum":
        out.push(flag("enum", { enum: enumNames(field) }));
        break;
      case "map":
        out.push(mapFlag(field, flag));
        break;
      case "message": {
        const m = field.message!;
        if (m.fullName === EMPTY) break; // nothing to set
        const wrapped = WRAPPERS[m.fullName];
        if (wrapped !== undefined) out.push(flag(wrapped));
        else if (STRING_WKTS.has(m.fullName)) out.push(flag("string"));
        else if (m.wkt || field.repeated || at.ancestry.includes(m.fullName) || p.length >= MAX_FLAG_DEPTH) {
          out.push(flag("json"));
        } else if (m.fields.length > 0) {
          walk(m, { path: p, jsonPath: jp, ancestry: [...at.ancestry, m.fullName], oneof }, out);
        }
        break;
      }
    }
  }
}

function enumNames(field: FieldModel): string[] {
  const e = field.enum ?? (field.map?.value.kind === "enum" ? field.map.value.enum : undefined);
  return e ? e.values.map((v) => v.name) : [];
}

function mapFlag(field: FieldModel, flag: (type: FlagType, extra?: Pick<CliFlag, "map" | "enum">) => CliFlag): CliFlag {
  const value = field.map!.value;
  const valueType: ScalarName | "enum" | "json" = value.kind === "scalar" ? value.scalar : value.kind === "enum" ? "enum" : "json";
  const map = { key: field.map!.key, value: valueType };
  return flag("map", value.kind === "enum" ? { map, enum: enumNames(field) } : { map });
}

/** Every other spelling of a flag: proto, JSON and kebab-case names, joined with "-" and with ".". */
function spellings(path: readonly string[], jsonPath: readonly string[]): string[] {
  const out = new Set<string>();
  for (const segments of [path, jsonPath, path.map((n) => n.replace(/_/g, "-"))]) {
    for (const sep of ["-", "."]) out.add(segments.join(sep));
  }
  out.delete(path.join("-"));
  return [...out];
}

/** What labelOf and hintOf read: the flag's type and where its value comes from. */
interface Shape {
  readonly type: FlagType;
  readonly map?: CliFlag["map"];
  readonly enum?: string[];
  readonly repeated: boolean;
  readonly wkt?: string;
  readonly oneof: string | null;
  /** Full name of the field's message type, for JSON flags. */
  readonly message?: string;
}

const TEXT_LABELS: Readonly<Record<string, string>> = {
  "google.protobuf.Timestamp": "timestamp", "google.protobuf.Duration": "duration",
};

function labelOf(s: Shape): string {
  const base = s.map ? `map[${s.map.key}]${s.map.value}` : (s.wkt !== undefined && TEXT_LABELS[s.wkt]) || s.type;
  return s.repeated && !s.map ? `[]${base}` : base;
}

function hintOf(s: Shape): string {
  const parts: string[] = [];
  if (s.type === "enum") parts.push(s.enum!.join("|"));
  if (s.type === "bytes") parts.push("base64, or @file");
  if (s.map) parts.push(`key=value${s.map.value === "enum" ? ` (${s.enum!.join("|")})` : ""}, repeatable; or a JSON object`);
  if (s.type === "json") parts.push(`${s.message ?? s.wkt ?? "the value"} as JSON, or @file.json`);
  if (!s.map && s.wkt === "google.protobuf.Timestamp") parts.push("RFC 3339, e.g. 2024-01-02T15:04:05Z");
  if (!s.map && s.wkt === "google.protobuf.Duration") parts.push("seconds with an s, e.g. 1.5s");
  if (s.repeated && !s.map && s.type !== "json") parts.push("repeat the flag or give a comma list");
  if (s.type === "bool" && !s.repeated) parts.push("a bare flag means true");
  if (s.oneof !== null) parts.push(`one of oneof ${s.oneof}`);
  return parts.join("; ");
}
