// createClient(service, transport): typed stubs for every method, encoding and decoding around a raw transport.
import { create, fromBinary, toBinary, type DescMessage, type DescMethod, type DescService } from "@bufbuild/protobuf";
import { toServiceDef } from "./define.js";
import type { CallOptions, ServiceClient, ServiceDef, Transport } from "./types.js";

export function createClient<S extends DescService>(service: ServiceDef<S> | S, transport: Transport): ServiceClient<S> {
  const def = toServiceDef(service);
  const client: Record<string, unknown> = {};
  for (const method of def.desc.methods) client[method.localName] = stubFor(method, transport);
  return client as ServiceClient<S>;
}

function stubFor(method: DescMethod, transport: Transport) {
  const { input, output } = method;
  switch (method.methodKind) {
    case "unary":
      return async (request: unknown, options: CallOptions = {}) =>
        fromBinary(output, await transport.unary(method, encode(input, request), options));
    case "server_streaming":
      return (request: unknown, options: CallOptions = {}) =>
        decodeAll(output, transport.stream(method, single(encode(input, request)), options));
    case "client_streaming":
      return async (requests: AsyncIterable<unknown>, options: CallOptions = {}) => {
        for await (const reply of decodeAll(output, transport.stream(method, encodeAll(input, requests), options))) return reply;
        throw new Error(`${method.name}: the server closed the stream without a response`);
      };
    case "bidi_streaming":
      return (requests: AsyncIterable<unknown>, options: CallOptions = {}) =>
        decodeAll(output, transport.stream(method, encodeAll(input, requests), options));
  }
}

export function encode(schema: DescMessage, init: unknown): Uint8Array {
  return toBinary(schema, create(schema, (init ?? {}) as never));
}

async function* encodeAll(schema: DescMessage, source: AsyncIterable<unknown>) {
  for await (const init of source) yield encode(schema, init);
}

async function* decodeAll(schema: DescMessage, source: AsyncIterable<Uint8Array>) {
  for await (const bytes of source) yield fromBinary(schema, bytes);
}

async function* single<T>(value: T) {
  yield value;
}
