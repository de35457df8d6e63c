// The registry on etcd, shared by every server pointed at it. One key per node,
// <prefix><domain>/<service>/<version>/<node id> (each segment URI-encoded, so namespaces stay apart and no name
// can reach into another's range), holding the version's description and the node. A TTL is an etcd lease on
// the node's key: each registration (a heartbeat) puts the key under a fresh lease, and etcd deletes the key when
// the heartbeats stop, whichever server they went through. Watches turn etcd's per-key puts and deletes into
// the same create/update/delete events MemoryRegistry emits, from a snapshot taken at the watch's start revision.
import type { Etcd3, IKeyValue } from "etcd3";
import { AsyncQueue } from "../events/async-queue.js";
import {
  DEFAULT_DOMAIN, type DomainOptions, type RegisterOptions, type Registry, type RegistryNode, type RegistryService, type WatchEvent, type WatchOptions,
} from "./types.js";

type Description = Omit<RegistryService, "nodes">;
interface Stored { service: Description; node: Omit<RegistryNode, "port"> & { port?: string } }
interface Entry { service: Description; nodes: Map<string, RegistryNode> }

export const REGISTRY_PREFIX = "/micro/registry/";

export class EtcdRegistry implements Registry {
  private readonly watches = new Set<AsyncQueue<WatchEvent>>();

  constructor(private readonly client: Etcd3, private readonly prefix = REGISTRY_PREFIX) {}

  async register(service: RegistryService, options: RegisterOptions = {}): Promise<void> {
    validate(service);
    const domain = options.domain || DEFAULT_DOMAIN;
    const { nodes, ...description } = service;
    // etcd counts leases in whole seconds (and raises very short ones to its minimum)
    const lease = options.ttlMs ? (await this.client.leaseClient.leaseGrant({ TTL: Math.max(1, Math.ceil(options.ttlMs / 1000)) })).ID : undefined;
    await Promise.all(nodes.map((node) => {
      const put = this.client.put(this.key(domain, service.name, service.version, node.id)).value(encode(description, node));
      return lease ? put.lease(lease) : put;
    }));
  }

  async deregister(service: RegistryService, options: DomainOptions = {}): Promise<void> {
    const domain = options.domain || DEFAULT_DOMAIN;
    if (!service.nodes.length) {
      await this.client.delete().prefix(`${this.key(domain, service.name, service.version)}/`);
      return;
    }
    await Promise.all(service.nodes.map((n) => this.client.delete().key(this.key(domain, service.name, service.version, n.id))));
  }

  async getService(name: string, options: DomainOptions = {}): Promise<RegistryService[]> {
    return [...(await this.entries(`${this.key(options.domain || DEFAULT_DOMAIN, name)}/`)).values()].map(snapshot);
  }

  async listServices(options: DomainOptions = {}): Promise<RegistryService[]> {
    return [...(await this.entries(`${this.key(options.domain || DEFAULT_DOMAIN)}/`)).values()].map(snapshot)
      .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  }

  async listDomains(): Promise<string[]> {
    const keys = await this.client.getAll().prefix(this.prefix).keys();
    return [...new Set(keys.map((k) => decodeURIComponent(k.slice(this.prefix.length).split("/")[0]!)))].sort();
  }

  async *watch(options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    if (options.signal?.aborted) return;
    const domain = options.domain || DEFAULT_DOMAIN;
    const base = options.service ? `${this.key(domain, options.service)}/` : `${this.key(domain)}/`;
    const queue = new AsyncQueue<WatchEvent>();
    this.watches.add(queue);
    const stop = () => queue.close();
    options.signal?.addEventListener("abort", stop, { once: true });
    // the state the events are computed against: as of one revision, then every change after it, in order
    const first = await this.client.getAll().prefix(base).exec();
    const state = new Map<string, Entry>();
    for (const kv of first.kvs) this.apply(state, "put", kv);
    const watcher = await this.client.watch().prefix(base).startRevision(String(BigInt(first.header.revision) + 1n)).create();
    const push = (event: WatchEvent | undefined) => event && queue.push(event);
    watcher.on("put", (kv) => push(this.apply(state, "put", kv)));
    watcher.on("delete", (kv) => push(this.apply(state, "delete", kv)));
    watcher.on("error", () => queue.close());
    try {
      yield* queue;
    } finally {
      options.signal?.removeEventListener("abort", stop);
      this.watches.delete(queue);
      await watcher.cancel().catch(() => undefined);
    }
  }

  /** Ends every watch and the client. */
  close(): void {
    for (const q of this.watches) q.close();
    this.client.close();
  }

  /** Applies one key's change to a watch's state; the event MemoryRegistry would emit for it, if any. */
  private apply(state: Map<string, Entry>, kind: "put" | "delete", kv: IKeyValue): WatchEvent | undefined {
    const [, name, version, id] = kv.key.toString().slice(this.prefix.length).split("/").map(decodeURIComponent);
    if (name === undefined || version === undefined || id === undefined) return undefined;
    const at = `${name}\0${version}`;
    const entry = state.get(at);
    const event = (action: WatchEvent["action"], service: RegistryService): WatchEvent => ({ action, service, timestamp: Math.floor(Date.now() / 1000) });
    if (kind === "delete") {
      if (!entry?.nodes.delete(id)) return undefined;
      if (entry.nodes.size) return event("update", snapshot(entry));
      state.delete(at);
      return event("delete", { ...entry.service, nodes: [] });
    }
    const { service, node } = decode(kv.value);
    if (!entry) {
      state.set(at, { service, nodes: new Map([[id, node]]) });
      return event("create", snapshot(state.get(at)!));
    }
    const changed = JSON.stringify(entry.service) !== JSON.stringify(service) || !entry.nodes.has(id);
    entry.service = service;
    entry.nodes.set(id, node);
    return changed ? event("update", snapshot(entry)) : undefined;
  }

  /** The versions under a key prefix, each described as its most recently registered node describes it. */
  private async entries(prefix: string): Promise<Map<string, Entry>> {
    const { kvs } = await this.client.getAll().prefix(prefix).exec();
    const state = new Map<string, Entry & { revision: bigint }>();
    for (const kv of kvs) {
      const [, name, version, id] = kv.key.toString().slice(this.prefix.length).split("/").map(decodeURIComponent);
      const { service, node } = decode(kv.value);
      const revision = BigInt(kv.mod_revision);
      const at = `${name}\0${version}`;
      const entry = state.get(at);
      if (!entry) state.set(at, { service, nodes: new Map([[id!, node]]), revision });
      else {
        entry.nodes.set(id!, node);
        if (revision > entry.revision) Object.assign(entry, { service, revision });
      }
    }
    return state;
  }

  private key(domain: string, ...rest: string[]): string {
    return this.prefix + [domain, ...rest].map(encodeURIComponent).join("/");
  }
}

function encode(service: Description, node: RegistryNode): string {
  const { port, ...rest } = node;
  return JSON.stringify({ service, node: port === undefined ? rest : { ...rest, port: port.toString() } } satisfies Stored);
}

function decode(value: Buffer): { service: Description; node: RegistryNode } {
  const { service, node } = JSON.parse(value.toString()) as Stored;
  const { port, ...rest } = node;
  return { service, node: port === undefined ? rest : { ...rest, port: BigInt(port) } };
}

function snapshot(entry: Entry): RegistryService {
  return { ...entry.service, nodes: [...entry.nodes.values()] };
}

function validate(service: RegistryService): void {
  if (!service.name) throw new RangeError("service name is required");
  for (const n of service.nodes) if (!n.id || !n.address) throw new RangeError(`node of ${service.name} needs an id and an address`);
}
