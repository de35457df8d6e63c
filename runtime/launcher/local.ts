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
  /** Creates (or replaces) a service's account, given to it as MICRO_AUTH_ID / MICRO_AUTH_SECRET. An update keeps
   * the account the running instance has, so that instance stays valid (and can refresh) until it has drained. */
  credentials?: (namespace: string, name: string) => Promise<Credentials | undefined>;
  /** Deletes a service's account: `micro kill`. */
  revokeCredentials?: (namespace: string, name: string) => Promise<void>;
  /** The registry nodes a service's instances keep registered, under whatever name (update waits for a new one). */
  instanceIds?: (namespace: string, name: string) => Promise<Set<string>>;
  /** One line per runtime event (the server's terminal, which hides a URL's user and password: see hideUrlCredentials). */
  log?: (line: string) => void;
  /** How long an update waits for the new instance to register before it stops the old one anyway (default 60 s). */
  handOverMs?: number;
  /** Whether namespaces get users of their own and who may run code (default: from the server's uid and
   * MICRO_RUNTIME_UNSANDBOXED, see sandbox.ts). */
  sandbox?: SandboxPolicy;
}

type Credentials = { id: string; secret: string };

/** One launch of a service: its build, then its process; an update has two for a while. */
interface Live { supervisor?: Supervisor; build?: AbortController; dir?: string; user?: SandboxUser; credentials?: Credentials }

export class LocalRuntime implements Runtime {
  private readonly db: Database<ServiceState, string[]>;
  private readonly live = new Map<string, Live>();
  private readonly updating = new Set<string>();
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
    const k = key(state);
    if (this.updating.has(k)) throw new MicroError("runtime", 409, `service ${name} is already being updated: wait for that update to finish`);
    this.updating.add(k);
    try {
      return await this.replace(state);
    } finally {
      this.updating.delete(k);
    }
  }

  async delete(namespace: string, name: string): Promise<void> {
    const state = this.get(namespace, name);
    await this.save({ ...state, desired: "stopped", status: "stopping" });
    const live = this.live.get(key(state));
    this.live.delete(key(state));
    live?.build?.abort();
    await live?.supervisor?.stop();
    await this.db.remove([namespace, name]);
    // after the process is gone: its account goes with it (an update keeps it, see replace)
    await this.o.revokeCredentials?.(namespace, name).catch(() => undefined);
    await this.removeBuild(namespace, name);
    await rm(this.logDir(state), { recursive: true, force: true }).catch(() => undefined);
    const how = live?.supervisor ? "" : state.buildFailed ? " (its build had failed)" : live?.build ? " (its build was stopped)" : "";
    this.event(state, `killed${how}`);
  }

  /** Every service it keeps, in every namespace (several servers keep shared records of them: server/cluster-runtime.ts). */
  async all(): Promise<ServiceState[]> {
    return [...this.db.getRange({})].map((e) => e.value);
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

  /** Builds and starts the new instance beside the old one, which keeps serving, with the same account, until the
   * new one has registered; then the old one drains and goes. A build that fails leaves the old one running. */
  private async replace(state: ServiceState): Promise<ServiceState> {
    const k = key(state);
    const old = this.live.get(k);
    old?.build?.abort(); // an update during a build: only the newest source counts
    const before = (await this.o.instanceIds?.(state.namespace, state.name).catch(() => undefined)) ?? new Set<string>();
    this.event(state, "update started");
    const next: Live = { credentials: old?.credentials };
    const started = await this.launch({ ...state, status: "pending", restarts: 0, error: undefined, buildFailed: undefined }, next);
    if (!started && this.live.get(k) === next && old?.supervisor) {
      // Neither killed nor replaced meanwhile: the old instance is the service again, and the status says why.
      this.live.set(k, old);
      const error = `update failed: ${this.db.get([state.namespace, state.name])?.error ?? "build failed"}; the previous instance is still running`;
      await this.patch(state, { status: "error", error, buildFailed: undefined });
      this.event(state, error);
      if (next.dir) await removeAs(next.user, next.dir).catch(() => undefined);
    } else if (old?.supervisor) {
      const handedOver = started ? await this.handOver(state, next, before) : undefined;
      await old.supervisor.stop();
      // (killed meanwhile: the kill said so)
      if (handedOver && this.live.get(k) === next) this.event(state, `updated (${handedOver}); the previous instance stopped`);
    } else if (started) {
      this.event(state, "updated");
    }
    if (old?.dir && this.live.get(k) !== old) await removeAs(old.user, old.dir).catch(() => undefined);
    return this.get(state.namespace, state.name);
  }

  /** Waits until the service has a registry node that was not there `before` (the new instance), so the old one can
   * go with no moment without an instance; gives up after handOverMs, or when the new instance is killed or replaced. */
  private async handOver(s: ServiceState, next: Live, before: Set<string>): Promise<string> {
    // An old instance that registered nothing is reached by no one: it can go as soon as the new one runs.
    if (!this.o.instanceIds || before.size === 0) return "the previous instance was not registered";
    const limit = this.o.handOverMs ?? 60_000;
    const deadline = Date.now() + limit;
    while (Date.now() < deadline) {
      if (this.live.get(key(s)) !== next) return "the new instance was replaced";
      const ids = await this.o.instanceIds(s.namespace, s.name).catch(() => new Set<string>());
      if ([...ids].some((id) => !before.has(id))) return "the new instance registered";
      await new Promise((r) => setTimeout(r, 200));
    }
    return `no new instance registered within ${Math.round(limit / 1000)}s`;
  }

  /** Fetch, build, start; false when it did not get to running. An update passes its own `live` (which keeps the
   * running instance's account). */
  private async launch(initial: ServiceState, live: Live = {}): Promise<boolean> {
    const k = key(initial);
    const cancel = (live.build ??= new AbortController());
    this.live.set(k, live);
    const log = this.logFile(initial);
    const current = () => this.live.get(k) === live;
    let state = await this.save({ ...initial, status: "building", error: undefined, buildFailed: undefined });
    this.event(initial, "build started");
    try {
      const area = await this.sandboxes.enter(initial.namespace);
      live.user = area.user;
      live.credentials ??= await this.o.credentials?.(initial.namespace, initial.name).catch(() => undefined);
      const env = await this.environment(initial, area, live.credentials);
      // A fresh directory per launch: an update builds beside the running instance, never under it.
      live.dir = join(this.buildDir(area, initial.name), `src-${Date.now()}`);
      const dir = await fetchSource(initial.source, live.dir, {
        dataDir: this.o.dataDir, log, env, signal: cancel.signal, user: area.user,
        // the platform's sources are read with the server's rights and environment (not the area's HOME and its dotfiles)
        fetchUser: area.fetchUser, fetchEnv: { ...withoutServerSecrets(process.env), ...initial.env },
      });
      const start = await build(dir, { cwd: dir, env, log, signal: cancel.signal, user: area.user });
      if (!current()) return false;
      live.build = undefined;
      this.event(initial, "build succeeded");
      state = await this.save({ ...state, status: "starting" });
      let starts = 0;
      const supervisor = new Supervisor(start, dir, env, log, {
        onStart: (pid) => {
          if (!current()) return;
          this.event(initial, starts++ === 0 ? `started (pid ${pid})` : `restarted (pid ${pid}, restart ${starts - 1})`);
          void this.patch(initial, { status: "running", started: Date.now() });
        },
        onExit: (code, signal, willRestart) => {
          if (!current() || !willRestart) return;
          this.event(initial, `exited (${signal ?? `code ${code}`}); restarting`);
          void this.patch(initial, (s) => ({ status: "error", error: `exited with ${signal ?? `code ${code}`}`, restarts: s.restarts + 1 }));
        },
      }, area.user);
      live.supervisor = supervisor;
      supervisor.run();
      return true;
    } catch (err) {
      const message = (err as Error).message;
      log.append("system", `build failed: ${message}`);
      if (current()) {
        this.event(initial, `build failed: ${message}`);
        await this.patch(initial, { status: "error", error: message, buildFailed: true });
      }
      return false;
    }
  }

  /** A runtime event on the server's terminal: namespace/name and what happened. */
  private event(s: Pick<ServiceState, "namespace" | "name">, what: string): void {
    this.o.log?.(`runtime: ${s.namespace}/${s.name} ${what}`);
  }

  /** The service's environment; inside an area with a user, HOME and the caches are the area's. */
  private async environment(s: ServiceState, area: Area, creds?: Credentials): Promise<NodeJS.ProcessEnv> {
    const server = withoutServerSecrets(process.env);
    return {
      ...(area.user ? withoutNpmSettings(server) : server),
      ...area.env,
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
