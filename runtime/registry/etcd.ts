// The registry on etcd, shared by every server pointed at it. One key per node,
// <prefix><domain>/<service>/<version>/<node id> (each segment URI-encoded, so namespaces stay apart and no name
// can reach into another's range), holding the version's description and the node. A TTL is an etcd lease on
// the node's key: each registration (a heartbeat) puts the key under a fresh lease, and etcd deletes the key when
// the heartbeats stop, whichever server they went through. Reads and watches come from this server's copy,
// kept current by one etcd watch (etcd-mirror.ts).
import type { Etcd3 } from "etcd3";
import { encode, RegistryMirror } from "./etcd-mirror.js";
import { DEFAULT_DOMAIN, type DomainOptions, type RegisterOptions, type Registry, type RegistryService, type WatchEvent, type WatchOptions } from "./types.js";

export const REGISTRY_PREFIX = "/micro/registry/";

const LEASE_SHARING_MS = 1000;

export class EtcdRegistry implements Registry {
  private readonly leases = new Map<number, { id: Promise<string>; grantedAt: number }>();

  static async open(client: Etcd3, prefix = REGISTRY_PREFIX): Promise<EtcdRegistry> {
    return new EtcdRegistry(client, prefix, await RegistryMirror.open(client, prefix));
  }

  private constructor(private readonly client: Etcd3, private readonly prefix: string, private readonly mirror: RegistryMirror) {}

  async register(service: RegistryService, options: RegisterOptions = {}): Promise<void> {
    validate(service);
    const domain = options.domain || DEFAULT_DOMAIN;
    const { nodes, ...description } = service;
    const putAll = async (lease: string | undefined) => Promise.all(nodes.map((node) => {
      const put = this.client.put(this.key(domain, service.name, service.version, node.id)).value(encode(description, node));
      return (lease ? put.lease(lease) : put).exec();
    }));
    const ttlMs = options.ttlMs;
    const puts = !ttlMs ? await putAll(undefined) : await putAll(await this.lease(ttlMs)).catch(async (err: Error) => {
      // a shared lease that expired meanwhile (a TTL at etcd's minimum): once more with a new one
      if (!/lease not found/i.test(err.message)) throw err;
      this.leases.clear();
      return putAll(await this.lease(ttlMs));
    });
    await this.caughtUp(puts.map((r) => r.header.revision));
  }

  async deregister(service: RegistryService, options: DomainOptions = {}): Promise<void> {
    const domain = options.domain || DEFAULT_DOMAIN;
    const deletes = service.nodes.length
      ? await Promise.all(service.nodes.map((n) => this.client.delete().key(this.key(domain, service.name, service.version, n.id)).exec()))
      : [await this.client.delete().prefix(`${this.key(domain, service.name, service.version)}/`).exec()];
    await this.caughtUp(deletes.map((r) => r.header.revision));
  }

  async getService(name: string, options: DomainOptions = {}): Promise<RegistryService[]> {
    return this.mirror.services(options.domain || DEFAULT_DOMAIN, name);
  }

  async listServices(options: DomainOptions = {}): Promise<RegistryService[]> {
    return this.mirror.services(options.domain || DEFAULT_DOMAIN).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  }

  async listDomains(): Promise<string[]> {
    return this.mirror.domainNames().sort();
  }

  watch(options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    return this.mirror.watch(options);
  }

  /** Ends every watch and the client. */
  close(): void {
    this.mirror.close();
    this.client.close();
  }

  /**
   * A lease of the TTL for a registration. A node's key must outlive its heartbeats by the TTL and no more, so it
   * gets a lease granted now; registrations with the same TTL within one second share one (etcd counts in whole
   * seconds anyway), which bounds lease grants to one a second per TTL however many services heartbeat.
   */
  private async lease(ttlMs: number): Promise<string> {
    // etcd raises very short leases to its minimum
    const ttl = Math.max(1, Math.ceil(ttlMs / 1000));
    const now = Date.now();
    const cached = this.leases.get(ttl);
    if (cached && now - cached.grantedAt < LEASE_SHARING_MS) return cached.id;
    const id = this.client.leaseClient.leaseGrant({ TTL: ttl }).then((r) => r.ID);
    this.leases.set(ttl, { id, grantedAt: now });
    id.catch(() => this.leases.delete(ttl));
    return id;
  }

  private caughtUp(revisions: string[]): Promise<void> {
    const latest = revisions.reduce((a, r) => (BigInt(r) > a ? BigInt(r) : a), 0n);
    return this.mirror.caughtUp(latest);
  }

  private key(domain: string, ...rest: string[]): string {
    return this.prefix + [domain, ...rest].map(encodeURIComponent).join("/");
  }
}

function validate(service: RegistryService): void {
  if (!service.name) throw new RangeError("service name is required");
  for (const n of service.nodes) if (!n.id || !n.address) throw new RangeError(`node of ${service.name} needs an id and an address`);
}
