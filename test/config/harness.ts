// Builders for the config under test: the embedded engine in a temp dir, and the same engine behind the
// gRPC handler with remote clients, one transport per namespace (the namespace rides in metadata).
import { rm } from "node:fs/promises";
import { openTempEngine, type Engine } from "../../runtime/engine/lmdb.js";
import { Config as ConfigDesc } from "../../runtime/gen/config/config_pb.js";
import { createGrpcTransport, type Metadata, type Middleware } from "../../runtime/rpc/index.js";
import { EmbeddedConfig, RemoteConfig, configHandler, scopeConfig, type Config } from "../../runtime/config/index.js";
import { host, type Hosted } from "../support/rpc.js";

export interface ConfigHarness {
  /** A Config whose calls land in `namespace` unless they name another. */
  open(namespace: string): Config;
  close(): Promise<void>;
}

export interface Embedded { engine: Engine & { dir: string }; config: EmbeddedConfig; close(): Promise<void> }

/** `env` stands in for process.env, so tests never see a real MICRO_CONFIG_SECRET_KEY. */
export async function embedded(env: NodeJS.ProcessEnv = {}): Promise<Embedded> {
  const engine = await openTempEngine();
  const config = await EmbeddedConfig.open(engine, { dataDir: engine.dir, env });
  return {
    engine, config,
    async close() {
      await engine.close();
      await rm(engine.dir, { recursive: true, force: true });
    },
  };
}

export async function embeddedHarness(): Promise<ConfigHarness> {
  const e = await embedded();
  return { open: (namespace) => scopeConfig(e.config, namespace), close: e.close };
}

export interface Served extends Embedded {
  hosted: Hosted;
  /** A remote Config whose calls carry this metadata (micro-namespace, test identities). */
  client(metadata: Metadata): RemoteConfig;
}

export async function served(middleware: Middleware[] = []): Promise<Served> {
  const e = await embedded();
  const hosted = await host([{ desc: ConfigDesc, impl: configHandler(e.config) }], { middleware });
  return {
    ...e, hosted,
    client: (metadata) => new RemoteConfig(createGrpcTransport({ address: hosted.address, metadata: () => metadata })),
    async close() {
      await hosted.close();
      await e.close();
    },
  };
}

export async function remoteHarness(): Promise<ConfigHarness> {
  const s = await served();
  return { open: (namespace) => s.client({ "micro-namespace": namespace }), close: s.close };
}

/** Resolves once `check` holds, polling; the bound only keeps a broken test from hanging. */
export async function eventually(check: () => boolean, what: string, boundMs = 5000): Promise<void> {
  const until = Date.now() + boundMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
