// Test support (and `npm run demo:cluster`, and the benches): several `micro server` processes as one platform on
// shared engines — etcd (registry, config), NATS JetStream (events, broker), PostgreSQL (store, auth) — all
// throwaway and local, on free ports. Each server is the real `bin/micro server`, a process of its own, so a test
// can kill -9 one. Engines come from test/support/{etcd,nats,postgres}.ts (required packages: a missing one fails,
// naming it). The first server starts alone (it creates the engines' tables, streams and the default admin), the
// others after it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseJwks } from "../../runtime/auth/jwks.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { MICRO_BIN } from "../cli/support/micro.js";
import { startEtcd, type TestEtcd } from "./etcd.js";
import { startNats, type TestNats } from "./nats.js";
import { startPostgres, type TestPostgres } from "./postgres.js";
import { freePort, until } from "./wait.js";

export interface Engines {
  etcd: TestEtcd;
  nats: TestNats;
  postgres: TestPostgres;
  /** The environment that points a server at them (MICRO_REGISTRY, MICRO_CONFIG, MICRO_EVENTS, MICRO_BROKER, MICRO_STORE). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startEngines(): Promise<Engines> {
  const [etcd, nats, postgres] = await Promise.all([startEtcd(), startNats(), startPostgres()]);
  return {
    etcd, nats, postgres,
    env: { MICRO_REGISTRY: etcd.url, MICRO_CONFIG: etcd.url, MICRO_EVENTS: nats.url, MICRO_BROKER: nats.url, MICRO_STORE: postgres.url },
    stop: async () => { await Promise.all([etcd.stop(), nats.stop(), postgres.stop()]); },
  };
}

export interface ClusterServer {
  name: string;
  proxyAddress: string;
  apiAddress: string;
  webAddress: string;
  dataDir: string;
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with its exit code (or signal) once it has exited. */
  exited: Promise<number | NodeJS.Signals>;
  /** kill -9: no deregistration, no goodbye. */
  crash(): Promise<void>;
  /** Ctrl-C: the server shuts down cleanly. */
  stop(): Promise<void>;
}

export interface ServerStartOptions {
  /** Extra environment (MICRO_SIGNUP, …). */
  env?: Record<string, string>;
  /** Fixed ports instead of free ones (the demo's documented ones). */
  ports?: { proxy: number; api: number; web: number };
  /** Each line the server prints, as it comes. */
  onLine?: (line: string) => void;
}

/** Starts `bin/micro server` on the engines; resolves once it printed its ready line. */
export async function startClusterServer(engines: Engines, name: string, options: ServerStartOptions = {}): Promise<ClusterServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `micro-cluster-${name}-`));
  const ports = options.ports ?? { proxy: await freePort(), api: await freePort(), web: await freePort() };
  const child: ChildProcess = spawn(MICRO_BIN, ["server"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dataDir, ...engines.env, MICRO_DATA_DIR: dataDir, MICRO_BIND_HOST: "127.0.0.1",
      MICRO_PROXY_PORT: String(ports.proxy), MICRO_API_PORT: String(ports.api), MICRO_WEB_PORT: String(ports.web), ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: a crash takes the services it started with it, as a dead machine would
  });
  let out = "";
  let partial = "";
  const onData = (d: Buffer) => {
    out = (out + d).slice(-64_000);
    const lines = (partial + d).split("\n");
    partial = lines.pop() ?? "";
    for (const l of lines) options.onLine?.(l);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal!)));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    await until(async () => {
      if (gone) throw new Error(`micro server ${name} exited before it was ready:\n${out}`);
      return /micro server .* ready: /.test(out) || undefined;
    }, `micro server ${name} to be ready`, 90_000, 100);
  } catch (err) {
    if (!gone) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (gone) return;
    try { process.kill(-child.pid!, signal); } catch { /* gone */ }
    await exited;
  };
  return {
    name, dataDir, pid: child.pid!,
    proxyAddress: `127.0.0.1:${ports.proxy}`, apiAddress: `127.0.0.1:${ports.api}`, webAddress: `127.0.0.1:${ports.web}`,
    output: () => out,
    exited,
    crash: async () => {
      await signalGroup("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    },
    stop: async () => {
      if (!gone) child.kill("SIGINT");
      const timer = setTimeout(() => void signalGroup("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Cluster {
  engines: Engines;
  servers: ClusterServer[];
  /** An access token for admin/micro, issued through server `via` (default the first). */
  adminToken(via?: number): Promise<string>;
  /** Metadata for calls as admin in `namespace`, with a token issued through server `via`. */
  adminMetadata(namespace?: string, via?: number): Promise<Metadata>;
  stop(): Promise<void>;
}

/** Engines plus `count` servers on them (default 3). */
export async function startCluster(options: { servers?: number; engines?: Engines; server?: ServerStartOptions } = {}): Promise<Cluster> {
  const engines = options.engines ?? await startEngines();
  const servers: ClusterServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (!options.engines) await engines.stop();
  };
  try {
    servers.push(await startClusterServer(engines, "a", options.server));
    const rest = "bcdefghij".slice(0, Math.max(0, (options.servers ?? 3) - 1)).split("").filter(Boolean);
    servers.push(...await Promise.all(rest.map((n) => startClusterServer(engines, n, options.server))));
  } catch (err) {
    await stop();
    throw err;
  }
  const tokens = new Map<number, string>();
  const adminToken = async (via = 0) => {
    let token = tokens.get(via);
    if (!token) {
      const auth = createClient(Auth, createGrpcTransport({ address: servers[via]!.proxyAddress }));
      token = (await auth.token({ id: "admin", secret: "micro" })).token!.accessToken;
      tokens.set(via, token);
    }
    return token;
  };
  // The servers that started together learn each other's verification keys on their next key reload and heartbeat
  // (runtime/auth/keyring.ts): until then a service may fetch a key set without the newest server's key and refuse
  // tokens it signed. The cluster is up once the auth entry lists every server's key.
  try {
    const registry = createClient(Registry, createGrpcTransport({ address: servers[0]!.proxyAddress, metadata: () => ({ authorization: `Bearer ${tokens.get(0) ?? ""}` }) }));
    await adminToken(0);
    await until(async () => {
      const entry = (await registry.getService({ service: "auth", options: { domain: "micro" } })).services[0];
      return new Set(parseJwks(entry?.metadata.jwks).keys.map((k) => k.kid)).size === servers.length || undefined;
    }, `the auth entry to list the ${servers.length} servers' keys`, 60_000, 250);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    engines, servers, adminToken,
    adminMetadata: async (namespace = "micro", via = 0) => ({ authorization: `Bearer ${await adminToken(via)}`, "micro-namespace": namespace }),
    stop,
  };
}
