// /openapi.json: an OpenAPI 3.0 document of the services in the caller's namespace, built from the registry —
// each endpoint under its default Micro paths (POST) and its google.api.http bindings, with request and
// response schemas from the descriptors the services registered.
import type { DescMethod } from "@bufbuild/protobuf";
import type { Registry, RegistryService } from "../registry/types.js";
import { DESCRIPTOR_KEY } from "../registry/describe.js";
import type { ServiceCatalog } from "./catalog.js";
import { parseHttpRules } from "./http-rules.js";
import { SchemaCollector, type Schema } from "./json-schema.js";
import { resolveMicroPath } from "../../generators/emit/routes/micro-path.js";

type Operation = Record<string, unknown>;

const ERROR_SCHEMA: Schema = {
  type: "object",
  properties: { id: { type: "string" }, code: { type: "integer" }, detail: { type: "string" }, status: { type: "string" } },
};

/** `callable` filters the endpoints (by default all are listed). */
export async function openApiDocument(registry: Registry, catalog: ServiceCatalog, namespace: string, version: string,
  callable: (service: string, endpoint: string) => Promise<boolean> = async () => true): Promise<object> {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, Operation>> = {};
  const add = (path: string, verb: string, op: Operation) => { (paths[path] ??= {})[verb] = op; };

  for (const record of pickVersions(await registry.listServices({ domain: namespace }))) {
    const described = catalog.describe(record);
    const methods = new Map<string, DescMethod>();
    for (const s of described?.services ?? []) for (const m of s.methods) if (!methods.has(`${s.name}.${m.name}`)) methods.set(`${s.name}.${m.name}`, m);
    for (const endpoint of record.endpoints) {
      if (!(await callable(record.name, endpoint.name))) continue;
      const method = methods.get(endpoint.name);
      const op = (verb: string): Operation => operation(record.name, endpoint.name, verb, method, endpoint.metadata?.description, collector);
      for (const path of defaultPaths(record.name, endpoint.name)) add(path, "post", op("post"));
      for (const rule of parseHttpRules(endpoint.metadata?.http)) {
        const verb = rule.method.toLowerCase();
        add(rule.path.replace(/\{([^}=]+)(=[^}]*)?\}/g, "{$1}"), verb, op(verb));
      }
    }
  }
  return {
    openapi: "3.0.3",
    info: { title: `Micro API (namespace ${namespace})`, version },
    paths,
    components: { schemas: { ...collector.schemas, MicroError: ERROR_SCHEMA } },
  };
}

function operation(service: string, endpoint: string, verb: string, method: DescMethod | undefined, description: string | undefined,
  collector: SchemaCollector): Operation {
  const op: Operation = {
    operationId: `${service}.${endpoint}.${verb}`,
    tags: [service],
    summary: endpoint,
    responses: {
      "200": { description: "OK", content: { "application/json": { schema: method ? collector.ref(method.output) : {} } } },
      "204": { description: "Empty response" },
      default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/MicroError" } } } },
    },
  };
  if (description) op.description = description;
  if (method && method.methodKind !== "unary") op["x-micro-stream"] = method.methodKind;
  if (verb !== "get" && verb !== "delete") {
    op.requestBody = { content: { "application/json": { schema: method ? collector.ref(method.input) : {} } } };
  }
  return op;
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

/** The paths the default rule maps to `service` + `endpoint` (those that resolve back to it). */
export function defaultPaths(service: string, endpoint: string): string[] {
  const [svc, rpc] = endpoint.split(".");
  if (!svc || !rpc) return [];
  const lower = (w: string) => w[0]!.toLowerCase() + w.slice(1);
  const root = "/" + service.split(".").join("/");
  const candidates = [root, `${root}/${lower(rpc)}`, `${root}/${lower(svc)}/${lower(rpc)}`];
  return [...new Set(candidates)].filter((p) => {
    const t = resolveMicroPath(p);
    return t?.service === service && t.endpoint === endpoint;
  });
}
