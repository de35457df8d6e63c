// The typed shapes shared by generated code, clients and servers: one service descriptor (protobuf-es's
// DescService, wrapped with docs by defineService) drives both sides, as in connect-es.
import type { DescMessage, DescMethod, DescService, MessageInitShape, MessageShape } from "@bufbuild/protobuf";

export type Metadata = Record<string, string>;

/** Per-call options on the client side. */
export interface CallOptions {
  /** Deadline relative to now, in milliseconds. */
  timeoutMs?: number;
  /** Extra request metadata (lower-case keys). */
  metadata?: Metadata;
  signal?: AbortSignal;
}

/** What a handler learns about the call it serves. */
export interface HandlerContext {
  /** Registry name of the service handling the call (e.g. "helloworld"). */
  readonly service: string;
  /** Micro endpoint name, `ProtoService.Method` (e.g. "Helloworld.Call"). */
  readonly endpoint: string;
  /** Full gRPC method path, e.g. "/helloworld.Helloworld/Call". */
  readonly path: string;
  /** Incoming metadata, lower-case keys. */
  readonly metadata: Metadata;
  /** Namespace of the call: the micro-namespace header, else "micro", until the auth layer settles it — in the
   * server's builtins the one the front door admitted, in a framework service the service's own namespace
   * (runtime/service/verify.ts), whatever the header says. */
  namespace: string;
  readonly deadline?: Date;
  /** Aborted when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** Set by the auth layer once the caller is verified: the account its token proves (possibly of another
   * namespace); undefined for an anonymous call the front door admitted to a public endpoint. */
  account?: CallerAccount;
  /** For server-streaming methods: further raw messages the client sends on the same stream (e.g. acks). */
  readonly incoming?: AsyncIterable<Uint8Array>;
}

export interface CallerAccount {
  id: string;
  type: string;
  issuer: string;
  scopes: string[];
  name?: string;
  metadata?: Record<string, string>;
}

type In<M extends DescMethod> = M["input"];
type Out<M extends DescMethod> = M["output"];
type Shape<D extends DescMessage> = MessageShape<D>;
type Init<D extends DescMessage> = MessageInitShape<D>;

/** A value or a promise of it: what a unary or client-streaming handler returns. */
export type MaybePromise<T> = T | Promise<T>;

/** What a handler answers with for a response schema: the message, or a plain object initialising it. Generated
 * handler interfaces spell their results with it (`MaybePromise<Reply<typeof ResponseSchema>>`). */
export type Reply<D extends DescMessage> = MessageInitShape<D>;

/** A server-side implementation of one method, by streaming kind. */
export type MethodImpl<M extends DescMethod> =
  M["methodKind"] extends "unary" ? (request: Shape<In<M>>, ctx: HandlerContext) => MaybePromise<Reply<Out<M>>>
  : M["methodKind"] extends "server_streaming" ? (request: Shape<In<M>>, ctx: HandlerContext) => AsyncIterable<Reply<Out<M>>>
  : M["methodKind"] extends "client_streaming" ? (requests: AsyncIterable<Shape<In<M>>>, ctx: HandlerContext) => MaybePromise<Reply<Out<M>>>
  : (requests: AsyncIterable<Shape<In<M>>>, ctx: HandlerContext) => AsyncIterable<Reply<Out<M>>>;

/** A client-side stub for one method, by streaming kind. */
export type MethodCall<M extends DescMethod> =
  M["methodKind"] extends "unary" ? (request: Init<In<M>>, options?: CallOptions) => Promise<Shape<Out<M>>>
  : M["methodKind"] extends "server_streaming" ? (request: Init<In<M>>, options?: CallOptions) => AsyncIterable<Shape<Out<M>>>
  : M["methodKind"] extends "client_streaming" ? (requests: AsyncIterable<Init<In<M>>>, options?: CallOptions) => Promise<Shape<Out<M>>>
  : (requests: AsyncIterable<Init<In<M>>>, options?: CallOptions) => AsyncIterable<Shape<Out<M>>>;

/** Every method of a service implemented: what `Service.handle` accepts. */
export type ServiceImpl<S extends DescService> = { [K in keyof S["method"]]: MethodImpl<S["method"][K]> };

/** Every method of a service as a typed call. */
export type ServiceClient<S extends DescService> = { [K in keyof S["method"]]: MethodCall<S["method"][K]> };

/** An HTTP binding from google.api.http, as the generator found it. */
export interface HttpRule {
  method: string;
  path: string;
  body?: string;
  responseBody?: string;
}

export interface MethodInfo {
  /** Leading proto comment. */
  doc?: string;
  http?: HttpRule[];
}

/** The generated service definition: protobuf-es's descriptor plus what source comments and options add. */
export interface ServiceDef<S extends DescService = DescService> {
  readonly desc: S;
  readonly doc?: string;
  readonly methods: { readonly [K in keyof S["method"]]?: MethodInfo };
  /** The proto comments of its file and imports, which the descriptor from protoc-gen-es lacks: base64 of a
   * FileDescriptorSet holding only names and source_code_info. Registered with the descriptor (registry/describe.ts). */
  readonly comments?: string;
}

/** A raw-bytes transport: the typed client encodes and decodes around it. */
export interface Transport {
  unary(method: DescMethod, request: Uint8Array, options: CallOptions): Promise<Uint8Array>;
  /** Any streaming kind; the request side ends when `requests` ends. */
  stream(method: DescMethod, requests: AsyncIterable<Uint8Array>, options: CallOptions): AsyncIterable<Uint8Array>;
}
