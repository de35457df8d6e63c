// Path → (service, endpoint), with the route tables of the namespace's services (route-tables.ts): the
// google.api.http bindings of the namespace's services, then of the "micro" builtins, matched in table order;
// then a default path, looked up exactly (empty segments ignored, as Micro's rule does). A path no table lists
// falls back to Micro's default rule — for services without a descriptor, whose spellings the rule decides;
// a service that has a table is served only at the paths it lists, so the table is the contract.
// Tables are read from the registry and kept for `ttlMs`: the registry is listed at most once a second per
// namespace, and a request costs a regex scan of the bindings and one map lookup.
import type { Registry } from "../registry/types.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";
import { MicroError } from "../rpc/errors.js";
import type { Route as TableRoute } from "../../generators/tables/index.js";
import { resolveMicroPath } from "../../generators/rules/index.js";
import { routesOfServices, type ServiceRoutes } from "./route-tables.js";

export interface Route {
  service: string;
  endpoint: string;
  /** Path variables by request field path (google.api.http bindings only). */
  vars: Record<string, string>;
  /** "*": the body is the whole request; "": no body; else the request field it fills. */
  body: string;
  /** "": the whole response; else the response field to send. */
  responseBody: string;
}

/** A namespace's routes, compiled for matching. */
export interface NamespaceRoutes {
  services: ServiceRoutes[];
  /** google.api.http routes in match order. */
  bindings: { route: TableRoute; regex: RegExp }[];
  /** Default routes by path; the first table listing a path keeps it. */
  paths: Map<string, TableRoute>;
  /** Services whose tables were generated from their descriptor. */
  described: Set<string>;
}

interface Entry { expires: number; routes: Promise<NamespaceRoutes> }

const MAX_NAMESPACES = 1000;
const EMPTY: NamespaceRoutes = { services: [], bindings: [], paths: new Map(), described: new Set() };

export class Router {
  private readonly tables = new Map<string, Entry>();

  constructor(private readonly registry: Registry, private readonly ttlMs = 1000) {}

  async route(method: string, rawPath: string, namespace: string): Promise<Route> {
    const spaces = await Promise.all((namespace === ADMIN_NAMESPACE ? [namespace] : [namespace, ADMIN_NAMESPACE]).map((ns) => this.routesOf(ns)));
    for (const space of spaces) {
      const match = matchBinding(space, method, rawPath);
      if (match) return match;
    }
    const path = normalize(rawPath);
    for (const space of spaces) {
      const route = space.paths.get(path);
      if (route) return { service: route.service, endpoint: route.endpoint, vars: {}, body: route.body, responseBody: route.responseBody };
    }
    const target = resolveMicroPath(rawPath);
    if (!target) throw new MicroError("micro.api", 400, `invalid path: ${printable(rawPath)}`);
    if (spaces.some((s) => s.described.has(target.service))) throw notListed(spaces, rawPath, target);
    return { ...target, vars: {}, body: "*", responseBody: "" };
  }

  /** The namespace's routes (cached for the TTL). */
  routesOf(namespace: string): Promise<NamespaceRoutes> {
    const now = Date.now();
    const cached = this.tables.get(namespace);
    if (cached && cached.expires > now) return cached.routes;
    const routes = this.registry.listServices({ domain: namespace }).then(compile, () => EMPTY);
    if (this.tables.size >= MAX_NAMESPACES && !cached) this.tables.delete(this.tables.keys().next().value!);
    this.tables.set(namespace, { expires: now + this.ttlMs, routes });
    return routes;
  }
}

function compile(records: Parameters<typeof routesOfServices>[0]): NamespaceRoutes {
  const services = routesOfServices(records);
  const out: NamespaceRoutes = { services, bindings: [], paths: new Map(), described: new Set() };
  for (const s of services) {
    if (s.model) out.described.add(s.record.name);
    for (const table of s.tables) {
      for (const route of table.routes) {
        if (route.source === "http") out.bindings.push({ route, regex: new RegExp(route.regex) });
        else if (!out.paths.has(route.path)) out.paths.set(route.path, route);
      }
    }
  }
  return out;
}

/** The first binding whose method and template match; a variable that is not valid percent-encoding is a 400. */
function matchBinding(space: NamespaceRoutes, method: string, rawPath: string): Route | undefined {
  for (const { route, regex } of space.bindings) {
    if (route.method !== method && !(method === "HEAD" && route.method === "GET")) continue;
    const m = regex.exec(rawPath);
    if (!m) continue;
    const vars: Record<string, string> = {};
    try {
      route.variables.forEach((v, i) => { vars[v.field] = decodeURIComponent(m[i + 1] ?? ""); });
    } catch {
      throw new MicroError("micro.api", 400, `invalid percent-encoding in path for ${route.endpoint}`);
    }
    return { service: route.service, endpoint: route.endpoint, vars, body: route.body, responseBody: route.responseBody };
  }
  return undefined;
}

/** The 404 for a path a service's table does not list: where the endpoint is served, or that it does not exist. */
function notListed(spaces: NamespaceRoutes[], rawPath: string, target: { service: string; endpoint: string }): MicroError {
  const at = spaces.flatMap((s) => [...s.paths.values()])
    .filter((r) => r.service === target.service && r.endpoint === target.endpoint).map((r) => r.path);
  return new MicroError("micro.api", 404, at.length
    ? `no route ${printable(rawPath)}: service ${target.service} serves ${target.endpoint} at ${at.join(", ")}`
    : `endpoint ${target.endpoint} not found on service ${target.service}`);
}

/** "/a//b/" → "/a/b": Micro's rule ignores empty segments, so the default paths it lists are looked up so. */
function normalize(rawPath: string): string {
  return rawPath.includes("//") || (rawPath.length > 1 && rawPath.endsWith("/"))
    ? "/" + rawPath.split("/").filter((p) => p.length > 0).join("/")
    : rawPath;
}

/** A path fit for an error message: bounded, control characters escaped. */
export function printable(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) + "…" : text;
  return cut.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
