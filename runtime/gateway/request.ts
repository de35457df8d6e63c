// The protobuf request of a call, from its HTTP parts: query < body < path variables (later ones win), shaped by
// the method's schema and converted with fromJson — unknown fields and wrong types are 400s that name the field.
// Without a schema the merged JSON itself is sent (application/grpc+json).
import { fromJson, toBinary, type JsonValue } from "@bufbuild/protobuf";
import { MicroError } from "../rpc/errors.js";
import type { Body } from "./body.js";
import type { Target } from "./catalog.js";
import { coerceFields } from "./coerce.js";
import { explainJsonError } from "./json-errors.js";
import { deepMerge, isPlainObject, setPath, type JsonObject } from "./fields.js";
import type { Route } from "./router.js";

/** The request as JSON: what fromJson (or a schemaless service) receives. */
export function requestJson(target: Target, route: Route, query: JsonObject, body: Body): JsonObject {
  const input = target.method?.input;
  const shaped = (o: JsonObject) => (input ? coerceFields(input, o) : o);
  const request = shaped(query);
  if (route.body === "*") {
    if (body.kind === "json") {
      if (!isPlainObject(body.value)) throw new MicroError("micro.api", 400, "request body must be a JSON object");
      deepMerge(request, body.value);
    } else if (body.kind === "fields") {
      deepMerge(request, shaped(body.value));
    }
  } else if (route.body !== "" && body.kind !== "none" && body.kind !== "proto") {
    const wrapped: JsonObject = {};
    setPath(wrapped, route.body, body.value);
    deepMerge(request, body.kind === "fields" ? shaped(wrapped) : wrapped);
  }
  const vars: JsonObject = {};
  for (const [field, value] of Object.entries(route.vars)) setPath(vars, field, value);
  return deepMerge(request, shaped(vars));
}

/** Protobuf bytes of the request (or JSON bytes for a schemaless service). */
export function encodeRequest(target: Target, json: JsonObject): Uint8Array {
  if (!target.method) return Buffer.from(JSON.stringify(json));
  try {
    const message = fromJson(target.method.input, json as JsonValue, { registry: target.schema, ignoreUnknownFields: false });
    return toBinary(target.method.input, message);
  } catch (err) {
    throw new MicroError("micro.api", 400, explainJsonError(target.method.input, json, target.schema, err as Error));
  }
}
