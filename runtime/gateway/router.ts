// Path → (service, endpoint): google.api.http bindings of the namespace's services first (then of the "micro"
// builtins), else Micro's default rule. Bindings are read from the registry and kept for `ttlMs`, so the
// registry is listed at most once a second per namespace whatever the request rate.
import type { Registry } from "../registry/types.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";
import { MicroError } from "../rpc/errors.js";
import { compileHttpRoutes, matchHttpRoute, type HttpRoute } from "./http-rules.js";
import { resolveMicroPath } from "../../generators/rules/index.js";

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

interface Entry { expires: number; routes: Promise<HttpRoute[]> }

const MAX_NAMESPACES = 1000;

export class Router {
  private readonly tables = new Map<string, Entry>();

  constructor(private readonly registry: Registry, private readonly ttlMs = 1000) {}

  async route(method: string, rawPath: string, namespace: string): Promise<Route> {
    for (const ns of namespace === ADMIN_NAMESPACE ? [namespace] : [namespace, ADMIN_NAMESPACE]) {
      const match = matchHttpRoute(await this.routesOf(ns), method, rawPath);
      if (match) {
        const { route, vars } = match;
        return { service: route.service, endpoint: route.endpoint, vars, body: route.body, responseBody: route.responseBody };
      }
    }
    const target = resolveMicroPath(rawPath);
    if (!target) throw new MicroError("micro.api", 400, `invalid path: ${printable(rawPath)}`);
    return { ...target, vars: {}, body: "*", responseBody: "" };
  }

  private routesOf(namespace: string): Promise<HttpRoute[]> {
    const now = Date.now();
    const cached = this.tables.get(namespace);
    if (cached && cached.expires > now) return cached.routes;
    const routes = this.registry.listServices({ domain: namespace })
      .then((services) => services.flatMap(compileHttpRoutes), () => []);
    if (this.tables.size >= MAX_NAMESPACES && !cached) this.tables.delete(this.tables.keys().next().value!);
    this.tables.set(namespace, { expires: now + this.ttlMs, routes });
    return routes;
  }
}

/** A path fit for an error message: bounded, control characters escaped. */
export function printable(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) + "…" : text;
  return cut.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
