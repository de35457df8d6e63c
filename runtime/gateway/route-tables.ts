// The route table of each registered service — what the gateway routes with, /openapi.json documents and
// GET /.well-known/micro/routes lists. A service that registered a descriptor gets the generated table itself:
// buildRouteTable, the function protoc-gen-micro's `routes` target runs, applied to the model of that descriptor
// under the name the service registered (a service registered as "foobar" implementing proto Helloworld is
// reached at /foobar/...). A service without one gets what its registry entry says (http-rules.ts).
// Tables are built once per distinct (name, descriptor), so listing a namespace costs map lookups.
import { buildRouteTable, modelOf, type Model, type RouteTable } from "../../generators/tables/index.js";
import { DESCRIPTOR_KEY, implemented, pickVersions } from "../registry/describe.js";
import { schemaOf } from "../registry/schema.js";
import type { RegistryService } from "../registry/types.js";
import { schemalessTable } from "./http-rules.js";

export interface ServiceRoutes {
  /** The registry entry the routes were built from (one version per name: see pickVersions). */
  record: RegistryService;
  /** The model of its descriptor; undefined when it registered none (or one that does not decode). */
  model?: Model;
  /** One table per proto file with services it implements; a single schemaless table without a model. */
  tables: RouteTable[];
}

interface Built { model: Model; tables: RouteTable[] }

const MAX_BUILT = 500;
const built = new Map<string, Built | null>();

/** The routes of every service of a registry listing, one version per name, in listing order. */
export function routesOfServices(services: readonly RegistryService[]): ServiceRoutes[] {
  return pickVersions(services).map(routesOf);
}

function routesOf(record: RegistryService): ServiceRoutes {
  const generated = generatedTables(record);
  return generated ? { record, ...generated } : { record, tables: [schemalessTable(record)] };
}

function generatedTables(record: RegistryService): Built | undefined {
  const text = record.metadata[DESCRIPTOR_KEY];
  if (!text) return undefined;
  const key = `${record.name}\n${implemented(record).join(",")}\n${text}`;
  let entry = built.get(key);
  if (entry === undefined) {
    entry = build(record);
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
    built.set(key, entry);
  }
  return entry ?? undefined;
}

function build(record: RegistryService): Built | null {
  try {
    const schema = schemaOf(record);
    if (!schema) return null;
    const model = modelOf(schema);
    // The proto services this entry lists endpoints of; a descriptor also carries its imports' services.
    const names = new Set(implemented(record));
    const services = new Set(model.services.filter((s) => names.size === 0 || names.has(s.name)).map((s) => s.fullName));
    const tables = model.files
      .filter((f) => f.services.some((s) => services.has(s.fullName)))
      .map((f) => buildRouteTable(f, { registryName: record.name, services }));
    return { model, tables };
  } catch {
    // A descriptor that does not decode, or a binding protoc-gen-micro would have refused: the service is
    // routed like one without a descriptor rather than failing every request of its namespace.
    return null;
  }
}
