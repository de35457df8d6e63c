// A server's copy of the registry on etcd: one snapshot of the registry's keys, then one etcd watch from that
// revision keeping it current, so look-ups (every call the gateway and proxy resolve) are answered from memory
// and every watcher of this server shares the one etcd watch. Each key change becomes the event MemoryRegistry
// would emit for it (create, update on a new node or description, delete when a version's last node goes;
// heartbeats are silent). A write waits until the copy has caught up with it, so a server reads its own writes.
// If etcd cancels the watch (its history compacted past us) or it fails, the copy re-reads a snapshot and
// applies the difference, emitting events for what changed meanwhile; until then look-ups answer from the copy.
import { EventEmitter } from "node:events";
import type { Etcd3, Watcher } from "etcd3";
import type { RegistryNode, RegistryService, WatchEvent, WatchOptions } from "./types.js";
import { watchEmitter } from "./memory.js";

export type Description = Omit<RegistryService, "nodes">;
interface Stored { service: Description; node: Omit<RegistryNode, "port"> & { port?: string } }
interface Entry { service: Description; nodes: Map<string, RegistryNode> }

const CATCH_UP_MS = 5_000;
const RESYNC_MS = 1_000;

export class RegistryMirror {
  /** domain → "name\0version" → the version's description and nodes. */
  private readonly domains = new Map<string, Map<string, Entry>>();
  private readonly values = new Map<string, string>();
  private readonly emitter = new EventEmitter();
  private readonly waiters = new Set<{ revision: bigint; resolve: () => void }>();
  private revision = 0n;
  private watcher?: Watcher;
  private resync?: NodeJS.Timeout;
  private closed = false;

  static async open(client: Etcd3, prefix: string): Promise<RegistryMirror> {
    const mirror = new RegistryMirror(client, prefix);
    await mirror.sync();
    return mirror;
  }

  private constructor(private readonly client: Etcd3, private readonly prefix: string) {
    this.emitter.setMaxListeners(0);
  }

  services(domain: string, name?: string): RegistryService[] {
    const versions = [...(this.domains.get(domain)?.values() ?? [])];
    return (name === undefined ? versions : versions.filter((e) => e.service.name === name)).map(snapshot);
  }

  domainNames(): string[] {
    return [...this.domains.keys()];
  }

  /** Resolves once the copy reflects etcd at `revision` (or after a bound: the write happened either way). */
  caughtUp(revision: string | bigint): Promise<void> {
    const wanted = BigInt(revision);
    if (this.revision >= wanted || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { revision: wanted, resolve: () => { clearTimeout(timer); this.waiters.delete(waiter); resolve(); } };
      const timer = setTimeout(waiter.resolve, CATCH_UP_MS);
      this.waiters.add(waiter);
    });
  }

  watch(options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    return watchEmitter(this.emitter, options);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.resync);
    void this.watcher?.cancel().catch(() => undefined);
    for (const w of [...this.waiters]) w.resolve();
    this.emitter.emit("close");
  }

  /** Reads a snapshot, applies its difference from the copy, and watches from its revision on. */
  private async sync(): Promise<void> {
    const { kvs, header } = await this.client.getAll().prefix(this.prefix).exec();
    const fresh = new Map(kvs.map((kv) => [kv.key.toString(), kv.value.toString()]));
    for (const key of [...this.values.keys()]) if (!fresh.has(key)) this.apply(key, undefined);
    for (const [key, value] of fresh) this.apply(key, value);
    this.setRevision(BigInt(header.revision));
    const watcher = await this.client.watch().prefix(this.prefix).startRevision(String(this.revision + 1n)).create();
    if (this.closed) return void watcher.cancel().catch(() => undefined);
    this.watcher = watcher;
    watcher.on("data", (res) => {
      for (const ev of res.events) this.apply(ev.kv.key.toString(), ev.type === "Delete" ? undefined : ev.kv.value.toString());
      this.setRevision(BigInt(res.header.revision));
    });
    watcher.on("error", () => {
      void watcher.cancel().catch(() => undefined);
      this.scheduleResync();
    });
  }

  private scheduleResync(): void {
    if (this.closed) return;
    clearTimeout(this.resync);
    this.resync = setTimeout(() => void this.sync().catch(() => this.scheduleResync()), RESYNC_MS);
    this.resync.unref();
  }

  private setRevision(revision: bigint): void {
    if (revision > this.revision) this.revision = revision;
    for (const w of [...this.waiters]) if (this.revision >= w.revision) w.resolve();
  }

  /** One key's new value (undefined: deleted); emits what MemoryRegistry would for it. */
  private apply(key: string, value: string | undefined): void {
    const [domain, name, version, id] = key.slice(this.prefix.length).split("/").map(decodeURIComponent);
    if (domain === undefined || name === undefined || version === undefined || id === undefined) return;
    if (value !== undefined && this.values.get(key) === value) return;
    const versions = this.domains.get(domain) ?? new Map<string, Entry>();
    const at = `${name}\0${version}`;
    const entry = versions.get(at);
    if (value === undefined) {
      this.values.delete(key);
      if (!entry?.nodes.delete(id)) return;
      if (entry.nodes.size) return this.emit(domain, "update", snapshot(entry));
      versions.delete(at);
      if (!versions.size) this.domains.delete(domain);
      return this.emit(domain, "delete", { ...entry.service, nodes: [] });
    }
    this.values.set(key, value);
    const { service, node } = decode(value);
    if (!entry) {
      const created = { service, nodes: new Map([[id, node]]) };
      versions.set(at, created);
      this.domains.set(domain, versions);
      return this.emit(domain, "create", snapshot(created));
    }
    const changed = JSON.stringify(entry.service) !== JSON.stringify(service) || !entry.nodes.has(id);
    entry.service = service;
    entry.nodes.set(id, node);
    if (changed) this.emit(domain, "update", snapshot(entry));
  }

  private emit(domain: string, action: WatchEvent["action"], service: RegistryService): void {
    this.emitter.emit("event", domain, { action, service, timestamp: Math.floor(Date.now() / 1000) } satisfies WatchEvent);
  }
}

export function encode(service: Description, node: RegistryNode): string {
  const { port, ...rest } = node;
  return JSON.stringify({ service, node: port === undefined ? rest : { ...rest, port: port.toString() } } satisfies Stored);
}

function decode(value: string): { service: Description; node: RegistryNode } {
  const { service, node } = JSON.parse(value) as Stored;
  const { port, ...rest } = node;
  return { service, node: port === undefined ? rest : { ...rest, port: BigInt(port) } };
}

function snapshot(entry: Entry): RegistryService {
  return { ...entry.service, nodes: [...entry.nodes.values()] };
}
