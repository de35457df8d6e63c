// The local runtime: each service is fetched, built and supervised as a process on this machine.
// Desired state lives in LMDB, so services that were running come back after a server restart.
import type { Database } from "lmdb";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Engine } from "../engine/lmdb.js";
import { MicroError } from "../rpc/errors.js";
import { LogFile } from "./log-file.js";
import { fetchSource } from "./source.js";
import { build } from "./builder.js";
import { Supervisor } from "./supervisor.js";
import type { LogLine, LogQuery, RunSpec, Runtime, ServiceState } from "./types.js";

export interface LocalRuntimeOptions {
  engine: Engine;
  dataDir: string;
  /** Environment every service gets (MICRO_PROXY and friends). */
  baseEnv: () => Record<string, string>;
  /** Service account credentials for a service, as MICRO_AUTH_ID / MICRO_AUTH_SECRET. */
  credentials?: (namespace: string, name: string) => Promise<{ id: string; secret: string } | undefined>;
  /** Resolves once an instance other than `except` is registered (used by update to avoid gaps). */
  waitForInstance?: (namespace: string, name: string, except: Set<string>, timeoutMs: number) => Promise<void>;
  instanceIds?: (namespace: string, name: string) => Promise<Set<string>>;
}

interface Live { supervisor?: Supervisor; build?: AbortController; dir?: string }

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class LocalRuntime implements Runtime {
  private readonly db: Database<ServiceState, string[]>;
  private readonly live = new Map<string, Live>();

  constructor(private readonly o: LocalRuntimeOptions) {
    this.db = o.engine.db<ServiceState, string[]>("runtime");
  }

  /** Starts again every service whose desired state is running. */
  async restore(): Promise<void> {
    for (const { value } of this.db.getRange({})) {
      if (value.desired !== "running") continue;
      await removeBuilds(this.workDir(value));
      void this.launch({ ...value, restarts: 0 });
    }
  }

  async create(spec: RunSpec): Promise<ServiceState> {
    if (!NAME.test(spec.name)) throw new MicroError("runtime", 400, `invalid service name "${spec.name}": lowercase letters, digits and dashes`);
    if (!spec.source) throw new MicroError("runtime", 400, "source is required");
    const existing = this.db.get([spec.namespace, spec.name]);
    if (existing && existing.desired === "running") throw new MicroError("runtime", 409, `service ${spec.name} is already running: use micro update or micro kill`);
    const state: ServiceState = { ...spec, status: "pending", restarts: 0, desired: "running" };
    await this.save(state);
    void this.launch(state);
    return state;
  }

  async update(namespace: string, name: string, source?: string): Promise<ServiceState> {
    const state = { ...this.get(namespace, name), ...(source ? { source } : {}) };
    const before = (await this.o.instanceIds?.(namespace, name)) ?? new Set<string>();
    const old = this.live.get(key(state));
    this.live.delete(key(state));
    // Build and start the new instance next to the old one; stop the old one once the new has registered.
    const next = await this.launch({ ...state, status: "pending", restarts: 0, error: undefined });
    if (next && old?.supervisor) {
      await this.o.waitForInstance?.(namespace, name, before, 60_000).catch(() => undefined);
      await old.supervisor.stop();
    }
    if (old?.dir) await rm(old.dir, { recursive: true, force: true }).catch(() => undefined);
    return this.get(namespace, name);
  }

  async delete(namespace: string, name: string): Promise<void> {
    const state = this.get(namespace, name);
    await this.save({ ...state, desired: "stopped", status: "stopping" });
    const live = this.live.get(key(state));
    this.live.delete(key(state));
    live?.build?.abort();
    await live?.supervisor?.stop();
    await this.db.remove([namespace, name]);
    await rm(this.workDir(state), { recursive: true, force: true }).catch(() => undefined);
  }

  async list(namespace: string, name?: string): Promise<ServiceState[]> {
    const out: ServiceState[] = [];
    for (const { value } of this.db.getRange({ start: [namespace], end: [namespace + "\u0000"] })) {
      if (!name || value.name === name) out.push(value);
    }
    return out;
  }

  async *logs(namespace: string, name: string, query: LogQuery): AsyncIterable<LogLine> {
    const state = this.db.get([namespace, name]);
    if (!state) throw new MicroError("runtime", 404, `service ${name} not found`);
    yield* this.logFile(state).read(query);
  }

  async close(): Promise<void> {
    const stops = [...this.live.values()].map((l) => { l.build?.abort(); return l.supervisor?.stop(5000); });
    this.live.clear();
    await Promise.all(stops);
  }

  private get(namespace: string, name: string): ServiceState {
    const state = this.db.get([namespace, name]);
    if (!state) throw new MicroError("runtime", 404, `service ${name} not found`);
    return state;
  }

  /** Fetch, build, start; returns false when it did not get to running. */
  private async launch(initial: ServiceState): Promise<boolean> {
    const k = key(initial);
    const live: Live = { build: new AbortController() };
    this.live.set(k, live);
    const log = this.logFile(initial);
    const current = () => this.live.get(k) === live;
    let state = await this.save({ ...initial, status: "building", error: undefined });
    try {
      const env = await this.environment(initial);
      // A fresh directory per launch: an update builds beside the running instance, never under it.
      live.dir = join(this.workDir(initial), `src-${Date.now()}`);
      const dir = await fetchSource(initial.source, live.dir, { dataDir: this.o.dataDir, log, env, signal: live.build!.signal });
      const start = await build(dir, { cwd: dir, env, log, signal: live.build!.signal });
      if (!current()) return false;
      live.build = undefined;
      state = await this.save({ ...state, status: "starting" });
      const supervisor = new Supervisor(start, dir, env, log, {
        onStart: () => { if (current()) void this.patch(initial, { status: "running", started: Date.now() }); },
        onExit: (code, signal, willRestart) => {
          if (!current() || !willRestart) return;
          void this.patch(initial, (s) => ({ status: "error", error: `exited with ${signal ?? `code ${code}`}`, restarts: s.restarts + 1 }));
        },
      });
      live.supervisor = supervisor;
      supervisor.run();
      return true;
    } catch (err) {
      const message = (err as Error).message;
      log.append("system", `build failed: ${message}`);
      if (current()) await this.patch(initial, { status: "error", error: message });
      return false;
    }
  }

  private async environment(s: ServiceState): Promise<NodeJS.ProcessEnv> {
    const creds = await this.o.credentials?.(s.namespace, s.name).catch(() => undefined);
    return {
      ...withoutServerSecrets(process.env),
      ...this.o.baseEnv(),
      MICRO_NAMESPACE: s.namespace,
      MICRO_SERVICE_NAME: s.name,
      MICRO_SERVICE_VERSION: s.version,
      ...(creds ? { MICRO_AUTH_ID: creds.id, MICRO_AUTH_SECRET: creds.secret } : {}),
      ...s.env,
    };
  }

  private async save(state: ServiceState): Promise<ServiceState> {
    await this.db.put([state.namespace, state.name], state);
    return state;
  }

  private async patch(s: ServiceState, change: Partial<ServiceState> | ((s: ServiceState) => Partial<ServiceState>)): Promise<void> {
    const current = this.db.get([s.namespace, s.name]);
    if (!current || current.desired !== "running") return;
    await this.save({ ...current, ...(typeof change === "function" ? change(current) : change) });
  }

  private workDir(s: Pick<ServiceState, "namespace" | "name">): string {
    return join(this.o.dataDir, "runtime", "services", s.namespace, s.name);
  }

  private logFile(s: Pick<ServiceState, "namespace" | "name">): LogFile {
    return new LogFile(join(this.workDir(s), "logs.jsonl"));
  }
}

/** Old build directories of a service (its logs stay). */
async function removeBuilds(workDir: string): Promise<void> {
  const entries = await readdir(workDir).catch(() => [] as string[]);
  await Promise.all(entries.filter((e) => e.startsWith("src-")).map((e) => rm(join(workDir, e), { recursive: true, force: true })));
}

function key(s: Pick<ServiceState, "namespace" | "name">): string {
  return `${s.namespace}/${s.name}`;
}

/** The server's own secrets stay out of the services it runs: a tenant's service could print them to its logs.
 * (The variables only: the local runtime is no sandbox, its processes run as the server's user.) */
const SERVER_SECRETS = ["MICRO_CONFIG_SECRET_KEY", "MICRO_AUTH_ID", "MICRO_AUTH_SECRET"];

function withoutServerSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of SERVER_SECRETS) delete out[name];
  return out;
}
