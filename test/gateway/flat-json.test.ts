// The gateway converts flat messages between proto3 JSON and protobuf bytes itself (runtime/gateway/flat-json.ts);
// whatever it produces must be byte for byte what protobuf-es produces (fromJson + toBinary, fromBinary +
// toJsonString), and whatever protobuf-es refuses it must hand back (undefined) rather than accept. Random messages
// of several flat schemas, one with JSON names unlike its proto names, both key spellings, wrong types, nulls,
// unknown keys and fields, truncated bytes, and a well-known type.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create, createFileRegistry, fromBinary, fromJson, toBinary, toJsonString, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FieldDescriptorProto_Type, StringValueSchema } from "@bufbuild/protobuf/wkt";
import { flatFromJson, flatToJson } from "../../runtime/gateway/flat-json.js";
import { ErrorSchema } from "../../runtime/gen/errors/errors_pb.js";
import { AckRequestSchema } from "../../runtime/gen/events/events_pb.js";
import { GraphRequestSchema } from "../../runtime/gen/network/network_pb.js";
import { BlobReadResponseSchema } from "../../runtime/gen/store/store_pb.js";
import { RequestSchema } from "../gen/helloworld_pb.js";

// a flat message whose JSON names differ from its proto names (user_id → userId, …; json_name as protoc sets it)
const T = FieldDescriptorProto_Type;
const file = create(FileDescriptorProtoSchema, {
  name: "flat.proto", package: "flat", syntax: "proto3",
  messageType: [{
    name: "Account",
    field: [
      { name: "user_id", jsonName: "userId", number: 1, type: T.STRING, label: 1 },
      { name: "is_admin", jsonName: "isAdmin", number: 2, type: T.BOOL, label: 1 },
      { name: "retry_count", jsonName: "retryCount", number: 3, type: T.INT32, label: 1 },
      { name: "limit_max", jsonName: "limitMax", number: 7, type: T.UINT32, label: 1 },
      { name: "blob_data", jsonName: "blobData", number: 5, type: T.BYTES, label: 1 },
    ],
  }],
});
const AccountSchema = createFileRegistry(file, () => undefined).getMessage("flat.Account")!;
const SCHEMAS: DescMessage[] = [AccountSchema, RequestSchema, ErrorSchema, AckRequestSchema, GraphRequestSchema, BlobReadResponseSchema];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const STRINGS = ["", "a", "héllo ✓", "quote \" backslash \\ newline \n tab \t", "lone \ud800 surrogate", "\u2028\u0000", "😀".repeat(20), "x".repeat(300)];
const INT32S = [0, 1, -1, 127, 128, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, -123_456];
const UINT32S = [0, 1, 128, 2 ** 32 - 1, 2 ** 32, -1, 3_000_000_000];
const BYTES = [new Uint8Array(0), new Uint8Array([0]), new Uint8Array([1, 2, 255]), new Uint8Array(70).fill(9)];

/** A JSON value for a field: mostly of its type, sometimes not. */
function jsonValue(scalar: number): unknown {
  const r = Math.random();
  if (r < 0.05) return null;
  if (r < 0.12) return pick([true, "1", 3, {}, []]);
  switch (scalar) {
    case 9: return pick(STRINGS);
    case 8: return Math.random() < 0.5;
    case 5: return pick(INT32S);
    case 13: return pick(UINT32S);
    case 12: return Buffer.from(pick(BYTES)).toString("base64");
  }
  return undefined;
}

test("flat JSON → bytes is protobuf-es's fromJson + toBinary, and refuses whatever fromJson would decide", () => {
  let fast = 0;
  for (const schema of SCHEMAS) {
    for (let i = 0; i < 400; i++) {
      const json: Record<string, unknown> = {};
      for (const f of schema.fields) {
        if (Math.random() < 0.3) continue;
        json[Math.random() < 0.5 ? f.jsonName : f.name] = jsonValue(f.scalar!);
      }
      if (Math.random() < 0.05) json.unknown_key = "x";
      if (Math.random() < 0.05 && schema === AccountSchema) Object.assign(json, { user_id: "a", userId: "b" }); // set twice
      const ours = flatFromJson(schema, json);
      let theirs: Uint8Array | undefined;
      try {
        theirs = toBinary(schema, fromJson(schema, json as JsonValue, { ignoreUnknownFields: false }));
      } catch {
        theirs = undefined;
      }
      if (ours !== undefined) {
        fast++;
        assert.ok(theirs, `protobuf-es refuses ${JSON.stringify(json)} but the flat path accepted it`);
        assert.deepEqual(Buffer.from(ours), Buffer.from(theirs), `${schema.typeName} ${JSON.stringify(json)}`);
      }
      // the plain case always takes the flat path: (well-formed) strings, bools and in-range integers under known keys
      const named = Object.keys(json).map((k) => schema.fields.find((x) => x.jsonName === k || x.name === k));
      const plain = new Set(named).size === named.length && Object.values(json).every((v, i) => {
        const f = named[i];
        return f && (f.scalar === 9 ? typeof v === "string" && !v.includes("\ud800") : f.scalar === 8 ? typeof v === "boolean"
          : f.scalar === 5 ? Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31
          : f.scalar === 13 ? Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32 : false);
      });
      if (plain) assert.ok(ours, `the flat path declined ${schema.typeName} ${JSON.stringify(json)}`);
    }
  }
  assert.ok(fast > 500, `the flat path took ${fast} of 2400 messages`);
});

function randomMessageBytes(schema: DescMessage): Uint8Array {
  const init: Record<string, unknown> = {};
  for (const f of schema.fields) {
    if (Math.random() < 0.25) continue;
    const v = f.scalar === 9 ? pick(STRINGS) : f.scalar === 8 ? Math.random() < 0.5 : f.scalar === 5 ? pick(INT32S.filter((n) => Number.isInteger(n) && n < 2 ** 31))
      : f.scalar === 13 ? pick(UINT32S.filter((n) => n >= 0 && n < 2 ** 32)) : pick(BYTES);
    init[f.localName] = v;
  }
  return toBinary(schema, create(schema, init as never));
}

test("flat bytes → JSON is protobuf-es's fromBinary + toJsonString; unknown fields and broken bytes go back to it", () => {
  for (const schema of SCHEMAS) {
    for (let i = 0; i < 400; i++) {
      const bytes = randomMessageBytes(schema);
      // the same field twice: the last one wins, in both
      const doubled = Math.random() < 0.2 ? Buffer.concat([bytes, randomMessageBytes(schema)]) : bytes;
      const ours = flatToJson(schema, doubled);
      assert.equal(ours, toJsonString(schema, fromBinary(schema, doubled)), `${schema.typeName} ${Buffer.from(doubled).toString("hex")}`);
    }
    const unknown = Buffer.concat([randomMessageBytes(schema), Buffer.from([0xf8, 0x07, 0x01])]); // field 127, varint
    assert.equal(flatToJson(schema, unknown), undefined, "an unknown field goes the general way");
    assert.equal(flatToJson(schema, Buffer.from([0x0a, 0x05, 0x61])), undefined, "truncated bytes go the general way");
  }
});

test("well-known types, whose JSON is not an object, are left to protobuf-es", () => {
  assert.equal(flatFromJson(StringValueSchema, { value: "x" }), undefined);
  assert.equal(flatToJson(StringValueSchema, toBinary(StringValueSchema, create(StringValueSchema, { value: "x" }))), undefined);
});
