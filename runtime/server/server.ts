// `micro server`: one process boots the builtin services on an internal gRPC port, registers them in the
// "micro" namespace, and opens the public doors: the proxy (gRPC, 8081), the API gateway (HTTP and gRPC-Web, 8080)
// and the web interface (8082), which serves the gateway's handler under /api on its own origin.
import type * as http from "node:http";
import type * as http2 from "node:http2";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { BulkAccept } from "./bulk-accept.js";
import { GatewayThreads, gatewayAdmission, gatewayThreadCount } from "./gateway-threads.js";
import { openEngine, type Engine } from "../engine/lmdb.js";
import { Registry as RegistryDesc } from "../gen/registry/registry_pb.js";
import { RpcServer } from "../rpc/server.js";
import { CallStats } from "../debug/stats.js";
import { debugHandler } from "../debug/handler.js";
import { SpanRecorder } from "../debug/trace.js";
import { registryHandler } from "../registry/handler.js";
import { Resolver } from "../proxy/resolver.js";
import { createProxyServer } from "../proxy/server.js";
import { createGateway } from "../gateway/index.js";
import { grpcWebHandler } from "../proxy/grpc-web.js";
import { dataDir as defaultDataDir } from "../util/paths.js";
import { deregisterOwn, hostBuiltins, registerBuiltins, registerDoors, type Builtin, type Registration } from "./builtins.js";
import { Build, Runtime as RuntimeDesc, Source } from "../gen/runtime/runtime_pb.js";
import { LocalRuntime, buildHandler, runtimeHandler, sourceHandler } from "../launcher/index.js";
// the kubernetes runtime itself (and the yaml library its manifests need, ~9 MB) loads only when it is the one chosen
import { kubernetesSettings, runtimeKind, type KubernetesSettings } from "../launcher/kubernetes/options.js";
import { checkKubectl } from "../launcher/kubernetes/kubectl.js";
import { Registrants, registeredIds } from "../launcher/registrants.js";
import { hideUrlCredentials } from "../launcher/source.js";
import { Accounts, Auth, Rules } from "../gen/auth/auth_pb.js";
import {
  EmbeddedAuth, JWKS_METADATA, RULES_CHANGED_TOPIC, accountsHandler, admitAtFrontDoor, authHandler, authMiddleware, parseSignupMode, rulesHandler, signupLimitsFromEnv, type AdmitRequest, type SignupMode,
} from "../auth/index.js";
import { revokeServiceCredentials, serviceAccountId, serviceCredentials } from "./service-accounts.js";
import { openPrimitives } from "./primitives.js";
import { ClusterRuntime } from "./cluster-runtime.js";
import { engineUrls, type EngineUrls } from "./engines.js";
import { isLoopbackHost, serverPorts, webPort, type ServerPorts } from "./ports.js";
import { createWebServer } from "../web/server.js";
import { reflectionBuiltins } from "./reflection/service.js";
import { routingBuiltins } from "../network/index.js";

export const SERVER_VERSION = "0.1.0";

/** With a shared registry, how long a server's builtins and doors stay listed after its last heartbeat (one a
 * third of it): a server killed without a word drops out of every server's listings within this. */
export const BUILTIN_TTL_MS = 30_000;

export interface ServerOptions {
  dataDir?: string;
  ports?: Partial<ServerPorts>;
  log?: (line: string) => void;
  /** Who may create new namespaces (micro signup): open, invite (with a code an admin created) or off; true/false
   * mean open/off. Default MICRO_SIGNUP, else open when the server listens on loopback only and invite
   * otherwise. (MICRO_AUTH_SIGNUP=false, the older switch, still means off.) Limits: see signupLimitsFromEnv. */
  signup?: SignupMode | boolean;
  /** Start even though admin/micro still has the default password while listening beyond loopback
   * (MICRO_ALLOW_DEFAULT_ADMIN=true). */
  allowDefaultAdmin?: boolean;
  /** Where `micro run` runs services: "local" processes (default) or "kubernetes" manifests (MICRO_RUNTIME). */
  runtime?: string;
  /** Settings of the kubernetes runtime; unset ones come from MICRO_KUBERNETES_* (see docs/kubernetes.md). */
  kubernetes?: Partial<KubernetesSettings>;
  /** The store's engine: unset for the embedded one, postgres://… for PostgreSQL (default: MICRO_STORE). */
  store?: string;
  /** The other primitives' engines: registry etcd://…, events nats://…, broker nats://…, config etcd://… (default:
   * MICRO_REGISTRY, MICRO_EVENTS, MICRO_BROKER, MICRO_CONFIG; unset means embedded). See engines.ts. */
  engines?: Omit<EngineUrls, "store">;
}

export interface RunningServer {
  proxyAddress: string;
  apiAddress: string;
  /** The web interface; "" when its default port was taken (it is optional unless asked for). */
  webAddress: string;
  internalAddress: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + "\n"));
  const ports = { ...serverPorts(), ...options.ports };
  const dir = options.dataDir ?? defaultDataDir();
  // settings first: a bad value fails the start before anything is opened
  const exposed = !isLoopbackHost(ports.host);
  const signupMode: SignupMode = typeof options.signup === "boolean" ? (options.signup ? "open" : "off")
    : options.signup ?? parseSignupMode(process.env.MICRO_SIGNUP, "MICRO_SIGNUP")
      ?? (process.env.MICRO_AUTH_SIGNUP === "false" ? "off" : exposed ? "invite" : "open");
  const signupLimits = signupLimitsFromEnv();
  const apiThreads = gatewayThreadCount(); // MICRO_API_THREADS
  const allowDefaultAdmin = options.allowDefaultAdmin ?? process.env.MICRO_ALLOW_DEFAULT_ADMIN === "true";
  const kubernetes = runtimeKind(options.runtime) === "kubernetes" ? kubernetesSettings(process.env, options.kubernetes) : undefined;
  // Before anything listens: a missing kubectl is a startup error, not one at the first micro run.
  if (kubernetes?.apply) await checkKubectl(kubernetes.kubectl);
  const engine: Engine = openEngine(dir);
  // First of what connects elsewhere: an unreachable store database fails the start before anything listens.
  const primitives = await openPrimitives(engine, dir, engineUrls({ ...options.engines, store: options.store })).catch(async (err) => {
    await engine.close();
    throw err;
  });
  const registry = primitives.registry;
  const stats = new CallStats();
  const spans = new SpanRecorder();
  // With the store on PostgreSQL, auth's accounts, rules, sessions and key set are there too: every server of the
  // platform honours what any of them issued (auth/store-postgres.ts, auth/keyring.ts).
  const sharedAuth = primitives.postgres && await import("../auth/store-postgres.js")
    .then(({ PostgresAuthState }) => PostgresAuthState.open(primitives.postgres!.pool, primitives.postgres!.url))
    .catch(async (err: Error) => {
      await primitives.close();
      await engine.close();
      throw new Error(`--store: auth's tables: ${err.message}`);
    });
  const auth = await EmbeddedAuth.open({ engine, dataDir: dir, log, signup: { mode: signupMode, ...signupLimits }, shared: sharedAuth });
  const created = await auth.ensureDefaults();
  if (created) log("default account admin / micro created in namespace micro (change it: micro user set password)");
  // just created means the default password: no second scrypt to find that out
  if (created || await auth.usesDefaultAdminSecret()) {
    if (exposed && !allowDefaultAdmin) {
      auth.close();
      sharedAuth?.close();
      await primitives.close();
      await engine.close();
      throw new Error(`refusing to listen on ${ports.host}, beyond loopback, while account admin (namespace micro) still has the default password: ` +
        "start on 127.0.0.1 first and change it (micro login --email admin --namespace micro, then micro user set password), " +
        "or pass --allow-default-admin (MICRO_ALLOW_DEFAULT_ADMIN=true) to start anyway");
    }
    log(`WARNING: account admin (namespace micro) still has the default password${exposed ? ` and the server listens on ${ports.host}` : ""}: change it with micro user set password`);
  }
  if (signupMode !== "open") log(signupMode === "off" ? "signup is off" : "signup needs an invite code (micro auth create invite)");
  // spans after auth: only admitted calls, each under the namespace its caller's token proves
  const rpc = new RpcServer({ middleware: [stats.middleware(), authMiddleware(auth), spans.middleware()] });

  let proxyAddress = "";
  // which nodes each account registers: update recognises a service's new instance by its account, whatever the
  // name it registers under
  const registrants = new Registrants();
  // a source's git URL may carry a token: neither runtime's lines show it
  const runtimeLog = (line: string) => log(hideUrlCredentials(line));
  const runtime = kubernetes
    ? new (await import("../launcher/kubernetes/runtime.js")).KubernetesRuntime({
      ...kubernetes, dataDir: dir, log: runtimeLog,
      credentials: (ns, name) => serviceCredentials(auth, ns, name),
      revokeCredentials: (ns, name) => revokeServiceCredentials(auth, ns, name),
    })
    : new LocalRuntime({
      engine, dataDir: dir,
      baseEnv: () => ({ MICRO_PROXY: proxyAddress }),
      credentials: (ns, name) => serviceCredentials(auth, ns, name),
      revokeCredentials: (ns, name) => revokeServiceCredentials(auth, ns, name),
      // by its account, or by its name when it registers with an account of its own (MICRO_AUTH_ID in --env_vars)
      instanceIds: async (ns, name) => new Set([...registrants.ids(ns, serviceAccountId(name)), ...await registeredIds(registry, ns, name)]),
      log: runtimeLog,
    });

  // Several servers on one registry and store: what runs where is recorded in the store, and a runtime call
  // through a server that does not run the service goes to the one that does (cluster-runtime.ts).
  const clusterRuntime = primitives.where.registry && primitives.postgres && runtime instanceof LocalRuntime
    ? new ClusterRuntime(runtime, primitives.store, () => ({ server: `${hostname()}:${proxyAddress.split(":").pop()}`, proxy: advertised(proxyAddress) }))
    : undefined;

  const builtins: Builtin[] = [
    ...primitives.builtins,
    { name: "registry", handlers: [{ desc: RegistryDesc, impl: registrants.track(registryHandler(registry)) }] },
    // read at every registration: with a shared key set, the other servers' keys come and go
    { name: "auth", metadata: () => ({ [JWKS_METADATA]: auth.jwks }), handlers: [
      { desc: Auth, impl: authHandler(auth) },
      { desc: Accounts, impl: accountsHandler(auth) },
      // the namespace's services drop their cached rules when told (runtime/service/verify.ts)
      { desc: Rules, impl: rulesHandler(auth, {
        onChange: (ns) => primitives.broker.publish(RULES_CHANGED_TOPIC, { body: new TextEncoder().encode(ns) }, { namespace: ns }),
      }) },
    ] },
    { name: "runtime", handlers: [
      { desc: RuntimeDesc, impl: runtimeHandler(clusterRuntime ?? runtime, { ownerOf: clusterRuntime && ((ns, name) => clusterRuntime.ownerOf(ns, name)) }) },
      { desc: Source, impl: sourceHandler(dir) },
      { desc: Build, impl: buildHandler(runtime) },
    ] },
    ...reflectionBuiltins(registry),
    ...routingBuiltins(registry, { address: () => proxyAddress, version: SERVER_VERSION }),
  ];
  hostBuiltins(rpc, builtins, debugHandler(stats, spans));

  // A builtin resolves to this server: another server's entry (shared registry) names its own loopback address.
  let internalAddress = "";
  const hosted = new Set([...builtins.map((b) => b.name), "debug"]);
  const resolver = new Resolver(registry, (service) => (hosted.has(service) && internalAddress ? internalAddress : undefined));
  // One server registers its entries for good; servers sharing a registry heartbeat them, so a dead one's go.
  const shared = !!primitives.where.registry;
  const registration: Registration = { id: randomUUID(), ttlMs: shared ? BUILTIN_TTL_MS : 0 };
  let heartbeat: NodeJS.Timeout | undefined;
  const doors: Record<string, string> = {};
  // One admission for every way in (the proxy, the gateway on every thread, gRPC-Web); an anonymous call to a user
  // service goes on with a call token.
  const admitRequest = async (r: AdmitRequest) => {
    const { namespace, credential } = await admitAtFrontDoor(auth, r);
    return { namespace, credential };
  };
  const admission = gatewayAdmission(admitRequest);
  // the builtins' calls go to the RPC server in this process without a second connection (it still admits them)
  const proxy = createProxyServer({ resolver, admit: admission.call, local: { address: () => internalAddress, serve: (s, h) => rpc.serveStream(s, h) } });
  // The gateway admits every call exactly as the proxy does: one policy for every way in. gRPC-Web shares its port.
  const gateway = createGateway({
    registry, resolver, version: SERVER_VERSION, log, pool: proxy.pool,
    grpcWeb: grpcWebHandler({ resolver, pool: proxy.pool, admit: admission.call }),
    authorize: admission.authorize,
  });
  // Clients keep HTTP/2 connections to the proxy open (services for their heartbeats): closing the server alone
  // would wait for them forever, so shutdown closes them (GOAWAY first, destroyed after the calls' grace).
  const proxySessions = new Set<http2.ServerHttp2Session>();
  proxy.on("session", (s: http2.ServerHttp2Session) => { proxySessions.add(s); s.once("close", () => proxySessions.delete(s)); });
  const web = createWebServer({ gateway, auth });

  let closing: Promise<void> | undefined;
  let gatewayAccepts: BulkAccept | undefined;
  let gatewayThreads: GatewayThreads | undefined;
  const close = () => (closing ??= (async () => {
    clearInterval(heartbeat);
    clusterRuntime?.close();
    if (shared) await deregisterOwn(registry, [...builtins.map((b) => b.name), ...Object.keys(doors)], SERVER_VERSION, registration.id);
    await runtime.close();
    // the threads first: one still starting copies the gateway's descriptor, which must not have closed yet
    await gatewayThreads?.close();
    gateway.close();
    gatewayAccepts?.close();
    gateway.closeAllConnections?.();
    web.close();
    web.closeAllConnections();
    proxy.close();
    for (const s of proxySessions) s.close();
    proxy.pool.close();
    // the builtins' calls the proxy serves in-process run on its sessions: they get the same grace as rpc's own
    await Promise.all([rpc.close(2000), closedWithin([...proxySessions], 2000)]);
    for (const s of proxySessions) s.destroy();
    auth.close();
    sharedAuth?.close();
    await primitives.close();
    await engine.close();
  })());

  // A start that fails half-way (a port taken, a runtime that cannot restore) stops what it started, so that
  // `micro server` exits with the error instead of staying up with some listeners and no ready line.
  try {
    const internalPort = await rpc.listen("127.0.0.1", 0);
    internalAddress = `127.0.0.1:${internalPort}`;
    await registerBuiltins(registry, builtins, internalAddress, SERVER_VERSION, registration);
    const backlog = acceptBacklog();
    proxyAddress = await listen(proxy, ports.host, ports.proxy, backlog);
    const apiAddress = await listen(gateway, ports.host, ports.api, backlog);
    gatewayThreads = new GatewayThreads({
      server: gateway, count: apiThreads, backlog, version: SERVER_VERSION, internalAddress, hosted: [...hosted], registry, admit: admitRequest, log,
      mcp: (req, res) => gateway.serveMcp(req, res),
    });
    gatewayAccepts = new BulkAccept(gateway, { backlog, peers: gatewayThreads.peers, log: (line) => log(`api: ${line}`) });
    Object.assign(doors, { proxy: proxyAddress, api: apiAddress });
    await registerDoors(registry, doors, SERVER_VERSION, registration);
    if (shared) {
      heartbeat = setInterval(() => void (async () => {
        await auth.refreshKeys().catch(() => undefined); // (the set in hand is registered if the database is away)
        await registerBuiltins(registry, builtins, internalAddress, SERVER_VERSION, registration);
        await registerDoors(registry, doors, SERVER_VERSION, registration);
      })().catch((err: Error) => log(`registry: heartbeat of the builtins failed (next in ${BUILTIN_TTL_MS / 3000} s): ${err.message}`)),
      BUILTIN_TTL_MS / 3).unref();
    }
    const wanted = webPort({ web: options.ports?.web, api: ports.api });
    const webAddress = await listen(web, ports.host, wanted.port, backlog).catch((err: Error) => {
      if (wanted.explicit) throw err;
      log(`web interface not served: ${err.message}`);
      return "";
    });
    await runtime.restore();
    log(`micro server ${SERVER_VERSION} ready: proxy (gRPC) ${proxyAddress}, api (HTTP) ${apiAddress}, web ${webAddress ? `http://${webAddress}` : "off"}, data ${dir}` +
      Object.entries(primitives.where).map(([p, where]) => `, ${p} ${where}`).join(""));
    return { proxyAddress, apiAddress, webAddress, internalAddress, dataDir: dir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The accept queue's length: the system's somaxconn, as Go's net package (Micro 3.0's servers) uses. node's
 * default of 511 drops SYNs when a thousand clients connect at once (250 in one gateway soak), and each dropped one
 * waits out a SYN retry (1 s, then 3 s, 7 s…). */
function acceptBacklog(): number {
  try {
    const n = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8").trim());
    return Number.isInteger(n) && n > 0 ? Math.min(n, 65535) : 511;
  } catch {
    return 511; // not Linux: node's default
  }
}

async function listen(server: http.Server | http2.Http2Server, host: string, port: number, backlog: number): Promise<string> {
  server.listen({ port, host, backlog });
  await Promise.race([once(server, "listening"), once(server, "error").then(([err]) => {
    throw new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
  })]);
  const addr = server.address();
  return typeof addr === "object" && addr ? `${host}:${addr.port}` : `${host}:${port}`;
}

/** The proxy's address as other servers reach it: MICRO_ADVERTISE_HOST (a pod's IP, say), else the host it listens
 * on, else (0.0.0.0, ::) this machine's name. */
function advertised(address: string): string {
  const port = address.split(":").pop();
  const host = address.slice(0, address.length - (port?.length ?? 0) - 1).replace(/^\[|\]$/g, "");
  const wildcard = host === "0.0.0.0" || host === "::" || host === "";
  const chosen = process.env.MICRO_ADVERTISE_HOST || (wildcard ? hostname() : host);
  return chosen.includes(":") ? `[${chosen}]:${port}` : `${chosen}:${port}`;
}

/** Resolves once every session has closed, or after `ms`. */
async function closedWithin(sessions: http2.ServerHttp2Session[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const open = sessions.filter((s) => !s.destroyed); // `closed` is already true once close() was called
  await Promise.race([
    Promise.all(open.map((s) => new Promise((resolve) => s.once("close", resolve)))),
    new Promise((resolve) => { timer = setTimeout(resolve, ms); }),
  ]);
  clearTimeout(timer);
}
