// google.api.http bindings, as services publish them in their registry endpoint metadata ("http": JSON list of
// {method, path, body?, responseBody?}), compiled to matchers. The template grammar is the generator's
// (generators/rules/path-template.ts), so the gateway matches exactly what the route tables show.
import { parsePathTemplate } from "../../generators/rules/index.js";
import type { RegistryService } from "../registry/types.js";
import { MicroError } from "../rpc/errors.js";

export interface HttpRoute {
  service: string;
  endpoint: string;
  /** Upper-case HTTP method. */
  method: string;
  regex: RegExp;
  /** Request field paths (proto names, dotted) of the template's variables, in capture-group order. */
  fields: string[];
  /** "*": the body is the request; "": no body; else the request field the body fills. */
  body: string;
  /** "": the whole response; else the response field sent back. */
  responseBody: string;
}

export interface RouteMatch {
  route: HttpRoute;
  /** Variable values, percent-decoded, by field path. */
  vars: Record<string, string>;
}

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

/** Every binding of every endpoint of a service; a rule that does not parse is skipped, not fatal. */
export function compileHttpRoutes(service: RegistryService): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const endpoint of service.endpoints) {
    for (const rule of parseHttpRules(endpoint.metadata?.http)) {
      try {
        const template = parsePathTemplate(rule.path);
        routes.push({
          service: service.name,
          endpoint: endpoint.name,
          method: rule.method.toUpperCase(),
          regex: new RegExp(template.regex),
          fields: template.variables.map((v) => v.field),
          body: rule.body ?? "",
          responseBody: rule.responseBody ?? "",
        });
      } catch {
        continue;
      }
    }
  }
  return routes;
}

/** The first route whose method and template match; a variable that is not valid percent-encoding is a 400. */
export function matchHttpRoute(routes: readonly HttpRoute[], method: string, rawPath: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method && !(method === "HEAD" && route.method === "GET")) continue;
    const m = route.regex.exec(rawPath);
    if (!m) continue;
    const vars: Record<string, string> = {};
    try {
      route.fields.forEach((field, i) => { vars[field] = decodeURIComponent(m[i + 1] ?? ""); });
    } catch {
      throw new MicroError("micro.api", 400, `invalid percent-encoding in path for ${route.endpoint}`);
    }
    return { route, vars };
  }
  return undefined;
}
