// Test support: a real `micro server` on free ports plus services started with the framework, each under its
// own service account (the server's auth requires one to register). Builtins the server does not host yet
// (store, config, events) are started beside it from their handlers, so the CLI's commands can be tested
// end to end either way.
import type { DescService } from "@bufbuild/protobuf";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../../runtime/server/server.js";
import { Service } from "../../../runtime/service/index.js";
import { createClient } from "../../../runtime/rpc/client.js";
import { closeChannels, createGrpcTransport } from "../../../runtime/rpc/grpc-transport.js";
import type { ServiceDef, ServiceImpl, Transport } from "../../../runtime/rpc/types.js";
import { Auth } from "../../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../../runtime/gen/registry/registry_pb.js";
import { openEngine, type Engine } from "../../../runtime/engine/lmdb.js";

/** The handlers of a builtin, and how to stop its engine (before the database closes). */
export interface BuiltinParts {
  handlers: { def: DescService; impl: ServiceImpl<any> }[];
  close?: () => unknown;
}

export interface Platform {
  server: RunningServer;
  /** The proxy's port: what MICRO_PROXY_PORT must say for `micro env` local to reach it. */
  port: number;
  /** A transport through the proxy as admin of "micro". */
  admin(namespace?: string): Transport;
  /** Starts a framework service registered as `name` in `namespace` (default "micro"). */
  startService<S extends DescService>(name: string, def: ServiceDef<S> | S, impl: ServiceImpl<S>, namespace?: string): Promise<Service>;
  /** Starts one framework service that serves several proto services under `name`. */
  startServices(name: string, handlers: { def: ServiceDef; impl: ServiceImpl<DescService> }[], namespace?: string): Promise<Service>;
  /** Hosts a builtin (e.g. store) from its handlers unless the server already registers it. */
  ensureBuiltin(name: string, make: (engine: Engine, dataDir: string) => Promise<BuiltinParts>): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const dir = await mkdtemp(join(tmpdir(), "cli-test-server-"));
  const server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  const port = Number(server.proxyAddress.split(":").pop());
  const anonymous = createClient(Auth, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-namespace": "micro" }) }));
  const { token } = await anonymous.token({ id: "admin", secret: "micro", options: { namespace: "micro" } });
  const admin = (namespace = "micro") => createGrpcTransport({
    address: server.proxyAddress,
    metadata: () => ({ "micro-namespace": namespace, authorization: `Bearer ${token!.accessToken}` }),
  });
  const services: Service[] = [];
  const extraDirs: string[] = [];
  const engines: Engine[] = [];
  const closers: (() => unknown)[] = [];

  async function startService<S extends DescService>(name: string, def: ServiceDef<S> | S, impl: ServiceImpl<S>, namespace = "micro") {
    return startServices(name, [{ def: def as ServiceDef, impl: impl as ServiceImpl<DescService> }], namespace);
  }

  async function startServices(name: string, handlers: { def: ServiceDef; impl: ServiceImpl<DescService> }[], namespace = "micro") {
    const id = `service.${name}`;
    const secret = `secret-${name}-${Math.random().toString(36).slice(2)}`;
    await createClient(Auth, admin(namespace)).generate({ id, secret, type: "service", options: { namespace } });
    const srv = new Service({ name, env: { proxy: server.proxyAddress, namespace, authId: id, authSecret: secret } });
    for (const h of handlers) srv.handle(h.def, h.impl);
    await srv.start();
    services.push(srv);
    return srv;
  }

  return {
    server, port, admin, startService, startServices,
    async ensureBuiltin(name, make) {
      const { services: found } = await createClient(Registry, admin()).getService({ service: name, options: { domain: "micro" } });
      if (found.length) return;
      const engineDir = await mkdtemp(join(tmpdir(), `cli-test-${name}-`));
      extraDirs.push(engineDir);
      const engine = openEngine(engineDir);
      engines.push(engine);
      const id = `service.${name}`;
      const secret = `secret-${name}`;
      await createClient(Auth, admin()).generate({ id, secret, type: "service", options: { namespace: "micro" } });
      const srv = new Service({ name, env: { proxy: server.proxyAddress, namespace: "micro", authId: id, authSecret: secret } });
      const parts = await make(engine, engineDir);
      if (parts.close) closers.push(parts.close);
      for (const h of parts.handlers) srv.handle(h.def, h.impl);
      await srv.start();
      services.push(srv);
    },
    async close() {
      for (const s of services) await s.stop().catch(() => undefined);
      await server.close();
      for (const c of closers) await c();
      for (const e of engines) await e.close();
      for (const d of [dir, ...extraDirs]) await rm(d, { recursive: true, force: true });
      closeChannels();
    },
  };
}
