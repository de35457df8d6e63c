// Calling any method by descriptor: JSON → protobuf with the service's own types, the raw bytes through the
// proxy (micro-service names the target), protobuf → canonical JSON with default values shown. Streaming kinds
// yield each reply.
import { fromBinary, fromJson, toBinary, toJson, type DescMethod, type JsonValue } from "@bufbuild/protobuf";
import type { Session } from "../session/session.js";
import { CliError } from "../errors.js";
import { requireSchema, type FoundService } from "./lookup.js";

export interface InvokeOptions {
  timeoutMs?: number;
  metadata?: Record<string, string>;
}

export function encodeRequest(found: FoundService, method: DescMethod, request: JsonValue): Uint8Array {
  try {
    return toBinary(method.input, fromJson(method.input, request, { registry: requireSchema(found) }));
  } catch (err) {
    throw new CliError(`invalid request for ${method.parent.name}.${method.name}: ${(err as Error).message}`);
  }
}

/** Replies print with every field, zeros and empty lists included: proto3 JSON would leave them out, and a first
 * streamed message of `{}` (count 0) reads as if nothing came. Still canonical JSON, so `| jq` is unaffected. */
export function decodeReply(found: FoundService, method: DescMethod, bytes: Uint8Array): JsonValue {
  return toJson(method.output, fromBinary(method.output, bytes), { registry: requireSchema(found), alwaysEmitImplicit: true });
}

/** Every reply of the call: one for unary methods, as many as the server sends for streaming ones. */
export async function* invoke(session: Session, found: FoundService, method: DescMethod, request: JsonValue, options: InvokeOptions = {}): AsyncGenerator<JsonValue> {
  const body = encodeRequest(found, method, request);
  const transport = await session.transport(found.name);
  const callOptions = { timeoutMs: options.timeoutMs, metadata: options.metadata };
  if (method.methodKind === "unary") {
    yield decodeReply(found, method, await transport.unary(method, body, callOptions));
    return;
  }
  for await (const reply of transport.stream(method, once(body), callOptions)) yield decodeReply(found, method, reply);
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** Unary replies pretty-printed; streamed ones one compact JSON line each, printed as they arrive. */
export async function printReplies(out: NodeJS.WritableStream, method: Pick<DescMethod, "methodKind">, replies: AsyncIterable<JsonValue>, compact = false): Promise<void> {
  const oneLine = compact || method.methodKind !== "unary";
  for await (const reply of replies) out.write(JSON.stringify(reply, null, oneLine ? undefined : 2) + "\n");
}
