// `micro server`: one process boots the builtin services on an internal gRPC port, registers them in the
// "micro" namespace, and opens the two public doors: the proxy (gRPC, 8081) and the API gateway (HTTP, 8080).
import type * as http from "node:http";
import type * as http2 from "node:http2";
import { once } from "node:events";
import { openEngine, type Engine } from "../engine/lmdb.js";
import { Registry as RegistryDesc } from "../gen/registry/registry_pb.js";
import { RpcServer } from "../rpc/server.js";
import { CallStats } from "../debug/stats.js";
import { debugHandler } from "../debug/handler.js";
import { MemoryRegistry } from "../registry/memory.js";
import { registryHandler } from "../registry/handler.js";
import { Resolver } from "../proxy/resolver.js";
import { createProxyServer } from "../proxy/server.js";
import { createGateway } from "../gateway/index.js";
import { dataDir as defaultDataDir } from "../util/paths.js";
import { hostBuiltins, registerBuiltins, type Builtin } from "./builtins.js";
import { Build, Runtime as RuntimeDesc, Source } from "../gen/runtime/runtime_pb.js";
import { LocalRuntime, buildHandler, runtimeHandler, sourceHandler } from "../runtime/index.js";
import { instanceIds, waitForInstance } from "../runtime/registry-wait.js";
import { serverPorts, type ServerPorts } from "./ports.js";

export const SERVER_VERSION = "0.1.0";

export interface ServerOptions {
  dataDir?: string;
  ports?: Partial<ServerPorts>;
  log?: (line: string) => void;
}

export interface RunningServer {
  proxyAddress: string;
  apiAddress: string;
  internalAddress: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + "\n"));
  const ports = { ...serverPorts(), ...options.ports };
  const dir = options.dataDir ?? defaultDataDir();
  const engine: Engine = openEngine(dir);
  const registry = new MemoryRegistry();
  const stats = new CallStats();
  const rpc = new RpcServer({ middleware: [stats.middleware()] });

  let proxyAddress = "";
  const runtime = new LocalRuntime({
    engine, dataDir: dir,
    baseEnv: () => ({ MICRO_PROXY: proxyAddress }),
    instanceIds: (ns, name) => instanceIds(registry, ns, name),
    waitForInstance: (ns, name, except, ms) => waitForInstance(registry, ns, name, except, ms),
  });

  const builtins: Builtin[] = [
    { name: "registry", handlers: [{ desc: RegistryDesc, impl: registryHandler(registry) }] },
    { name: "runtime", handlers: [
      { desc: RuntimeDesc, impl: runtimeHandler(runtime) },
      { desc: Source, impl: sourceHandler(dir) },
      { desc: Build, impl: buildHandler(runtime) },
    ] },
  ];
  hostBuiltins(rpc, builtins, debugHandler(stats));
  const internalPort = await rpc.listen("127.0.0.1", 0);
  const internalAddress = `127.0.0.1:${internalPort}`;
  await registerBuiltins(registry, builtins, internalAddress, SERVER_VERSION);

  const resolver = new Resolver(registry);
  const proxy = createProxyServer({ resolver });
  const gateway = createGateway({ registry, resolver, version: SERVER_VERSION });
  proxyAddress = await listen(proxy, ports.host, ports.proxy);
  const apiAddress = await listen(gateway, ports.host, ports.api);
  await runtime.restore();
  log(`micro server ${SERVER_VERSION} ready: proxy (gRPC) ${proxyAddress}, api (HTTP) ${apiAddress}, data ${dir}`);

  let closing: Promise<void> | undefined;
  return {
    proxyAddress, apiAddress, internalAddress, dataDir: dir,
    close: () => (closing ??= (async () => {
      await runtime.close();
      gateway.close();
      gateway.closeAllConnections?.();
      proxy.close();
      proxy.pool.close();
      await rpc.close(2000);
      registry.close();
      await engine.close();
    })()),
  };
}

async function listen(server: http.Server | http2.Http2Server, host: string, port: number): Promise<string> {
  server.listen(port, host);
  await Promise.race([once(server, "listening"), once(server, "error").then(([err]) => {
    throw new Error(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
  })]);
  const addr = server.address();
  return typeof addr === "object" && addr ? `${host}:${addr.port}` : `${host}:${port}`;
}
