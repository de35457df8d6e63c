// The two message codecs an RPC server answers in, chosen per call by the request's content-type as Micro 3.0's
// server does: protobuf, or JSON for `application/grpc+json` (what Micro 3.0's CLI and dynamic calls send).
// JSON follows Micro 3.0's server codec (golang/protobuf jsonpb with OrigName and EmitDefaults): proto field
// names, every field emitted, enums by name, 64-bit integers as strings; requests may use proto or JSON names.
import { ScalarType, create, fromBinary, fromJsonString, toBinary, toJsonString, type DescMessage } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { MicroError } from "./errors.js";
import { encodeFrame } from "../wire/framing.js";
import { GRPC_JSON_CONTENT_TYPE } from "../wire/metadata.js";

export type Codec = "proto" | "json";

/** The codec of a call from its gRPC content-type: `application/grpc+json` is JSON (Micro 3.0's
 * service/server/grpc/codec.go); `application/grpc`, `+proto` and anything else gRPC accepts are protobuf. */
export function codecFor(contentType: string | undefined): Codec {
  if (!contentType) return "proto";
  const base = contentType.split(";", 1)[0]!.trim().toLowerCase();
  return base === GRPC_JSON_CONTENT_TYPE ? "json" : "proto";
}

export function decodeMessage(codec: Codec, schema: DescMessage, bytes: Uint8Array) {
  try {
    if (codec === "proto") return (planOf(schema) && readFlat(schema, bytes)) || fromBinary(schema, bytes);
    // An empty body is an empty message, as in Micro 3.0's codec.
    if (bytes.length === 0) return create(schema);
    return fromJsonString(schema, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (err) {
    throw new MicroError("micro.rpc", 400, `cannot decode ${schema.typeName}${codec === "json" ? " from JSON" : ""}: ${(err as Error).message}`);
  }
}

const JSON_OPTIONS = { useProtoFieldName: true, alwaysEmitImplicit: true } as const;

export function encodeMessage(codec: Codec, schema: DescMessage, init: unknown): Buffer {
  const msg = create(schema, (init ?? {}) as never);
  if (codec === "proto") return Buffer.from(toBinary(schema, msg));
  return Buffer.from(toJsonString(schema, msg, JSON_OPTIONS), "utf8");
}

/** encodeMessage as one gRPC frame (flag byte, 4-byte length, message), in a single buffer: what a server writes. */
export function encodeFramed(codec: Codec, schema: DescMessage, init: unknown): Buffer {
  if (codec === "proto" && planOf(schema)) {
    const frame = writeFlat(schema, init);
    if (frame) return frame;
  }
  const msg = create(schema, (init ?? {}) as never);
  if (codec === "proto") return encodeFrame(toBinary(schema, msg));
  const text = toJsonString(schema, msg, JSON_OPTIONS);
  const length = Buffer.byteLength(text, "utf8");
  const out = Buffer.allocUnsafe(5 + length);
  out[0] = 0;
  out.writeUInt32BE(length, 1);
  out.write(text, 5, "utf8");
  return out;
}

// Flat messages — every field a singular string, bool, int32, uint32 or bytes with implicit presence (proto3's
// plain fields), as most request and reply messages are — are read and written here without protobuf-es's
// reflection, which builds maps per message on every call. The bytes are protobuf-es's own (its BinaryReader and
// BinaryWriter, the fields in number order, zero values left out); anything else — an unknown field, another wire
// type, a value of another type, unknown fields to write back, a read error — goes the general way, so the result
// (or the error) is always the one protobuf-es gives.

export interface FlatField {
  no: number;
  /** localName (the key of protobuf-es's message object), proto name and JSON name */
  name: string; protoName: string; jsonName: string;
  scalar: ScalarType; wire: WireType;
  /** the field's key: number and wire type */
  tag: number;
}
type Plan = { fields: FlatField[]; byNumber: Map<number, FlatField> } | null;
const plans = new WeakMap<DescMessage, Plan>();
const FLAT_SCALARS: ReadonlyMap<ScalarType, WireType> = new Map([
  [ScalarType.STRING, WireType.LengthDelimited], [ScalarType.BYTES, WireType.LengthDelimited],
  [ScalarType.BOOL, WireType.Varint], [ScalarType.INT32, WireType.Varint], [ScalarType.UINT32, WireType.Varint],
]);
const IMPLICIT_PRESENCE = 2;

/** The message's fields in number order when it is flat, else null (remembered per schema). */
export function planOf(schema: DescMessage): Plan {
  let plan = plans.get(schema);
  if (plan !== undefined) return plan;
  plan = null;
  if (schema.fields.every((f) => f.fieldKind === "scalar" && f.oneof === undefined && (f.presence as number) === IMPLICIT_PRESENCE && FLAT_SCALARS.has(f.scalar))) {
    const fields = schema.fields.map((f) => {
      const wire = FLAT_SCALARS.get(f.scalar!)!;
      return { no: f.number, name: f.localName, protoName: f.name, jsonName: f.jsonName, scalar: f.scalar!, wire, tag: f.number * 8 + wire };
    })
      .sort((a, b) => a.no - b.no);
    plan = { fields, byNumber: new Map(fields.map((f) => [f.no, f])) };
  }
  plans.set(schema, plan);
  return plan;
}

/** The message, or undefined when the bytes need the general reader. */
function readFlat(schema: DescMessage, bytes: Uint8Array): object | undefined {
  const msg = create(schema) as unknown as Record<string, unknown>;
  return readFlatFields(schema, bytes, msg) ? msg : undefined;
}

/** Reads a flat message's fields into `into` by localName (the last of a repeated field wins, as in protobuf);
 * false when the bytes need the general reader (an unknown field, another wire type, a read error). */
export function readFlatFields(schema: DescMessage, bytes: Uint8Array, into: Record<string, unknown>): boolean {
  const { byNumber } = planOf(schema)!;
  try {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [no, wire] = reader.tag();
      const field = byNumber.get(no);
      if (field === undefined || field.wire !== wire) return false;
      switch (field.scalar) {
        case ScalarType.STRING: into[field.name] = reader.string(); break;
        case ScalarType.BYTES: into[field.name] = reader.bytes(); break;
        case ScalarType.BOOL: into[field.name] = reader.bool(); break;
        case ScalarType.INT32: into[field.name] = reader.int32(); break;
        case ScalarType.UINT32: into[field.name] = reader.uint32(); break;
      }
    }
  } catch {
    return false;
  }
  return true;
}

/** The message as a gRPC frame (5-byte prefix, then the bytes protobuf-es's writer makes: fields in number order,
 * zero values left out), or undefined when the value needs the general writer. Sized first, then written in place. */
export function writeFlat(schema: DescMessage, init: unknown): Buffer | undefined {
  const { fields } = planOf(schema)!;
  if (init !== null && init !== undefined && (typeof init !== "object" || "$unknown" in init)) return undefined;
  const values = (init ?? {}) as Record<string, unknown>;
  let size = 0;
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null) continue;
    switch (f.scalar) {
      case ScalarType.STRING: {
        if (typeof v !== "string") return undefined;
        if (v === "") continue;
        const n = Buffer.byteLength(v, "utf8");
        size += varintSize(f.tag) + varintSize(n) + n;
        break;
      }
      case ScalarType.BYTES:
        if (!(v instanceof Uint8Array)) return undefined;
        if (v.byteLength === 0) continue;
        size += varintSize(f.tag) + varintSize(v.byteLength) + v.byteLength;
        break;
      case ScalarType.BOOL:
        if (typeof v !== "boolean") return undefined;
        if (v) size += varintSize(f.tag) + 1;
        break;
      case ScalarType.INT32:
        if (typeof v !== "number" || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) return undefined;
        // a negative int32 is sign-extended to ten bytes, as protobuf-es (and every protobuf) writes it
        if (v !== 0) size += varintSize(f.tag) + (v < 0 ? 10 : varintSize(v));
        break;
      case ScalarType.UINT32:
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffffff) return undefined;
        if (v !== 0) size += varintSize(f.tag) + varintSize(v);
        break;
    }
  }
  const out = Buffer.allocUnsafe(5 + size);
  out[0] = 0;
  out.writeUInt32BE(size, 1);
  let at = 5;
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === "" || v === false || v === 0) continue;
    switch (f.scalar) {
      case ScalarType.STRING: {
        at = writeVarint(out, at, f.tag);
        const n = Buffer.byteLength(v as string, "utf8");
        at = writeVarint(out, at, n);
        at += out.write(v as string, at, n, "utf8");
        break;
      }
      case ScalarType.BYTES:
        if ((v as Uint8Array).byteLength === 0) continue;
        at = writeVarint(out, at, f.tag);
        at = writeVarint(out, at, (v as Uint8Array).byteLength);
        out.set(v as Uint8Array, at);
        at += (v as Uint8Array).byteLength;
        break;
      case ScalarType.BOOL:
        at = writeVarint(out, at, f.tag);
        out[at++] = 1;
        break;
      case ScalarType.INT32:
      case ScalarType.UINT32: {
        at = writeVarint(out, at, f.tag);
        const n = v as number;
        if (n < 0) {
          // two's complement over 64 bits: the low 32 bits, then all ones
          at = writeVarintBits(out, at, n >>> 0);
        } else {
          at = writeVarint(out, at, n);
        }
        break;
      }
    }
  }
  return at === out.length ? out : undefined;
}

/** Bytes of a varint of a non-negative number below 2^32. */
function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** Writes a non-negative number below 2^32 as a varint; the offset after it. */
function writeVarint(out: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[at++] = n;
  return at;
}

/** A negative int32 as the ten-byte varint of its 64-bit two's complement (`low`: its low 32 bits, unsigned). */
function writeVarintBits(out: Buffer, at: number, low: number): number {
  for (let i = 0; i < 4; i++) {
    out[at++] = (low & 0x7f) | 0x80;
    low >>>= 7;
  }
  // bits 28..31 of the low word, then 32..34 all ones (the sign extension)
  out[at++] = (low & 0x0f) | 0x70 | 0x80;
  for (let i = 0; i < 4; i++) out[at++] = 0xff;
  out[at++] = 0x01;
  return at;
}
