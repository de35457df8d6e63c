// GET /.well-known/micro/endpoints: what the web interface (runtime/web, :8082) shows of the caller's namespace —
// its services with their versions and (for callers who may read the registry) nodes, and the endpoints this
// caller may call, each with the JSON Schemas of its request and response. The schemas are the generators'
// endpoint schemas (buildEndpointSchemas, the ones MCP tools are built from) of the descriptor the service
// registered: the forms, the CLI's flags and /openapi.json are all read from one model. Admitted like
// /openapi.json and listed like it: only what this caller may call, and which of it needs no token.
import { buildEndpointSchemas, type EndpointSchema, type Schema, type StreamingKind } from "../../generators/tables/index.js";
import type { Registry, RegistryService } from "../registry/types.js";
import { schemalessKind } from "./http-rules.js";
import { routesOfServices } from "./route-tables.js";

export const ENDPOINTS_PATH = "/.well-known/micro/endpoints";
export const ENDPOINT_LISTING_FORMAT = "micro-web-endpoints/v1";

export interface ListedEndpoint {
  /** "Service.Method". */
  name: string;
  description: string;
  streaming: StreamingKind;
  /** The path the gateway serves it at by default (POST, JSON body), e.g. /helloworld/Helloworld/Call. */
  path: string;
  /** Callable without a token. */
  public: boolean;
  /** Absent when the service registered no descriptor: then only a JSON body can be written. */
  request?: Schema;
  response?: Schema;
  requestType?: string;
  responseType?: string;
}

export interface ListedService {
  name: string;
  /** Every registered version; nodes only for a caller who may read the registry itself. */
  versions: { version: string; nodes?: { id: string; address: string }[] }[];
  /** Whether the endpoints carry schemas (the service registered a descriptor). */
  described: boolean;
  endpoints: ListedEndpoint[];
}

export interface EndpointListing {
  format: typeof ENDPOINT_LISTING_FORMAT;
  namespace: string;
  services: ListedService[];
}

export interface EndpointListingOptions {
  namespace: string;
  callable: (service: string, endpoint: string) => Promise<boolean>;
  anonymous: (service: string, endpoint: string) => Promise<boolean>;
}

const REFLECTION = /^grpc\.reflection\./;

export async function endpointListing(registry: Registry, options: EndpointListingOptions): Promise<EndpointListing> {
  const records = await registry.listServices({ domain: options.namespace });
  const showNodes = await options.callable("registry", "Registry.GetService");
  const services: ListedService[] = [];
  for (const routes of routesOfServices(records).sort((a, b) => a.record.name.localeCompare(b.record.name))) {
    const name = routes.record.name;
    if (REFLECTION.test(name)) continue;
    const schemas = new Map<string, EndpointSchema>();
    for (const s of routes.model?.services ?? []) {
      for (const e of buildEndpointSchemas(routes.model!, s.fullName)) if (!schemas.has(e.endpoint)) schemas.set(e.endpoint, e);
    }
    const paths = routes.tables.flatMap((t) => t.routes).filter((r) => r.source === "default");
    const endpoints: ListedEndpoint[] = [];
    for (const ep of routes.record.endpoints) {
      const schema = schemas.get(ep.name);
      // With a descriptor, an endpoint it lacks is a 404 at the gateway: nothing to offer.
      if (routes.model && !schema) continue;
      if (REFLECTION.test(schema?.protoService ?? "") || !(await options.callable(name, ep.name))) continue;
      endpoints.push({
        name: ep.name,
        description: ep.metadata?.description || schema?.description || "",
        streaming: schema?.streaming ?? schemalessKind(ep),
        path: paths.find((r) => r.endpoint === ep.name)?.path ?? `/${name}/${ep.name.replace(".", "/")}`,
        public: await options.anonymous(name, ep.name),
        ...(schema && { request: schema.request, response: schema.response, requestType: schema.requestType, responseType: schema.responseType }),
      });
    }
    if (endpoints.length === 0) continue;
    services.push({ name, versions: versionsOf(records, name, showNodes), described: !!routes.model, endpoints });
  }
  return { format: ENDPOINT_LISTING_FORMAT, namespace: options.namespace, services };
}

function versionsOf(records: readonly RegistryService[], name: string, showNodes: boolean): ListedService["versions"] {
  return records.filter((r) => r.name === name).map((r) => ({
    version: r.version,
    ...(showNodes && { nodes: r.nodes.map((n) => ({ id: n.id, address: n.address })) }),
  }));
}
