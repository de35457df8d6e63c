// /openapi.json: the OpenAPI document of the services in the caller's namespace. It is the document
// protoc-gen-micro's `openapi` target writes, built by the same function (buildOpenApiDocument) from the same
// inputs — each service's model and route table as the gateway routes with them (route-tables.ts) — and only
// what depends on the request is added here: the server's URL as the caller reached it, the endpoints this caller
// may call (the others are left out), and which of them need no token (no security). gRPC server reflection is
// registered like a service but is no HTTP API: it is left out.
import type * as http from "node:http";
import {
  AUTHENTICATED, buildOpenApiDocument, describeApi, type ApiEndpoint, type ApiService, type MethodModel,
} from "../../generators/tables/index.js";
import type { Registry } from "../registry/types.js";
import { isBuiltinService } from "../rpc/access.js";
import { MICRO_NAMESPACE } from "../wire/index.js";
import { isBuiltinRead } from "./builtin-reads.js";
import { schemalessKind } from "./http-rules.js";
import { routesOfServices, type ServiceRoutes } from "./route-tables.js";

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

export async function openApiDocument(registry: Registry, options: OpenApiOptions): Promise<object> {
  const callable = options.callable ?? (async () => true);
  const anonymous = options.anonymous ?? (async () => true);
  const listed = routesOfServices(await registry.listServices({ domain: options.namespace }))
    .sort((a, b) => a.record.name.localeCompare(b.record.name));
  const services: ApiService[] = [];
  for (const service of listed) {
    const name = service.record.name;
    if (REFLECTION.test(name)) continue;
    const methods = methodsOf(service);
    const routes = service.tables.flatMap((t) => t.routes);
    const protos = new Set<string>();
    const endpoints: ApiEndpoint[] = [];
    for (const ep of service.record.endpoints) {
      const method = methods.get(ep.name);
      // With a descriptor, an endpoint it lacks is a 404 at the gateway (catalog.ts): nothing to document.
      if (service.model && !method) continue;
      const proto = method?.desc.parent.typeName ?? ep.name.split(".")[0]!;
      if (REFLECTION.test(proto) || !(await callable(name, ep.name))) continue;
      protos.add(proto);
      endpoints.push({
        service: name, endpoint: ep.name, method, streaming: method?.streaming ?? schemalessKind(ep),
        description: ep.metadata?.description || method?.comments.leading.trim(),
        rateLimited: RATE_LIMITED.has(`${name} ${ep.name}`),
        // A builtin's endpoint that changes state answers a GET with 405 (builtin-reads.ts): only its POST is offered.
        queryGet: !isBuiltinService(name) || isBuiltinRead(name, ep.name),
        security: (await anonymous(name, ep.name)) ? [] : AUTHENTICATED,
        routes: routes.filter((r) => r.endpoint === ep.name),
      });
    }
    services.push({ name, description: `The ${name} service (${service.record.version}): proto ${[...protos].join(", ")}.`, endpoints });
  }
  return buildOpenApiDocument({
    title: `Micro API (namespace ${options.namespace})`,
    version: options.version,
    description: describeApi(`the services in namespace ${options.namespace}`),
    server: options.server ?? "/",
    namespaceNote: `this document describes ${options.namespace}`,
    services,
  });
}

/** The headers of a request without its credentials (Authorization, cookies), asking for `namespace` outright. */
export function anonymousHeaders(headers: http.IncomingHttpHeaders, namespace: string): http.IncomingHttpHeaders {
  const { authorization: _authorization, cookie: _cookie, ...rest } = headers;
  return { ...rest, [MICRO_NAMESPACE]: namespace };
}

/** `Service.Method` → its model (when two packages define the name, the first wins). */
function methodsOf(service: ServiceRoutes): Map<string, MethodModel> {
  const out = new Map<string, MethodModel>();
  for (const s of service.model?.services ?? []) for (const m of s.methods) if (!out.has(m.endpoint)) out.set(m.endpoint, m);
  return out;
}
