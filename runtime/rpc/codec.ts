// The two message codecs an RPC server answers in, chosen per call by the request's content-type as Micro 3.0's
// server does: protobuf, or JSON for `application/grpc+json` (what Micro 3.0's CLI and dynamic calls send).
// JSON follows Micro 3.0's server codec (golang/protobuf jsonpb with OrigName and EmitDefaults): proto field
// names, every field emitted, enums by name, 64-bit integers as strings; requests may use proto or JSON names.
import { create, fromBinary, fromJsonString, toBinary, toJsonString, type DescMessage } from "@bufbuild/protobuf";
import { MicroError } from "./errors.js";
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
    if (codec === "proto") return fromBinary(schema, bytes);
    // An empty body is an empty message, as in Micro 3.0's codec.
    if (bytes.length === 0) return create(schema);
    return fromJsonString(schema, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (err) {
    throw new MicroError("micro.rpc", 400, `cannot decode ${schema.typeName}${codec === "json" ? " from JSON" : ""}: ${(err as Error).message}`);
  }
}

export function encodeMessage(codec: Codec, schema: DescMessage, init: unknown): Buffer {
  const msg = create(schema, (init ?? {}) as never);
  if (codec === "proto") return Buffer.from(toBinary(schema, msg));
  return Buffer.from(toJsonString(schema, msg, { useProtoFieldName: true, alwaysEmitImplicit: true }), "utf8");
}
