// An OpenAPI 3.0 document of Micro services, from the model and their route tables: each endpoint under its
// canonical default Micro path (its other default paths listed as x-micro-aliases) and its google.api.http
// bindings, with request and response schemas from the model. protoc-gen-micro's `openapi` target writes one per
// proto file; the gateway's /openapi.json is this same function over the services of a namespace, adding only
// what depends on the request (the server's URL, which endpoints the caller may call, which need a token).
import type { MethodModel, StreamingKind } from "../../model/index.js";
import type { Route } from "../routes/index.js";
import { SchemaCollector, type Schema } from "./json-schema.js";
import {
  ERROR_RESPONSES, NAMESPACE_PARAMETER, OperationBuilder, OperationIds,
  type Binding, type Endpoint, type Operation, type SecurityRequirement,
} from "./operations.js";

export type { Endpoint, Operation, SecurityRequirement } from "./operations.js";

/** A bearer token in Authorization, or the same token in the micro-token cookie. */
export const AUTHENTICATED: SecurityRequirement[] = [{ bearerAuth: [] }, { microToken: [] }];

export interface ApiEndpoint {
  /** Registry service name. */
  readonly service: string;
  /** `ProtoService.Method`. */
  readonly endpoint: string;
  /** Undefined for a service known only by its registry entry. */
  readonly method?: MethodModel;
  readonly streaming: StreamingKind;
  readonly description?: string;
  /** Default: AUTHENTICATED. [] for an endpoint anyone may call. */
  readonly security?: SecurityRequirement[];
  /** Refused with 429 after repeated failures. */
  readonly rateLimited?: boolean;
  /** Whether its canonical path serves a GET with the request in the query (default true; the gateway refuses
   * it for builtin endpoints that change state). */
  readonly queryGet?: boolean;
  /** The endpoint's routes from its route table, in table order. */
  readonly routes: readonly Route[];
}

export interface ApiService {
  /** Registry service name: the operations' tag. */
  readonly name: string;
  readonly description: string;
  readonly endpoints: readonly ApiEndpoint[];
}

export interface ApiDocumentInput {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly server: string;
  /** What the Micro-Namespace parameter's description says the document covers. */
  readonly namespaceNote: string;
  readonly services: readonly ApiService[];
}

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

export function buildOpenApiDocument(input: ApiDocumentInput): Record<string, unknown> {
  const schemas = new SchemaCollector();
  const builder = new OperationBuilder(schemas, new OperationIds());
  const paths: Record<string, Record<string, Operation>> = {};
  const defaults: { endpoint: Endpoint; canonical: string; aliases: string[] }[] = [];
  const tags: { name: string; description: string }[] = [];

  for (const service of input.services) {
    if (service.endpoints.length === 0) continue;
    tags.push({ name: service.name, description: service.description });
    for (const api of service.endpoints) {
      const endpoint: Endpoint = {
        service: api.service, endpoint: api.endpoint, method: api.method, kind: api.streaming,
        description: api.description || undefined, rateLimited: api.rateLimited ?? false, queryGet: api.queryGet ?? true, security: api.security ?? AUTHENTICATED,
      };
      api.routes.filter((r) => r.source === "http").forEach((route, i) => {
        const binding = bindingOf(route);
        const op = binding && builder.bindingOperation(endpoint, binding, i);
        // The first binding of a verb and path wins, as at the gateway, which matches bindings in table order.
        if (binding && op && !paths[binding.path]?.[binding.verb]) (paths[binding.path] ??= {})[binding.verb] = op;
      });
      const micro = canonicalPath(api.routes);
      if (micro) defaults.push({ endpoint, ...micro });
    }
  }
  // Default paths after every binding: the gateway tries bindings first, so a binding shadows a default path.
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
    info: { title: input.title, version: input.version, description: input.description },
    servers: [{ url: input.server, description: "Micro's API gateway" }],
    tags,
    paths,
    components: {
      schemas: { ...schemas.schemas, MicroError: ERROR_SCHEMA },
      responses,
      parameters: {
        [NAMESPACE_PARAMETER]: {
          name: "Micro-Namespace", in: "header", required: false, schema: { type: "string", pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$" },
          description: `The namespace the call runs in (${input.namespaceNote}). Default: the host's subdomain (\`NS.localhost\`), else the token's issuer, else micro.`,
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "An access token from `micro login` or auth.Auth.Token, as `Authorization: Bearer <token>`." },
        microToken: { type: "apiKey", in: "cookie", name: "micro-token", description: "The same access token in the micro-token cookie (browsers)." },
      },
    },
  };
}

/** How Micro's gateway serves what the document lists; `scope` names what it covers ("namespace foo", a file). */
export function describeApi(scope: string): string {
  return [
    `The HTTP API of ${scope}, served by Micro's gateway, which turns each call into a gRPC call.`,
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

/** A binding in OpenAPI's path templating; undefined when it has bare wildcards, which OpenAPI cannot express. */
function bindingOf(route: Route): Binding | undefined {
  const path = route.path.replace(/\{([^}=]+)(=[^}]*)?\}/g, "{$1}");
  if (path.includes("*")) return undefined;
  return { verb: route.method.toLowerCase(), path, variables: route.variables, body: route.body, responseBody: route.responseBody };
}

/**
 * The canonical default path of an endpoint and its aliases: the first path of its table other than the
 * `/[service]` shorthand (tables list `/[service]/[method]` before the handler form, lowerCamel before
 * kebab-case), else the shorthand; undefined when it has no default route.
 */
function canonicalPath(routes: readonly Route[]): { canonical: string; aliases: string[] } | undefined {
  const defaults = routes.filter((r) => r.source === "default");
  if (defaults.length === 0) return undefined;
  const root = "/" + defaults[0]!.service.split(".").join("/");
  const paths = defaults.map((r) => r.path);
  const canonical = paths.find((p) => p !== root) ?? paths[0]!;
  return { canonical, aliases: paths.filter((p) => p !== canonical) };
}
