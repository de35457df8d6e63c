// The instance's protobuf reply → canonical proto3 JSON (toJson with the service's own type registry, so Any
// and well-known types print properly). A google.api.http response_body sends one field instead.
import { fromBinary, toJson, toJsonString, type JsonValue } from "@bufbuild/protobuf";
import { MicroError } from "../rpc/errors.js";
import type { Target } from "./catalog.js";

/** JSON text of one response message; undefined for an empty message (the caller answers 204). */
export function responseJson(target: Target, bytes: Uint8Array, responseBody = ""): string | undefined {
  if (!target.method) return bytes.length ? Buffer.from(bytes).toString("utf8") : undefined;
  if (bytes.length === 0 && !responseBody) return undefined;
  const output = target.method.output;
  let message;
  try {
    message = fromBinary(output, bytes);
  } catch (err) {
    throw new MicroError("micro.api", 502, `${target.service} answered with an undecodable ${output.typeName}: ${(err as Error).message}`);
  }
  if (!responseBody) return toJsonString(output, message, { registry: target.schema });
  const field = output.fields.find((f) => f.name === responseBody || f.jsonName === responseBody);
  const full = toJson(output, message, { registry: target.schema, alwaysEmitImplicit: true }) as Record<string, JsonValue>;
  return JSON.stringify(field ? full[field.jsonName] ?? null : full);
}
