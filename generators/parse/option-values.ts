// Wire encoding of a single option value, with protoc's checks and messages
// (OptionInterpreter::SetOptionValue). Values are written as protoc's
// UnknownFieldSet would write them: ints as (sign-extended) varints, sint as
// zigzag, fixed types as fixed32/64, strings and bytes length-delimited.

import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import type { FieldDescriptorProto, UninterpretedOption } from "@bufbuild/protobuf/wkt";
import { FieldType, has } from "./descriptor-numbers.js";
import type { TypeModels } from "./type-models.js";

/** An option value as the parser saw it. */
export type RawValue =
  | { kind: "int"; value: bigint }
  | { kind: "double"; value: number }
  | { kind: "identifier"; value: string }
  | { kind: "string"; value: Uint8Array }
  | { kind: "aggregate"; value: string }
  | { kind: "none" };

export function rawValueOf(option: UninterpretedOption): RawValue {
  if (has(option, "identifierValue")) return { kind: "identifier", value: option.identifierValue };
  if (has(option, "positiveIntValue")) return { kind: "int", value: BigInt(option.positiveIntValue) };
  if (has(option, "negativeIntValue")) return { kind: "int", value: BigInt(option.negativeIntValue) };
  if (has(option, "doubleValue")) return { kind: "double", value: option.doubleValue };
  if (has(option, "stringValue")) return { kind: "string", value: option.stringValue };
  if (has(option, "aggregateValue")) return { kind: "aggregate", value: option.aggregateValue };
  return { kind: "none" };
}

const INT32_MIN = -2147483648n, INT32_MAX = 2147483647n, UINT32_MAX = 4294967295n;
const INT64_MIN = -9223372036854775808n, INT64_MAX = 9223372036854775807n, UINT64_MAX = 18446744073709551615n;

type CppType = "int32" | "int64" | "uint32" | "uint64" | "float" | "double" | "bool" | "enum" | "string" | "message";

export function cppTypeOf(type: number): CppType {
  switch (type) {
    case FieldType.int32: case FieldType.sint32: case FieldType.sfixed32: return "int32";
    case FieldType.int64: case FieldType.sint64: case FieldType.sfixed64: return "int64";
    case FieldType.uint32: case FieldType.fixed32: return "uint32";
    case FieldType.uint64: case FieldType.fixed64: return "uint64";
    case FieldType.float: return "float";
    case FieldType.double: return "double";
    case FieldType.bool: return "bool";
    case FieldType.enum: return "enum";
    case FieldType.string: case FieldType.bytes: return "string";
    default: return "message";
  }
}

export function wireTypeOf(type: number): WireType {
  switch (type) {
    case FieldType.double: case FieldType.fixed64: case FieldType.sfixed64: return WireType.Bit64;
    case FieldType.float: case FieldType.fixed32: case FieldType.sfixed32: return WireType.Bit32;
    case FieldType.string: case FieldType.bytes: case FieldType.message: return WireType.LengthDelimited;
    case FieldType.group: return WireType.StartGroup;
    default: return WireType.Varint;
  }
}

/** Writes a scalar value (no tag) of the given field type. */
export function writeScalar(w: BinaryWriter, type: number, value: bigint | number | boolean | Uint8Array): void {
  switch (type) {
    case FieldType.int32: case FieldType.enum: w.int32(Number(value)); break;
    case FieldType.sint32: w.sint32(Number(value)); break;
    case FieldType.sfixed32: w.sfixed32(Number(value)); break;
    case FieldType.uint32: w.uint32(Number(value)); break;
    case FieldType.fixed32: w.fixed32(Number(value)); break;
    case FieldType.int64: w.int64(value as bigint); break;
    case FieldType.sint64: w.sint64(value as bigint); break;
    case FieldType.sfixed64: w.sfixed64(value as bigint); break;
    case FieldType.uint64: w.uint64(value as bigint); break;
    case FieldType.fixed64: w.fixed64(value as bigint); break;
    case FieldType.float: w.float(value as number); break;
    case FieldType.double: w.double(value as number); break;
    case FieldType.bool: w.bool(value as boolean); break;
    default: w.bytes(value as Uint8Array);
  }
}

/**
 * Converts an option's raw value to the field's type. Returns the value or an
 * error message (protoc's AddValueError text). Aggregates are handled by the caller.
 */
export function convertOptionValue(field: FieldDescriptorProto, displayName: string, raw: RawValue, models: TypeModels): { value: bigint | number | boolean | Uint8Array } | { error: string } {
  const cpp = cppTypeOf(field.type);
  const intValue = raw.kind === "int" ? raw.value : undefined;
  switch (cpp) {
    case "int32": case "int64": {
      const [min, max] = cpp === "int32" ? [INT32_MIN, INT32_MAX] : [INT64_MIN, INT64_MAX];
      if (intValue === undefined) return { error: `Value must be integer for ${cpp} option "${displayName}".` };
      if (intValue < min || intValue > max) return { error: `Value out of range for ${cpp} option "${displayName}".` };
      return { value: cpp === "int32" ? Number(intValue) : intValue };
    }
    case "uint32": case "uint64": {
      const max = cpp === "uint32" ? UINT32_MAX : UINT64_MAX;
      if (intValue === undefined || intValue < 0n) return { error: `Value must be non-negative integer for ${cpp} option "${displayName}".` };
      if (intValue > max) return { error: `Value out of range for ${cpp} option "${displayName}".` };
      return { value: cpp === "uint32" ? Number(intValue) : intValue };
    }
    case "float": case "double": {
      let v: number;
      if (raw.kind === "double") v = raw.value;
      else if (raw.kind === "int") v = Number(raw.value);
      else if (raw.kind === "identifier" && raw.value === "inf") v = Infinity;
      else if (raw.kind === "identifier" && raw.value === "nan") v = NaN;
      else return { error: `Value must be number for ${cpp} option "${displayName}".` };
      return { value: cpp === "float" ? Math.fround(v) : v };
    }
    case "bool":
      if (raw.kind !== "identifier") return { error: `Value must be identifier for boolean option "${displayName}".` };
      if (raw.value === "true") return { value: true };
      if (raw.value === "false") return { value: false };
      return { error: `Value must be "true" or "false" for boolean option "${displayName}".` };
    case "enum": {
      if (raw.kind !== "identifier") return { error: `Value must be identifier for enum-valued option "${displayName}".` };
      const enumModel = models.enumType(field.typeName);
      const found = enumModel?.proto.value.find((v) => v.name === raw.value);
      if (!found) {
        return { error: `Enum type "${enumModel?.fullName ?? field.typeName.replace(/^\./, "")}" has no value named "${raw.value}" for option "${displayName}".` };
      }
      return { value: found.number };
    }
    case "string":
      if (raw.kind !== "string") return { error: `Value must be quoted string for string option "${displayName}".` };
      return { value: raw.value };
    default:
      return { error: `Option "${displayName}" is a message.` };
  }
}

/** Tag + value for one option field, as bytes. */
export function encodeField(number: number, type: number, value: bigint | number | boolean | Uint8Array): Uint8Array {
  const w = new BinaryWriter();
  w.tag(number, wireTypeOf(type));
  writeScalar(w, type, value);
  return w.finish();
}

export function encodeLengthDelimited(number: number, payload: Uint8Array): Uint8Array {
  return new BinaryWriter().tag(number, WireType.LengthDelimited).bytes(payload).finish();
}

export function encodeGroup(number: number, payload: Uint8Array): Uint8Array {
  return new BinaryWriter().tag(number, WireType.StartGroup).raw(payload).tag(number, WireType.EndGroup).finish();
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
