// The RPC server's protobuf codec (runtime/rpc/codec.ts) reads and writes flat messages (singular string, bytes,
// bool, int32, uint32 fields) itself; whatever it does must be byte for byte, and value for value, what protobuf-es
// does: every message of every kind below, random and edge values, unknown fields, truncated input, wrong types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create, fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { decodeMessage, encodeFramed } from "../../runtime/rpc/codec.js";
import { encodeFrame } from "../../runtime/wire/framing.js";
import { MicroError } from "../../runtime/rpc/index.js";
import { ErrorSchema } from "../../runtime/gen/errors/errors_pb.js";
import { AckRequestSchema } from "../../runtime/gen/events/events_pb.js";
import { GraphRequestSchema } from "../../runtime/gen/network/network_pb.js";
import { BlobReadResponseSchema, RecordSchema } from "../../runtime/gen/store/store_pb.js";
import { RequestSchema } from "../gen/helloworld_pb.js";

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const STRINGS = ["", "a", "héllo ✓", "lone \ud800 surrogate", "😀".repeat(40), "x".repeat(200), "y".repeat(20_000)];
const INT32S = [0, -0, 1, -1, 127, 128, -128, 2 ** 31 - 1, -(2 ** 31), 123_456, -987_654];
const UINT32S = [0, 1, 127, 128, 16_383, 16_384, 2 ** 32 - 1, 3_000_000_000];
const BYTES = [new Uint8Array(0), new Uint8Array([0]), new Uint8Array([1, 2, 255]), new Uint8Array(300).fill(7)];

function randomInit(schema: DescMessage): Record<string, unknown> {
  const init: Record<string, unknown> = {};
  for (const f of schema.fields) {
    if (Math.random() < 0.2) continue;
    const scalar = f.fieldKind === "scalar" ? f.scalar : undefined;
    init[f.localName] = scalar === 9 ? pick(STRINGS) : scalar === 12 ? pick(BYTES) : scalar === 8 ? Math.random() < 0.5
      : scalar === 5 ? pick(INT32S) : scalar === 13 ? pick(UINT32S) : undefined;
  }
  return init;
}

const outcome = (f: () => unknown) => { try { return { value: f() }; } catch (err) { return { error: (err as Error).message }; } };

test("flat messages are encoded and decoded exactly as protobuf-es does", () => {
  for (const schema of [RequestSchema, ErrorSchema, AckRequestSchema, GraphRequestSchema, BlobReadResponseSchema] as DescMessage[]) {
    for (let i = 0; i < 300; i++) {
      const init = randomInit(schema);
      const bytes = toBinary(schema, create(schema, init as never));
      assert.deepEqual(encodeFramed("proto", schema, init), encodeFrame(bytes), `${schema.typeName} ${JSON.stringify(init)}`);
      for (const input of [bytes, Buffer.concat([bytes, Buffer.from([0xf8, 0x07, 0x01])]), bytes.subarray(0, Math.max(0, bytes.length - 1))]) {
        const want = outcome(() => fromBinary(schema, input));
        const got = outcome(() => decodeMessage("proto", schema, input));
        if ("error" in want) assert.ok("error" in got && got.error!.includes(want.error!), `${schema.typeName}: ${got.error} ~ ${want.error}`);
        else assert.deepEqual(got, want, schema.typeName);
      }
    }
  }
});

test("values of another type and messages with unknown fields encode (or fail) as protobuf-es has them", () => {
  const general = (schema: DescMessage, init: unknown) => outcome(() => encodeFrame(toBinary(schema, create(schema, init as never))));
  for (const [schema, init] of [
    [RequestSchema, { name: 42 }], [ErrorSchema, { code: 1.5 }], [ErrorSchema, { code: 2 ** 31 }], [GraphRequestSchema, { depth: -1 }],
    [AckRequestSchema, { success: "yes" }], [BlobReadResponseSchema, { blob: [1, 2, 3] }], [RequestSchema, { name: null }],
    [RequestSchema, undefined], [RequestSchema, fromBinary(RequestSchema, Buffer.from([0x0a, 0x01, 0x61, 0xf8, 0x07, 0x01]))],
  ] as [DescMessage, unknown][]) {
    const want = general(schema, init);
    const got = outcome(() => encodeFramed("proto", schema, init));
    assert.deepEqual(got, want, `${schema.typeName} ${String(JSON.stringify(init))}`);
  }
  // not flat (int64, map): protobuf-es's own way
  const record = { key: "k", value: new Uint8Array([1]), expiry: 5n };
  assert.deepEqual(encodeFramed("proto", RecordSchema, record), encodeFrame(toBinary(RecordSchema, create(RecordSchema, record))));
  assert.throws(() => decodeMessage("proto", RequestSchema, Buffer.from([0x0a, 0x05, 0x61])), (e: unknown) => e instanceof MicroError && e.code === 400);
});
