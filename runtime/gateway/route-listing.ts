// GET /.well-known/micro/routes: the route tables the gateway routes the caller's namespace with, as JSON — for a
// service that registered a descriptor, the table protoc-gen-micro's `routes` target writes for its proto
// (`<stem>.routes.json`), under the name it registered. Admitted like /openapi.json, and like it, it lists only
// the routes of endpoints the caller may call. The "micro" builtins' bindings, which every namespace is routed
// with too, are listed by asking for namespace micro. A path whose first segment holds a dot never names a
// service (Micro's rule), so this one cannot shadow one.
import type { RouteTable } from "../../generators/tables/index.js";
import type { NamespaceRoutes } from "./router.js";

export const ROUTES_PATH = "/.well-known/micro/routes";
export const ROUTE_LISTING_FORMAT = "micro-gateway-routes/v1";

export interface RouteListing {
  format: typeof ROUTE_LISTING_FORMAT;
  namespace: string;
  services: {
    name: string;
    version: string;
    /** "descriptor": the generated tables; "registry": no descriptor, routes from its registry entry. */
    source: "descriptor" | "registry";
    tables: RouteTable[];
  }[];
}

export async function routeListing(routes: NamespaceRoutes, namespace: string, callable: (service: string, endpoint: string) => Promise<boolean>): Promise<RouteListing> {
  const services: RouteListing["services"] = [];
  for (const s of routes.services) {
    const name = s.record.name;
    const allowed = new Map<string, boolean>();
    for (const endpoint of new Set(s.tables.flatMap((t) => t.routes.map((r) => r.endpoint)))) {
      allowed.set(endpoint, await callable(name, endpoint));
    }
    const tables = s.tables
      .map((t) => ({ ...t, routes: t.routes.filter((r) => allowed.get(r.endpoint)) }))
      .filter((t) => t.routes.length > 0);
    if (tables.length) services.push({ name, version: s.record.version, source: s.model ? "descriptor" : "registry", tables });
  }
  return { format: ROUTE_LISTING_FORMAT, namespace, services };
}
