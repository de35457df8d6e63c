// Calling a service that registered no protobuf descriptor: the request as gRPC+JSON (application/grpc+json,
// proto field names, as Micro 3.0's JSON codec reads them), the replies printed as the JSON the service sent.
// Loaded only for such services, so calls to services with a descriptor (and the CLI's snapshot) pay nothing.
import type { DescMethod, JsonValue } from "@bufbuild/protobuf";
import type { Session } from "../session/session.js";
import type { H2CallOptions } from "../session/h2-transport.js";
import { CliError } from "../errors.js";
import type { InvokeOptions } from "./invoke.js";

/** The gRPC path Micro 3.0's client uses: `/<registry name>.<Handler>/<Method>`; its servers and ours route on the
 * `Handler/Method` part. The transport only reads these fields of a method. */
function pathMethod(service: string, endpoint: string, streaming: boolean): DescMethod {
  const [handler, name] = endpoint.split(".");
  if (!handler || !name) throw new CliError(`endpoint "${endpoint}" is not Service.Method`);
  return {
    name, methodKind: streaming ? "server_streaming" : "unary",
    parent: { typeName: `${service}.${handler}`, name: handler, file: { proto: { package: service } } },
  } as unknown as DescMethod;
}

export async function* invokeJson(session: Session, service: string, endpoint: string, request: JsonValue, streaming: boolean, options: InvokeOptions = {}): AsyncGenerator<JsonValue> {
  const method = pathMethod(service, endpoint, streaming);
  const transport = await session.transport(service);
  const callOptions: H2CallOptions = { timeoutMs: options.timeoutMs, metadata: options.metadata, json: true, holdOpen: true };
  const body = new TextEncoder().encode(JSON.stringify(request));
  if (!streaming) {
    yield decode(endpoint, await transport.unary(method, body, callOptions));
    return;
  }
  // Micro 3.0's client never half-closes a stream's request side, and its servers rely on that
  for await (const reply of transport.stream(method, once(body), callOptions)) yield decode(endpoint, reply);
}

function decode(endpoint: string, bytes: Uint8Array): JsonValue {
  const text = new TextDecoder().decode(bytes);
  try {
    return text.trim() === "" ? {} : JSON.parse(text) as JsonValue;
  } catch {
    throw new CliError(`the reply of ${endpoint} is not JSON: ${text.slice(0, 200)}`);
  }
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}
