// /openapi.json: an OpenAPI 3.0 document of the services in the caller's namespace, built from the registry —
// each endpoint under its canonical default Micro path and its google.api.http bindings (openapi-operations.ts),
// with request and response schemas from the descriptors the services registered. It lists only what the caller
// may call, and marks as public (no security) what an anonymous caller may call too. gRPC server reflection is
// registered like a service but is no HTTP API: it is left out.
import type * as http from "node:http";
import type { DescMethod } from "@bufbuild/protobuf";
import type { Registry, RegistryEndpoint, RegistryService } from "../registry/types.js";
import { DESCRIPTOR_KEY } from "../registry/describe.js";
import type { MethodKind, ServiceCatalog } from "./catalog.js";
import { parseHttpRules } from "./http-rules.js";
import { SchemaCollector, type Schema } from "./json-schema.js";
import {
  ERROR_RESPONSES, NAMESPACE_PARAMETER, OperationBuilder, OperationIds,
  type Binding, type Endpoint, type Operation, type SecurityRequirement,
} from "./openapi-operations.js";
import { defaultPaths, parsePathTemplate, resolveMicroPath } from "../../generators/rules/index.js";

export interface OpenApiOptions {
  namespace: string;
  /** The gateway's version (the document's info.version). */
  version: string;
  /** The gateway's URL as the caller reached it; default "/" (relative to the document). */
  server?: string;
  /** Whether the caller may call an endpoint; only those are listed (default: all). */
  callable?: (service: string, endpoint: string) => Promise<boolean>;
  /** Whether a caller without a token may call it; those operations need no security (default: all). */
  anonymous?: (service: string, endpoint: string) => Promise<boolean>;
}

const REFLECTION = /^grpc\.reflection\./;
/** Endpoints that check a secret and refuse repeated failures with 429 (runtime/auth/embedded.ts, ratelimit.ts). */
const RATE_LIMITED = new Set(["auth Auth.Token", "auth Accounts.ChangeSecret"]);
/** A bearer token in Authorization, or the same token in the micro-token cookie (namespace.ts tokenOf). */
const AUTHENTICATED: SecurityRequirement[] = [{ bearerAuth: [] }, { microToken: [] }];

const ERROR_SCHEMA: Schema = {
  type: "object",
  description: "Micro's error: the HTTP status equals `code`.",
  required: ["id", "code", "detail", "status"],
  properties: {
    id: { type: "string", description: "Who raised it: the service's name, or micro.api for the gateway." },
    code: { type: "integer", format: "int32", description: "The HTTP status code." },
    detail: { type: "string", description: "What went wrong." },
    status: { type: "string", description: "The status text, e.g. Not Found." },
  },
};

export async function openApiDocument(registry: Registry, catalog: ServiceCatalog, options: OpenApiOptions): Promise<object> {
  const callable = options.callable ?? (async () => true);
  const anonymous = options.anonymous ?? (async () => true);
  const schemas = new SchemaCollector();
  const builder = new OperationBuilder(schemas, new OperationIds());
  const paths: Record<string, Record<string, Operation>> = {};
  const tags: { name: string; description: string }[] = [];
  const defaults: { endpoint: Endpoint; canonical: string; aliases: string[] }[] = [];

  const services = pickVersions(await registry.listServices({ domain: options.namespace })).sort((a, b) => a.name.localeCompare(b.name));
  for (const record of services) {
    if (REFLECTION.test(record.name)) continue;
    const described = catalog.describe(record);
    const methods = new Map<string, DescMethod>();
    for (const s of described?.services ?? []) for (const m of s.methods) if (!methods.has(`${s.name}.${m.name}`)) methods.set(`${s.name}.${m.name}`, m);
    const protoServices = new Set<string>();
    for (const ep of record.endpoints) {
      const method = methods.get(ep.name);
      // With a descriptor, an endpoint it lacks is a 404 at the gateway (catalog.ts): nothing to document.
      if (described && !method) continue;
      if (method && REFLECTION.test(method.parent.typeName)) continue;
      if (!(await callable(record.name, ep.name))) continue;
      const endpoint: Endpoint = {
        service: record.name, endpoint: ep.name, method, kind: method?.methodKind ?? schemalessKind(ep),
        description: ep.metadata?.description, rateLimited: RATE_LIMITED.has(`${record.name} ${ep.name}`),
        security: (await anonymous(record.name, ep.name)) ? [] : AUTHENTICATED,
      };
      protoServices.add(method?.parent.typeName ?? ep.name.split(".")[0]!);
      parseHttpRules(ep.metadata?.http).forEach((rule, i) => {
        const binding = bindingOf(rule.method, rule.path, rule.body, rule.responseBody);
        const op = binding && builder.bindingOperation(endpoint, binding, i);
        // The first binding of a verb and path wins, as at the router (http-rules.ts matchHttpRoute).
        if (binding && op && !paths[binding.path]?.[binding.verb]) (paths[binding.path] ??= {})[binding.verb] = op;
      });
      const micro = microPaths(record.name, ep.name);
      if (micro) defaults.push({ endpoint, ...micro });
    }
    if (protoServices.size) {
      tags.push({ name: record.name, description: `The ${record.name} service (${record.version}): proto ${[...protoServices].join(", ")}.` });
    }
  }
  // Default paths after every binding: the router tries bindings first, so a binding shadows a default path.
  for (const { endpoint, canonical, aliases } of defaults) {
    for (const [verb, op] of Object.entries(builder.defaultOperations(endpoint, aliases))) {
      if (!paths[canonical]?.[verb]) (paths[canonical] ??= {})[verb] = op;
    }
  }

  const responses: Record<string, unknown> = {};
  for (const [code, { name, description }] of Object.entries(ERROR_RESPONSES)) {
    if (builder.usedResponses.has(code)) responses[name] = errorResponse(description);
  }
  responses.Error = errorResponse("Any other error a service answers with; its code is the HTTP status.");
  return {
    openapi: "3.0.3",
    info: { title: `Micro API (namespace ${options.namespace})`, version: options.version, description: describe(options.namespace) },
    servers: [{ url: options.server ?? "/", description: "This gateway" }],
    tags,
    paths,
    components: {
      schemas: { ...schemas.schemas, MicroError: ERROR_SCHEMA },
      responses,
      parameters: {
        [NAMESPACE_PARAMETER]: {
          name: "Micro-Namespace", in: "header", required: false, schema: { type: "string", pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" },
          description: `The namespace the call runs in (this document describes ${options.namespace}). Default: the host's subdomain (\`NS.localhost\`), else the token's issuer, else micro.`,
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from `micro login` or auth.Auth.Token, as `Authorization: Bearer <token>`." },
        microToken: { type: "apiKey", in: "cookie", name: "micro-token", description: "The same access token in the micro-token cookie (browsers)." },
      },
    },
  };
}

/** The headers of a request without its credentials (Authorization, cookies), asking for `namespace` outright. */
export function anonymousHeaders(headers: http.IncomingHttpHeaders, namespace: string): http.IncomingHttpHeaders {
  const { authorization: _authorization, cookie: _cookie, ...rest } = headers;
  return { ...rest, "micro-namespace": namespace };
}

function describe(namespace: string): string {
  return [
    `The HTTP API of the services in namespace ${namespace}, served by Micro's gateway, which turns each call into a gRPC call.`,
    "Each endpoint is listed once, under its canonical path `/[service]/[method]` (or `/[service]/[handler]/[method]`): " +
    "`x-micro-aliases` lists the other paths that reach it (the `/[service]` shorthand for `Call`, kebab-case spellings). " +
    "A GET takes the request from the query string, a POST from a JSON or form body; field names are the proto3 JSON " +
    "names (the proto names are accepted too). Send `Content-Type: application/x-protobuf` (or `Accept:`) for protobuf bytes.",
    "Server streams answer Server-Sent Events to `Accept: text/event-stream`; every stream can run over a WebSocket (`x-micro-stream`).",
    "Errors are always Micro's `{id, code, detail, status}`, with the HTTP status equal to `code`.",
  ].join("\n\n");
}

function errorResponse(description: string): object {
  return { description, content: { "application/json": { schema: { $ref: "#/components/schemas/MicroError" } } } };
}

/** Services without a descriptor: the gateway treats any streaming endpoint as bidi (catalog.ts). */
function schemalessKind(ep: RegistryEndpoint): MethodKind {
  return ep.metadata?.stream === "true" ? "bidi_streaming" : "unary";
}

/** A binding in OpenAPI's path templating; undefined when its template does not parse or has bare wildcards. */
function bindingOf(verb: string, template: string, body = "", responseBody = ""): Binding | undefined {
  let variables;
  try {
    variables = parsePathTemplate(template).variables;
  } catch {
    return undefined; // the router skips it too (http-rules.ts compileHttpRoutes)
  }
  const path = template.replace(/\{([^}=]+)(=[^}]*)?\}/g, "{$1}");
  if (path.includes("*")) return undefined;
  return { verb: verb.toLowerCase(), path, variables, body, responseBody };
}

/**
 * The canonical default path of an endpoint and its aliases: `/[service]/[method]` when it reaches the endpoint,
 * else `/[service]/[handler]/[method]`, else the `/[service]` shorthand; undefined when no default path does.
 */
function microPaths(service: string, endpoint: string): { canonical: string; aliases: string[] } | undefined {
  const [svc, rpc] = endpoint.split(".");
  if (!svc || !rpc) return undefined;
  const root = "/" + service.split(".").join("/");
  const paths = defaultPaths(service, svc, rpc);
  const canonical = paths.find((p) => p !== root) ?? paths[0];
  if (!canonical) return undefined;
  const aliases = paths.filter((p) => p !== canonical);
  for (const path of paths) {
    const kebab = root + path.slice(root.length).replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
    const target = resolveMicroPath(kebab);
    if (kebab !== path && target?.service === service && target.endpoint === endpoint && !aliases.includes(kebab)) aliases.push(kebab);
  }
  return { canonical, aliases };
}

/** One entry per service name: the version with a descriptor, else the first. */
function pickVersions(services: RegistryService[]): RegistryService[] {
  const byName = new Map<string, RegistryService>();
  for (const s of services) {
    const seen = byName.get(s.name);
    if (!seen || (!seen.metadata[DESCRIPTOR_KEY] && s.metadata[DESCRIPTOR_KEY])) byName.set(s.name, s);
  }
  return [...byName.values()];
}
