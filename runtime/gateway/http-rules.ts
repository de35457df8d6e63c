// Routes of a service that registered no descriptor — Micro 3.0's Go services, or any runtime that does not
// publish one. Why this path exists: the gateway has no proto model of such a service, so the generated route
// table cannot be built; its registry entry is all there is. Its routes are each endpoint's default Micro paths
// and the google.api.http bindings the endpoint's "http" metadata lists ([{method, path, body?, responseBody?}]),
// in the generated table's shape (routes of the `routes` target), so the router and /openapi.json handle both
// alike. Without a schema, JSON names are unknown: variables and bodies keep the proto names they were given.
import { defaultPaths, parsePathTemplate } from "../../generators/rules/index.js";
import { defaultRoute, ROUTE_TABLE_FORMAT, type Route, type RouteTable } from "../../generators/tables/index.js";
import type { RegistryEndpoint, RegistryService } from "../registry/types.js";

export interface HttpRule { method: string; path: string; body?: string; responseBody?: string }

/** The bindings in an endpoint's "http" metadata; malformed text or entries are skipped. */
export function parseHttpRules(text: string | undefined): HttpRule[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  return (Array.isArray(parsed) ? parsed : []).filter((r): r is HttpRule =>
    typeof r?.path === "string" && typeof r.method === "string" &&
    (r.body === undefined || typeof r.body === "string") && (r.responseBody === undefined || typeof r.responseBody === "string"));
}

/** How the gateway calls an endpoint of a service without a descriptor: its registry entry says only whether it
 * streams, so a streaming endpoint is called as a bidi stream (catalog.ts), and routed and documented as one. */
export function schemalessKind(endpoint: RegistryEndpoint): "bidi_streaming" | "unary" {
  return endpoint.metadata?.stream === "true" ? "bidi_streaming" : "unary";
}

/** The route table of a service without a descriptor: bindings first, then default paths, as generated tables
 * order them. A binding whose template does not parse is skipped, not fatal. */
export function schemalessTable(service: RegistryService): RouteTable {
  const http: Route[] = [];
  const defaults: Route[] = [];
  for (const endpoint of service.endpoints) {
    const common = { service: service.name, endpoint: endpoint.name, streaming: schemalessKind(endpoint) } as const;
    for (const rule of parseHttpRules(endpoint.metadata?.http)) {
      let template;
      try {
        template = parsePathTemplate(rule.path);
      } catch {
        continue;
      }
      const body = rule.body ?? "";
      const responseBody = rule.responseBody ?? "";
      http.push({
        ...common, method: rule.method.toUpperCase(), path: rule.path, regex: template.regex,
        variables: template.variables.map((v) => ({ field: v.field, jsonPath: v.field.split("."), pattern: v.pattern })),
        body, bodyJson: body === "*" ? "" : body, responseBody, responseBodyJson: responseBody, source: "http",
      });
    }
    const dot = endpoint.name.indexOf(".");
    if (dot < 0) continue;
    for (const path of defaultPaths(service.name, endpoint.name.slice(0, dot), endpoint.name.slice(dot + 1))) {
      defaults.push(defaultRoute(common, path));
    }
  }
  return { format: ROUTE_TABLE_FORMAT, file: "", package: "", routes: [...http, ...defaults] };
}
