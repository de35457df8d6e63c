// proto3 JSON ↔ protobuf bytes for flat messages (rpc/codec.ts's plan: singular string, bytes, bool, int32, uint32
// fields with implicit presence), without protobuf-es's reflection: fromJson + toBinary and fromBinary +
// toJsonString were 7% of the gateway's CPU per call (profiled, helloworld). The output is protobuf-es's own, byte
// for byte (test/gateway/flat-json.test.ts); anything this does not handle exactly — an unknown or repeated key,
// a value of another type, null, a well-known type (whose JSON is not an object), an unknown field or a read error
// in the bytes — returns undefined, and the caller goes the general way, so errors are protobuf-es's too.
import { ScalarType, type DescMessage } from "@bufbuild/protobuf";
import { planOf, readFlatFields, writeFlat, type FlatField } from "../rpc/codec.js";

/** node 20's String.prototype.isWellFormed (ES2024; not in this project's TypeScript lib). */
type WellFormed = { isWellFormed(): boolean };

/** Flat and not a well-known type (google.protobuf.*: their JSON forms are not plain objects). */
function flatFields(schema: DescMessage): FlatField[] | undefined {
  if (schema.typeName.startsWith("google.protobuf.")) return undefined;
  return planOf(schema)?.fields;
}

/** The message's bytes from its JSON (keys by JSON or proto name), or undefined when fromJson must decide. */
export function flatFromJson(schema: DescMessage, json: Record<string, unknown>): Uint8Array | undefined {
  const fields = flatFields(schema);
  if (!fields) return undefined;
  const init: Record<string, unknown> = {};
  for (const key in json) {
    if (!Object.prototype.hasOwnProperty.call(json, key)) continue;
    const field = fieldByKey(fields, key);
    if (!field || init[field.name] !== undefined) return undefined; // unknown, or set twice (by both names)
    const value = json[key];
    switch (field.scalar) {
      // a lone surrogate is not UTF-8: fromJson refuses it, with its own words
      case ScalarType.STRING: if (typeof value !== "string" || !(value as unknown as WellFormed).isWellFormed()) return undefined; break;
      case ScalarType.BOOL: if (typeof value !== "boolean") return undefined; break;
      case ScalarType.INT32: case ScalarType.UINT32: if (typeof value !== "number" || !Number.isInteger(value)) return undefined; break;
      default: return undefined; // bytes come as base64 text: fromJson's rules
    }
    init[field.name] = value;
  }
  return writeFlat(schema, init)?.subarray(5);
}

function fieldByKey(fields: FlatField[], key: string): FlatField | undefined {
  for (const f of fields) if (f.jsonName === key || f.protoName === key) return f;
  return undefined;
}

/** toJsonString of the message the bytes hold (zero values left out, fields in number order), or undefined. */
export function flatToJson(schema: DescMessage, bytes: Uint8Array): string | undefined {
  const fields = flatFields(schema);
  if (!fields) return undefined;
  const values: Record<string, unknown> = {};
  if (!readFlatFields(schema, bytes, values)) return undefined;
  let out = "";
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === "" || v === false || v === 0) continue;
    let text: string;
    if (v instanceof Uint8Array) {
      if (v.byteLength === 0) continue;
      text = `"${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64")}"`;
    } else {
      text = typeof v === "string" ? JSON.stringify(v) : String(v);
    }
    out += `${out ? "," : ""}${JSON.stringify(f.jsonName)}:${text}`;
  }
  return `{${out}}`;
}
