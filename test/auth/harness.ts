// A small platform for the auth tests, over real gRPC: the auth services, a builtin (registry) and a user
// service ("helloworld", served by the debug.Debug descriptor: endpoints Debug.Health / Debug.Stats / Debug.Log),
// all behind authMiddleware on one server, with a fresh data dir.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { Accounts, Auth as AuthDesc, Rules } from "../../runtime/gen/auth/auth_pb.js";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { Registry as RegistryDesc } from "../../runtime/gen/registry/registry_pb.js";
import { openEngine, type Engine } from "../../runtime/engine/lmdb.js";
import { createClient, createGrpcTransport, MicroError, type ServiceImpl, type Transport } from "../../runtime/rpc/index.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { registryHandler } from "../../runtime/registry/handler.js";
import { EmbeddedAuth, type EmbeddedAuthOptions } from "../../runtime/auth/embedded.js";
import type { SignupOptions } from "../../runtime/auth/signup.js";
import { accountsHandler, authHandler, rulesHandler } from "../../runtime/auth/handler.js";
import { authMiddleware } from "../../runtime/auth/middleware.js";
import { RemoteAuth } from "../../runtime/auth/remote.js";
import { host, type Hosted } from "../support/rpc.js";

/** Debug.Health answers who called and where, so tests can see what the middleware decided. */
const helloworld: ServiceImpl<typeof Debug> = {
  health: (_req, ctx) => ({ status: `${ctx.account ? `${ctx.account.id}@${ctx.account.issuer}` : "anonymous"} in ${ctx.namespace}` }),
  stats: () => ({}),
  log: () => ({ records: [] }),
  trace: () => ({ spans: [] }),
};

export interface Caller {
  auth: RemoteAuth;
  registry: ReturnType<typeof createClient<typeof RegistryDesc>>;
  hello: ReturnType<typeof createClient<typeof Debug>>;
  rawAuth: ReturnType<typeof createClient<typeof AuthDesc>>;
  transport: Transport;
}

export interface Platform {
  auth: EmbeddedAuth;
  dataDir: string;
  address: string;
  /** Clients sending `metadata` (e.g. authorization, micro-namespace) with every call. */
  as(metadata?: Record<string, string>): Caller;
  /** Clients with a bearer token and, optionally, a namespace header. */
  withToken(token: string | undefined, namespace?: string): Caller;
  /** Reopens the same data dir (new engine, new server): persistence checks. */
  restart(): Promise<{ created: boolean }>;
  close(): Promise<void>;
}

export interface PlatformOptions extends Partial<Omit<EmbeddedAuthOptions, "engine" | "dataDir" | "signup">> {
  /** The engine's signup mode and limits. */
  signupOptions?: SignupOptions;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform & { created: boolean }> {
  const dataDir = await mkdtemp(join(tmpdir(), "micro-auth-test-"));
  let engine: Engine;
  let auth: EmbeddedAuth;
  let hosted: Hosted;
  let registry: MemoryRegistry;

  const boot = async () => {
    engine = openEngine(dataDir);
    const { signupOptions, ...rest } = options;
    auth = await EmbeddedAuth.open({ ...rest, signup: signupOptions, engine, dataDir });
    const created = await auth.ensureDefaults();
    registry = new MemoryRegistry(1000);
    hosted = await host([
      { desc: AuthDesc, impl: authHandler(auth) },
      { desc: Accounts, impl: accountsHandler(auth) },
      { desc: Rules, impl: rulesHandler(auth) },
      { desc: RegistryDesc, impl: registryHandler(registry) },
      { desc: Debug, impl: helloworld, name: "helloworld" },
    ], { middleware: [authMiddleware(auth)] });
    return created;
  };
  const shutdown = async () => {
    await hosted.close();
    registry.close();
    await engine.close();
  };

  const created = await boot();
  const platform: Platform & { created: boolean } = {
    created,
    get auth() { return auth; },
    dataDir,
    get address() { return hosted.address; },
    as(metadata = {}) {
      const transport = createGrpcTransport({ address: hosted.address, metadata: () => metadata });
      return {
        transport,
        auth: new RemoteAuth(transport),
        registry: createClient(RegistryDesc, transport),
        hello: createClient(Debug, transport),
        rawAuth: createClient(AuthDesc, transport),
      };
    },
    withToken(token, namespace) {
      return this.as({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...(namespace ? { "micro-namespace": namespace } : {}) });
    },
    async restart() {
      await shutdown();
      return { created: await boot() };
    },
    async close() {
      await shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}

/** Asserts a MicroError with this code; `secrets` must not appear in its detail or message. */
export function refusedWith(code: number, secrets: string[] = []) {
  return (err: unknown) => {
    assert.ok(err instanceof MicroError, `expected a MicroError, got ${String(err)}`);
    assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.detail}`);
    for (const s of secrets) {
      assert.ok(!err.detail.includes(s) && !err.message.includes(s), "error detail leaks a secret or token");
    }
    return true;
  };
}
