// The local runtime: each service is fetched, built and supervised as a process on this machine.
// Desired state lives in LMDB, so services that were running come back after a server restart. Each namespace's
// code runs sandboxed (sandbox.ts): builds live in the namespace's area, as its user; the logs are the server's,
// under <data dir>/runtime/services/<ns>/<name>/logs.jsonl.
import type { Database } from "lmdb";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Engine } from "../engine/lmdb.js";
import { MicroError } from "../rpc/errors.js";
import { LogFile } from "./log-file.js";
import { checkRunSpec } from "./spec.js";
import { fetchSource } from "./source.js";
import { build } from "./builder.js";
import { Supervisor } from "./supervisor.js";
import type { SandboxUser } from "./exec.js";
import { Sandboxes, removeAs, sandboxPolicy, withoutNpmSettings, type Area, type SandboxPolicy } from "./sandbox.js";
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
  /** Whether namespaces get users of their own and who may run code (default: from the server's uid and
   * MICRO_RUNTIME_UNSANDBOXED, see sandbox.ts). */
  sandbox?: SandboxPolicy;
}

interface Live { supervisor?: Supervisor; build?: AbortController; dir?: string; user?: SandboxUser }

export class LocalRuntime implements Runtime {
  private readonly db: Database<ServiceState, string[]>;
  private readonly live = new Map<string, Live>();
  private readonly sandboxes: Sandboxes;

  constructor(private readonly o: LocalRuntimeOptions) {
    this.db = o.engine.db<ServiceState, string[]>("runtime");
    this.sandboxes = new Sandboxes({ engine: o.engine, dataDir: o.dataDir, policy: o.sandbox ?? sandboxPolicy() });
  }

  /** Starts again every service whose desired state is running (a tenant's only if tenants may still run code). */
  async restore(): Promise<void> {
    // (a sandbox root nobody can reach fails each launch with the reason, in the service's status)
    await this.sandboxes.ready().catch(() => undefined);
    for (const { value } of this.db.getRange({})) {
      if (value.desired !== "running") continue;
      await removeBuilds(this.logDir(value));
      await this.removeBuild(value.namespace, value.name);
      try {
        this.sandboxes.admit(value.namespace);
      } catch (err) {
        await this.save({ ...value, status: "error", error: (err as Error).message });
        continue;
      }
      void this.launch({ ...value, restarts: 0 });
    }
  }

  async create(spec: RunSpec): Promise<ServiceState> {
    checkRunSpec(spec);
    this.sandboxes.admit(spec.namespace);
    const existing = this.db.get([spec.namespace, spec.name]);
    if (existing && existing.desired === "running") throw new MicroError("runtime", 409, `service ${spec.name} is already running: use micro update or micro kill`);
    const state: ServiceState = { ...spec, status: "pending", restarts: 0, desired: "running" };
    await this.save(state);
    void this.launch(state);
    return state;
  }

  async update(namespace: string, name: string, source?: string): Promise<ServiceState> {
    this.sandboxes.admit(namespace);
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
    if (old?.dir) await removeAs(old.user, old.dir).catch(() => undefined);
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
    await this.removeBuild(namespace, name);
    await rm(this.logDir(state), { recursive: true, force: true }).catch(() => undefined);
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
    await this.sandboxes.close();
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
      const area = await this.sandboxes.enter(initial.namespace);
      live.user = area.user;
      const env = await this.environment(initial, area);
      // A fresh directory per launch: an update builds beside the running instance, never under it.
      live.dir = join(this.buildDir(area, initial.name), `src-${Date.now()}`);
      const dir = await fetchSource(initial.source, live.dir, {
        dataDir: this.o.dataDir, log, env, signal: live.build!.signal, user: area.user,
        // the platform's sources are read with the server's rights and environment (not the area's HOME and its dotfiles)
        fetchUser: area.fetchUser, fetchEnv: { ...withoutServerSecrets(process.env), ...initial.env },
      });
      const start = await build(dir, { cwd: dir, env, log, signal: live.build!.signal, user: area.user });
      if (!current()) return false;
      live.build = undefined;
      state = await this.save({ ...state, status: "starting" });
      const supervisor = new Supervisor(start, dir, env, log, {
        onStart: () => { if (current()) void this.patch(initial, { status: "running", started: Date.now() }); },
        onExit: (code, signal, willRestart) => {
          if (!current() || !willRestart) return;
          void this.patch(initial, (s) => ({ status: "error", error: `exited with ${signal ?? `code ${code}`}`, restarts: s.restarts + 1 }));
        },
      }, area.user);
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

  /** The service's environment; inside an area with a user, HOME and the caches are the area's. */
  private async environment(s: ServiceState, area?: Area): Promise<NodeJS.ProcessEnv> {
    const creds = await this.o.credentials?.(s.namespace, s.name).catch(() => undefined);
    const server = withoutServerSecrets(process.env);
    return {
      ...(area?.user ? withoutNpmSettings(server) : server),
      ...area?.env,
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

  /** The server's directory of a service: its logs (0700 above it, see sandbox.ts). */
  private logDir(s: Pick<ServiceState, "namespace" | "name">): string {
    return join(this.o.dataDir, "runtime", "services", s.namespace, s.name);
  }

  /** Removes every build of the service (as the area's user). */
  private async removeBuild(namespace: string, name: string): Promise<void> {
    const area = await this.sandboxes.find(namespace).catch(() => undefined);
    if (area) await removeAs(area.user, this.buildDir(area, name)).catch(() => undefined);
  }

  /** The service's builds (src-*), in its namespace's area. */
  private buildDir(area: Pick<Area, "dir">, name: string): string {
    return join(area.dir, "services", name);
  }

  private logFile(s: Pick<ServiceState, "namespace" | "name">): LogFile {
    return new LogFile(join(this.logDir(s), "logs.jsonl"));
  }
}

/** Build directories of a service left beside its logs by versions that built there (its logs stay). */
async function removeBuilds(workDir: string): Promise<void> {
  const entries = await readdir(workDir).catch(() => [] as string[]);
  await Promise.all(entries.filter((e) => e.startsWith("src-")).map((e) => rm(join(workDir, e), { recursive: true, force: true })));
}

function key(s: Pick<ServiceState, "namespace" | "name">): string {
  return `${s.namespace}/${s.name}`;
}

/** The server's own secrets stay out of the services it runs: a tenant's service could print them to its logs.
 * (The variables; its files are kept from the services by the sandbox users and file modes, see sandbox.ts.) */
const SERVER_SECRETS = ["MICRO_CONFIG_SECRET_KEY", "MICRO_AUTH_ID", "MICRO_AUTH_SECRET"];

function withoutServerSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of SERVER_SECRETS) delete out[name];
  return out;
}
