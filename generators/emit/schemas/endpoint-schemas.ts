// Per endpoint, a self-contained JSON Schema of its request and of its response: what an MCP tool's inputSchema
// and outputSchema are, and what the web interface's forms are built from. The rules are OpenAPI's own
// (SchemaCollector: proto3 JSON names, 64-bit integers as strings, enums by name, well-known types inline); only
// the place of the definitions differs — `$defs` of the schema itself, so each stands alone — and a oneof's
// members each carry `"x-oneof": "<oneof name>"` (ONEOF_KEYWORD; an annotation validators ignore), so a form can
// offer a oneof as a choice of one member rather than only the description's note.
import type { MessageModel, Model, ServiceModel, StreamingKind } from "../../model/index.js";
import { SchemaCollector, wellKnownSchema, type Schema } from "../openapi/json-schema.js";

export type { Schema };

/** Where a standalone schema's definitions live. */
export const DEFS_PREFIX = "#/$defs/";

/** The annotation on a property that is a member of a (real, not proto3-optional) oneof: the oneof's name. */
export const ONEOF_KEYWORD = "x-oneof";

export interface EndpointSchema {
  /** Registry service name, e.g. "helloworld". */
  readonly service: string;
  /** Micro endpoint name, "Service.Method". */
  readonly endpoint: string;
  /** Proto service name, e.g. "Helloworld". */
  readonly protoService: string;
  /** Proto method name, e.g. "Call". */
  readonly method: string;
  /** The method's proto comment (leading, else trailing), trimmed; "" when it has none. */
  readonly description: string;
  readonly streaming: StreamingKind;
  readonly deprecated: boolean;
  /** Full proto names of the request and response messages. */
  readonly requestType: string;
  readonly responseType: string;
  /** Standalone JSON Schemas: the message's own schema at the top, what it refers to under `$defs`. */
  readonly request: Schema;
  readonly response: Schema;
}

/**
 * The endpoints of the proto services a registry service is made of, in proto order. `serviceName` is the
 * registry name (the proto package) or a proto service's full name; an unknown one is an error naming the known.
 */
export function buildEndpointSchemas(model: Model, serviceName: string): EndpointSchema[] {
  return servicesNamed(model, serviceName).flatMap((s) => serviceEndpointSchemas(s));
}

/** The endpoints of one proto service, under `registryName` when it registered under another name. */
export function serviceEndpointSchemas(s: ServiceModel, registryName = s.registryName): EndpointSchema[] {
  return s.methods.map((m) => ({
    service: registryName,
    endpoint: m.endpoint,
    protoService: s.name,
    method: m.name,
    description: (m.comments.leading || m.comments.trailing).trim(),
    streaming: m.streaming,
    deprecated: m.deprecated,
    requestType: m.input.fullName,
    responseType: m.output.fullName,
    request: messageSchema(m.input),
    response: messageSchema(m.output),
  }));
}

function servicesNamed(model: Model, name: string): ServiceModel[] {
  const byRegistry = model.services.filter((s) => s.registryName === name);
  if (byRegistry.length > 0) return byRegistry;
  const byProto = model.services.filter((s) => s.fullName === name);
  if (byProto.length > 0) return byProto;
  const known = [...new Set(model.services.map((s) => s.registryName))].join(", ") || "none";
  throw new Error(`no service ${JSON.stringify(name)} in these descriptors (services: ${known})`);
}

/**
 * The standalone JSON Schema of a message: its own schema inline (an object, as MCP's tool schemas must be),
 * the messages it reaches under `$defs`, refs `#/$defs/<full.name>`. The message itself is under `$defs` too
 * only when it is recursive. A fresh copy each call: callers may change it.
 */
export function messageSchema(message: MessageModel): Schema {
  const wkt = wellKnownSchema(message);
  if (wkt) return structuredClone(wkt);
  const collector = new SchemaCollector(DEFS_PREFIX);
  collector.ref(message);
  const all = collector.schemas;
  markOneofs(message, all);
  const root = all[message.fullName]!;
  const selfRef = JSON.stringify(`${DEFS_PREFIX}${message.fullName}`);
  const recursive = Object.values(all).some((s) => JSON.stringify(s).includes(selfRef));
  const defs = Object.fromEntries(Object.entries(all).filter(([name]) => recursive || name !== message.fullName));
  const schema: Schema = { ...root };
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return structuredClone(schema);
}

/** Marks the oneof members of every message reached from `message` (each property replaced, never changed in place:
 * the collector shares the well-known types' schemas). */
function markOneofs(message: MessageModel, schemas: Record<string, Schema>): void {
  const seen = new Set<string>();
  const visit = (m: MessageModel) => {
    if (seen.has(m.fullName)) return;
    seen.add(m.fullName);
    const props = schemas[m.fullName]?.properties as Record<string, Schema> | undefined;
    for (const f of m.fields) {
      if (f.oneof && props?.[f.jsonName]) props[f.jsonName] = { ...props[f.jsonName], [ONEOF_KEYWORD]: f.oneof };
      if (f.message) visit(f.message);
      if (f.map?.value.kind === "message") visit(f.map.value.message);
    }
  };
  visit(message);
}
