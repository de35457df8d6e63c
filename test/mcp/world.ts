// The MCP tests' world: a real `micro server` on free ports; in namespace micro (tenant A) the helloworld service
// (public, as the default rule makes services) and the kitchen service (members only, by rules); tenant B made
// with the real `micro signup`. Callers: admin (A's admin), alice (A's member, no admin scope), bob (B's founder)
// and anonymous, each as a token for HTTP and as a CLI HOME for `micro mcp` over stdio.
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport, MicroError, type Metadata } from "../../runtime/rpc/index.js";
import { Auth, Rules } from "../../runtime/gen/auth/auth_pb.js";
import { HelloworldService } from "../gen/helloworld_micro.js";
import { Kitchen } from "../gateway/gen/kitchen_pb.js";
import { MICRO_BIN, runMicro, tempHome } from "../cli/support/micro.js";

export type Who = "admin" | "alice" | "bob" | "anonymous";
export type Way = "http" | "stdio";

export interface Caller { token?: string; namespace: string; home: string }

export interface World {
  server: RunningServer;
  apiPort: number;
  proxyPort: number;
  callers: Record<Who, Caller>;
  /** Tenant B's namespace. */
  bNamespace: string;
  /** A framework service in namespace micro under its own account. */
  startService(name: string): Promise<Service>;
  /** A directory for `micro run` (see serviceSource), removed with the world. */
  serviceSource(name: string): Promise<string>;
  close(): Promise<void>;
}

const rnd = (n = 4) => randomBytes(n).toString("hex");

export const kitchenImpl = {
  echo: (req: any) => req,
  slow: (req: any) => req,
  blank: () => ({}),
  fail: (req: any) => { throw new MicroError("kitchen", req.small, `failed with ${req.small} on purpose`); },
  async *chunks(req: any) { for (let i = 0; i < req.small; i++) yield { label: `chunk ${i}`, size: i }; },
  async collect(reqs: AsyncIterable<any>) { const tags: string[] = []; for await (const r of reqs) tags.push(r.label); return { tags }; },
  async *chat(reqs: AsyncIterable<any>) { for await (const r of reqs) yield r; },
};

export const helloworldImpl = {
  call: (req: { name: string }) => ({ msg: `Hello ${req.name}` }),
  message: (req: { name: string }) => ({ msg: `Message for ${req.name}` }),
  async *stream(req: { count: bigint }) { for (let i = 0n; i < req.count; i++) yield { count: i }; },
  async *pingPong(reqs: AsyncIterable<{ stroke: bigint }>) { for await (const p of reqs) yield { stroke: p.stroke }; },
};

export async function startWorld(): Promise<World> {
  const dataDir = await mkdtemp(join(tmpdir(), "mcp-data-"));
  const server = await startServer({ dataDir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  const proxyPort = Number(server.proxyAddress.split(":").pop());
  const apiPort = Number(server.apiAddress.split(":").pop());
  const dirs = [dataDir];
  const services: Service[] = [];
  const anon = (ns: string) => createClient(Auth, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-namespace": ns }) }));
  const login = async (id: string, secret: string, ns: string) => (await anon(ns).token({ id, secret, options: { namespace: ns } })).token!.accessToken;
  const adminToken = await login("admin", "micro", "micro");
  const adminMd = (): Metadata => ({ authorization: `Bearer ${adminToken}`, "micro-namespace": "micro" });
  const root = createGrpcTransport({ address: server.proxyAddress, metadata: adminMd });

  const home = async () => { const h = (await tempHome()).home; dirs.push(h); return h; };
  const cli = async (args: string[], h: string) => {
    const r = await runMicro(args, { home: h, port: proxyPort });
    if (r.code !== 0) throw new Error(`micro ${args[0]} failed: ${r.stderr}`);
  };
  const adminHome = await home();
  await cli(["login", "--email", "admin", "--password", "micro"], adminHome);
  const aliceSecret = `alice-${rnd()}`;
  await createClient(Auth, root).generate({ id: "alice", secret: aliceSecret, type: "user", scopes: [], options: { namespace: "micro" } });
  const aliceHome = await home();
  await cli(["login", "--email", "alice", "--password", aliceSecret], aliceHome);
  const bNamespace = `tenant-b-${rnd(3)}`;
  const bobSecret = `bob-${rnd()}`;
  const bobHome = await home();
  await cli(["signup", "--email", "bob@example.com", "--password", bobSecret, "--namespace", bNamespace], bobHome);
  const anonymousHome = await home();

  const startService = async (name: string) => {
    const secret = `svc-${rnd(8)}`;
    await createClient(Auth, root).generate({ id: `service.${name}`, secret, type: "service", options: { namespace: "micro" } });
    const svc = new Service({ name, env: { proxy: server.proxyAddress, namespace: "micro", authId: `service.${name}`, authSecret: secret } });
    services.push(svc);
    return svc;
  };
  await (await startService("helloworld")).handle(HelloworldService, helloworldImpl).start();
  await (await startService("kitchen")).handle(Kitchen, kitchenImpl as any).start();
  // kitchen is for members of micro only: anyone else falls through to the denial
  const rules = createClient(Rules, root);
  const resource = { type: "service", name: "kitchen", endpoint: "*" };
  await rules.create({ rule: { id: "kitchen-members", scope: "*", resource, access: 1, priority: 10 }, options: { namespace: "micro" } });
  await rules.create({ rule: { id: "kitchen-closed", scope: "", resource, access: 2, priority: 5 }, options: { namespace: "micro" } });

  return {
    server, apiPort, proxyPort, bNamespace, startService,
    async serviceSource(name) {
      const dir = await serviceSource(name);
      dirs.push(join(dir, ".."));
      return dir;
    },
    callers: {
      admin: { token: adminToken, namespace: "micro", home: adminHome },
      alice: { token: await login("alice", aliceSecret, "micro"), namespace: "micro", home: aliceHome },
      bob: { token: await login("bob@example.com", bobSecret, bNamespace), namespace: bNamespace, home: bobHome },
      anonymous: { namespace: "micro", home: anonymousHome },
    },
    async close() {
      for (const s of services) await s.stop().catch(() => undefined);
      await server.close();
      closeChannels();
      for (const d of dirs) await rm(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

export interface Connection { client: Client; close(): Promise<void> }

/** The official SDK's client, over HTTP (the caller's Bearer token and namespace) or over stdio (`micro mcp` in the
 * caller's CLI HOME). `namespace` overrides the caller's own (HTTP: the Micro-Namespace header). */
export async function connect(world: World, way: Way, who: Who, options: { builtins?: boolean; namespace?: string } = {}): Promise<Connection> {
  const caller = world.callers[who];
  const client = new Client({ name: `test-${who}`, version: "1" });
  if (way === "http") {
    const url = new URL(`http://127.0.0.1:${world.apiPort}/mcp${options.builtins ? "?builtins=true" : ""}`);
    const headers: Record<string, string> = { "micro-namespace": options.namespace ?? caller.namespace };
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  } else {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: caller.home,
      MICRO_PROXY_PORT: String(world.proxyPort), MICRO_API_PORT: String(world.apiPort),
    };
    const args = ["mcp", ...(options.builtins ? ["--builtins"] : [])];
    await client.connect(new StdioClientTransport({ command: MICRO_BIN, args, env, stderr: "inherit" }));
  }
  return { client, close: () => client.close() };
}

/** A directory `micro run` starts: a framework service `name` serving the generated Helloworld (the compiled
 * runtime imported from this repository's dist/), readable by a sandbox user. */
export async function serviceSource(name: string): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), "mcp-run-"));
  const dir = join(parent, name); // micro run names the service after its directory
  await mkdir(dir);
  await chmod(parent, 0o755);
  await chmod(dir, 0o755);
  const dist = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, type: "module", scripts: { start: "node main.js" } }));
  await writeFile(join(dir, "main.js"), [
    `import { Service } from ${JSON.stringify(dist("runtime/service/index.js"))};`,
    `import { HelloworldService } from ${JSON.stringify(dist("test/gen/helloworld_micro.js"))};`,
    `const service = new Service({ name: ${JSON.stringify(name)} });`,
    "service.handle(HelloworldService, { call: (r) => ({ msg: `Hello ${r.name}` }), message: (r) => ({ msg: r.name }),",
    "  async *stream() {}, async *pingPong(rs) { for await (const p of rs) yield p; } });",
    "await service.run();",
  ].join("\n"));
  for (const f of ["package.json", "main.js"]) await chmod(join(dir, f), 0o644);
  return dir;
}
