// The local runtime when several servers share the engines: each server runs what was started through it (its
// LocalRuntime, restored from its own data dir), and keeps a record of each such service in the shared store
// (database RECORDS_DB, one key per namespace/name: the state it last saw and the server that runs it, with that
// server's proxy address). Every server's `micro status` lists every record, its own services from their live
// state; `micro logs` / `kill` / `update` through a server that does not run the service are forwarded to the one
// that does (runtime/launcher/handler.ts), with the caller's own credentials, which every server honours.
import type { Store } from "../store/types.js";
import { MicroError } from "../rpc/errors.js";
import type { LogLine, LogQuery, RunSpec, Runtime, ServiceState } from "../launcher/types.js";

/** A namespace can never be called this (":" is not allowed in one), so no tenant's store is this database. */
export const RECORDS_DB = "micro:runtime";
const TABLE = "services";
/** How often a server rewrites its services' records (their status, restarts). */
export const RECORD_REFRESH_MS = 5000;

export interface ServiceRecord {
  /** The server that runs it: its name and the proxy address others forward to. */
  server: string;
  proxy: string;
  state: ServiceState;
  /** Unix ms of the record's last write. */
  updated: number;
}

/** Where a service runs, when that is another server. */
export interface Owner { server: string; proxy: string }

export class ClusterRuntime implements Runtime {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly local: Runtime & { all(): Promise<ServiceState[]> }, private readonly store: Store, private readonly self: () => Owner) {
    this.timer = setInterval(() => void this.refresh().catch(() => { /* the next period retries */ }), RECORD_REFRESH_MS).unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** The server running namespace/name when it is another one (undefined: this one, or nobody). */
  async ownerOf(namespace: string, name: string): Promise<Owner | undefined> {
    if ((await this.local.list(namespace, name)).length) return undefined;
    const record = await this.record(namespace, name);
    return record && record.server !== this.self().server ? { server: record.server, proxy: record.proxy } : undefined;
  }

  async create(spec: RunSpec): Promise<ServiceState> {
    const record = await this.record(spec.namespace, spec.name);
    if (record && record.server !== this.self().server) {
      throw new MicroError("runtime", 409, `service ${spec.name} is already running on server ${record.server}: use micro update or micro kill`);
    }
    const state = await this.local.create(spec);
    await this.write(state);
    return state;
  }

  async update(namespace: string, name: string, source?: string): Promise<ServiceState> {
    const state = await this.local.update(namespace, name, source);
    await this.write(state);
    return state;
  }

  async delete(namespace: string, name: string): Promise<void> {
    await this.local.delete(namespace, name);
    await this.store.delete(key(namespace, name), { database: RECORDS_DB, table: TABLE });
  }

  /** Every server's services of the namespace: this server's live, the others' as last recorded. */
  async list(namespace: string, name?: string): Promise<ServiceState[]> {
    const mine = await this.local.list(namespace, name);
    const here = new Set(mine.map((s) => s.name));
    const records = await this.store.read(name ? key(namespace, name) : `${encodeURIComponent(namespace)}/`,
      { database: RECORDS_DB, table: TABLE, prefix: !name }).catch((err: MicroError) => {
      if (err.code === 404) return [];
      throw err;
    });
    const others = records.map((r) => JSON.parse(new TextDecoder().decode(r.value)) as ServiceRecord)
      .filter((r) => !here.has(r.state.name) && r.server !== this.self().server)
      .map((r) => ({ ...r.state, note: [r.state.note, `runs on server ${r.server}`].filter(Boolean).join("; ") }));
    return [...mine, ...others].sort((a, b) => a.name.localeCompare(b.name));
  }

  logs(namespace: string, name: string, query: LogQuery): AsyncIterable<LogLine> {
    return this.local.logs(namespace, name, query);
  }

  private async record(namespace: string, name: string): Promise<ServiceRecord | undefined> {
    const [found] = await this.store.read(key(namespace, name), { database: RECORDS_DB, table: TABLE }).catch((err: MicroError) => {
      if (err.code === 404) return [];
      throw err;
    });
    return found ? JSON.parse(new TextDecoder().decode(found.value)) as ServiceRecord : undefined;
  }

  private async write(state: ServiceState): Promise<void> {
    const { server, proxy } = this.self();
    const record: ServiceRecord = { server, proxy, state: { ...state, env: {} }, updated: Date.now() };
    await this.store.write({ key: key(state.namespace, state.name), value: new TextEncoder().encode(JSON.stringify(record)) },
      { database: RECORDS_DB, table: TABLE });
  }

  /** Rewrites the records of what runs here (each namespace this server runs something in). */
  private async refresh(): Promise<void> {
    for (const state of await this.local.all()) await this.write(state);
  }
}

/** One key per namespace/name, URI-encoded so that a namespace's prefix never matches another's. */
function key(namespace: string, name: string): string {
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
