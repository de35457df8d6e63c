// The routing table, read from the registry as Micro 3.0's registry router builds it: one route per registered
// node (service name → node address), its network the namespace, advertised by this server's router, link "local",
// metric 1. There is nothing to write: the table changes when services register, deregister or lapse.
import { randomUUID } from "node:crypto";
import type { Registry, RegistryService, WatchAction } from "../registry/types.js";

export interface Route {
  service: string;
  address: string;
  gateway: string;
  network: string;
  router: string;
  link: string;
  metric: bigint;
  metadata: Record<string, string>;
}

/** Filters of Network.Routes (Query) and Router.Lookup (LookupOptions); empty fields match everything. */
export interface RouteFilter { service?: string; address?: string; gateway?: string; router?: string; network?: string; link?: string }

export interface RouteEvent { type: WatchAction; route: Route; timestamp: number }

export const LOCAL_LINK = "local";
export const DEFAULT_METRIC = 1n;

export class RouteTable {
  /** This server's router id, in every route it advertises. */
  readonly id = randomUUID();

  constructor(private readonly registry: Registry) {}

  /** The namespace's routes (of one service when filter.service is set), sorted by service then address. */
  async routes(namespace: string, filter: RouteFilter = {}): Promise<Route[]> {
    const services = filter.service
      ? await this.registry.getService(filter.service, { domain: namespace })
      : await this.registry.listServices({ domain: namespace });
    return services.flatMap((s) => this.routesOf(s, namespace)).filter((r) => matches(r, filter))
      .sort((a, b) => a.service.localeCompare(b.service) || a.address.localeCompare(b.address));
  }

  /** The names of the namespace's services, sorted, each once. */
  async services(namespace: string): Promise<string[]> {
    return [...new Set((await this.registry.listServices({ domain: namespace })).map((s) => s.name))].sort();
  }

  /**
   * Every change to the namespace's routes until `signal` aborts: a node that appears is a create, one that
   * goes a delete, one whose address or metadata changed an update (the registry reports whole service
   * versions, so the table diffs each against what it saw before).
   */
  async *watch(namespace: string, signal: AbortSignal): AsyncIterable<RouteEvent> {
    const events = this.registry.watch({ domain: namespace, signal })[Symbol.asyncIterator]();
    // subscribed once next() runs the watch up to its first wait: the snapshot below misses no change
    let pending = events.next();
    const known = new Map<string, Map<string, Route>>();
    for (const s of await this.registry.listServices({ domain: namespace })) known.set(versionKey(s), this.byNode(s, namespace));
    for (;;) {
      const next = await pending;
      if (next.done) return;
      const { action, service, timestamp } = next.value;
      const before = known.get(versionKey(service)) ?? new Map<string, Route>();
      const after = action === "delete" ? new Map<string, Route>() : this.byNode(service, namespace);
      if (after.size > 0) known.set(versionKey(service), after);
      else known.delete(versionKey(service));
      for (const [id, route] of after) {
        const old = before.get(id);
        if (!old) yield { type: "create", route, timestamp };
        else if (JSON.stringify(old, bigints) !== JSON.stringify(route, bigints)) yield { type: "update", route, timestamp };
      }
      for (const [id, route] of before) if (!after.has(id)) yield { type: "delete", route, timestamp };
      pending = events.next();
    }
  }

  private routesOf(s: RegistryService, namespace: string): Route[] {
    return s.nodes.map((n) => ({
      service: s.name, address: n.address, gateway: "", network: namespace, router: this.id,
      link: LOCAL_LINK, metric: DEFAULT_METRIC, metadata: { ...n.metadata },
    }));
  }

  private byNode(s: RegistryService, namespace: string): Map<string, Route> {
    const routes = this.routesOf(s, namespace);
    return new Map(s.nodes.map((n, i) => [n.id, routes[i]!]));
  }
}

function versionKey(s: RegistryService): string {
  return `${s.name}\u0000${s.version}`;
}

function matches(r: Route, f: RouteFilter): boolean {
  return (!f.service || r.service === f.service) && (!f.address || r.address === f.address) &&
    (!f.gateway || r.gateway === f.gateway) && (!f.router || r.router === f.router) &&
    (!f.network || r.network === f.network) && (!f.link || r.link === f.link);
}

function bigints(_k: string, v: unknown) {
  return typeof v === "bigint" ? v.toString() : v;
}
