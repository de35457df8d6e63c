// The embedded registry: in memory, because what it holds is live state that services re-assert by
// heartbeat; persisting it would only resurrect dead nodes after a restart.
import { EventEmitter, on } from "node:events";
import { ANY_DOMAIN, DEFAULT_DOMAIN, type DomainOptions, type RegisterOptions, type Registry, type RegistryNode, type RegistryService, type WatchEvent, type WatchOptions } from "./types.js";

interface NodeEntry { node: RegistryNode; expiresAt: number }
interface VersionEntry { service: Omit<RegistryService, "nodes">; nodes: Map<string, NodeEntry> }

export class MemoryRegistry implements Registry {
  private readonly domains = new Map<string, Map<string, Map<string, VersionEntry>>>();
  private readonly events = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 1000) {
    this.events.setMaxListeners(0);
    this.sweeper = setInterval(() => this.sweep(Date.now()), sweepIntervalMs);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.events.emit("close");
  }

  async register(service: RegistryService, options: RegisterOptions = {}): Promise<void> {
    validate(service);
    const domain = options.domain || DEFAULT_DOMAIN;
    const versions = getOrCreate(getOrCreate(this.domains, domain, () => new Map()), service.name, () => new Map());
    const existing = versions.get(service.version);
    const { nodes, ...rest } = service;
    const expiresAt = options.ttlMs ? Date.now() + options.ttlMs : Infinity;
    const entry: VersionEntry = existing ?? { service: rest, nodes: new Map() };
    const changed = !existing || JSON.stringify(existing.service, bigintSafe) !== JSON.stringify(rest, bigintSafe)
      || nodes.some((n) => !existing.nodes.has(n.id));
    entry.service = rest;
    for (const node of nodes) entry.nodes.set(node.id, { node, expiresAt });
    versions.set(service.version, entry);
    if (changed) this.emit(domain, existing ? "update" : "create", snapshot(entry));
  }

  async deregister(service: RegistryService, options: DomainOptions = {}): Promise<void> {
    const domain = options.domain || DEFAULT_DOMAIN;
    const versions = this.domains.get(domain)?.get(service.name);
    const entry = versions?.get(service.version);
    if (!versions || !entry) return;
    const ids = service.nodes.length ? service.nodes.map((n) => n.id) : [...entry.nodes.keys()];
    for (const id of ids) entry.nodes.delete(id);
    this.dropIfEmpty(domain, service.name, service.version, entry, { ...service, nodes: [] });
  }

  async getService(name: string, options: DomainOptions = {}): Promise<RegistryService[]> {
    const versions = this.domains.get(options.domain || DEFAULT_DOMAIN)?.get(name);
    return versions ? [...versions.values()].map(snapshot) : [];
  }

  async listServices(options: DomainOptions = {}): Promise<RegistryService[]> {
    const services = this.domains.get(options.domain || DEFAULT_DOMAIN);
    if (!services) return [];
    return [...services.values()].flatMap((versions) => [...versions.values()].map(snapshot))
      .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  }

  async listDomains(): Promise<string[]> {
    return [...this.domains.keys()].sort();
  }

  watch(options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    return watchEmitter(this.events, options);
  }

  /** Drops expired nodes; a version without nodes disappears with a delete event. */
  private sweep(now: number): void {
    for (const [domain, services] of this.domains) {
      for (const [name, versions] of services) {
        for (const [version, entry] of versions) {
          const before = entry.nodes.size;
          for (const [id, n] of entry.nodes) if (n.expiresAt <= now) entry.nodes.delete(id);
          if (entry.nodes.size !== before) this.dropIfEmpty(domain, name, version, entry, snapshot(entry));
        }
      }
    }
  }

  private dropIfEmpty(domain: string, name: string, version: string, entry: VersionEntry, service: RegistryService): void {
    const services = this.domains.get(domain);
    const versions = services?.get(name);
    if (!services || !versions) return;
    if (entry.nodes.size > 0) return this.emit(domain, "update", snapshot(entry));
    versions.delete(version);
    if (versions.size === 0) services.delete(name);
    if (services.size === 0) this.domains.delete(domain);
    this.emit(domain, "delete", service);
  }

  private emit(domain: string, action: WatchEvent["action"], service: RegistryService): void {
    this.events.emit("event", domain, { action, service, timestamp: Math.floor(Date.now() / 1000) } satisfies WatchEvent);
  }
}

function snapshot(entry: VersionEntry): RegistryService {
  // spelled out: V8 (node 20) builds `{ ...service, nodes }` on a slow path, and every call's look-up makes one
  const { name, version, metadata, endpoints } = entry.service;
  const nodes: RegistryNode[] = [];
  for (const n of entry.nodes.values()) nodes.push(n.node);
  return { name, version, metadata, endpoints, nodes };
}

function validate(service: RegistryService): void {
  if (!service.name) throw new RangeError("service name is required");
  for (const n of service.nodes) if (!n.id || !n.address) throw new RangeError(`node of ${service.name} needs an id and an address`);
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

function bigintSafe(_k: string, v: unknown) {
  return typeof v === "bigint" ? v.toString() : v;
}

/** A watch over an emitter of ("event", domain, WatchEvent) that ends on its "close": the memory registry's and the
 * etcd mirror's, which both hold the registry in memory. */
export async function* watchEmitter(events: EventEmitter, options: WatchOptions): AsyncIterable<WatchEvent> {
  const domain = options.domain || DEFAULT_DOMAIN;
  const closed = new AbortController();
  const onClose = () => closed.abort();
  events.once("close", onClose);
  const signal = options.signal ? AbortSignal.any([options.signal, closed.signal]) : closed.signal;
  try {
    for await (const [eventDomain, event] of on(events, "event", { signal }) as AsyncIterable<[string, WatchEvent]>) {
      if (domain !== ANY_DOMAIN && eventDomain !== domain) continue;
      if (options.service && event.service.name !== options.service) continue;
      yield event;
    }
  } catch (err) {
    if ((err as Error).name !== "AbortError") throw err;
  } finally {
    events.off("close", onClose);
  }
}
