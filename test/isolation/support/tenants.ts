// The isolation matrix's world: one real `micro server` on free ports and two tenants in it. Tenant A is the
// "micro" namespace (admin/micro seeds it; its attacker is alice, an account of micro without the admin scope,
// because admin/micro is the platform operator and crosses namespaces by design). Tenant B is a namespace made
// with the real `micro signup`; its attacker is its founder bob, who holds B's admin scope. Each tenant has a
// user service (framework Service under its own service account), data in every primitive carrying the
// tenant's marker, a runtime job, and a CLI HOME logged in as its attacker.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { startServer, type RunningServer } from "../../../runtime/server/server.js";
import { Service } from "../../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport, type Metadata, type Transport } from "../../../runtime/rpc/index.js";
import { Auth, Rules } from "../../../runtime/gen/auth/auth_pb.js";
import { Config } from "../../../runtime/gen/config/config_pb.js";
import { Store } from "../../../runtime/gen/store/store_pb.js";
import { Registry } from "../../../runtime/gen/registry/registry_pb.js";
import { Stream } from "../../../runtime/gen/events/events_pb.js";
import { Runtime } from "../../../runtime/gen/runtime/runtime_pb.js";
import { Helloworld } from "../../gen/helloworld_pb.js";
import { runMicro, tempHome } from "../../cli/support/micro.js";

export type TenantKey = "A" | "B";

export interface Tenant {
  key: TenantKey;
  ns: string;
  /** In every piece of this tenant's data: seeing it from elsewhere is a leak. */
  marker: string;
  /** What the tenant's Helloworld.Stream yields (its messages carry numbers only). */
  countMarker: bigint;
  /** Registry name of the tenant's user service. */
  service: string;
  /** The runtime job's name. */
  job: string;
  /** The attacking identity of this tenant for every way in but the service client. */
  user: { id: string; secret: string; token: string };
  /** The tenant's user service: the attacker of the "service client" way. */
  svc: Service;
  /** A CLI HOME logged in as `user` (real `micro login` / `micro signup`). */
  home: string;
  /** The user service's registry entry (name, version, nodes): what a Deregister attack names. */
  registration: { name: string; version: string; nodes: { id: string; address: string }[] };
  /** Metadata of the tenant's owner (admin/micro for A, bob for B) in its own namespace: seeding only. */
  owner: () => Metadata;
}

export interface World {
  server: RunningServer;
  proxyPort: number;
  /** host:port of the gateway. */
  apiPort: number;
  A: Tenant;
  B: Tenant;
  /** Everything the server logged. */
  serverLog: string[];
  /** Every secret this world made up (passwords, service secrets, the config key): must never be logged. */
  secrets: string[];
  /** A transport as the platform admin (admin/micro) in `namespace`: snapshots and pokes. */
  root(namespace: string): Transport;
  /** The platform admin's metadata in `namespace`. */
  rootMetadata(namespace: string): Metadata;
  other(t: Tenant): Tenant;
  close(): Promise<void>;
}

const rnd = (n = 4) => randomBytes(n).toString("hex");

/** The tenant's user service: every answer carries its marker, so seeing one from elsewhere is a leak. */
function notesImpl(marker: string, countMarker: bigint) {
  return {
    call: (req: { name: string }, ctx: { namespace: string }) => ({ msg: `Hello ${req.name} from ${marker} (call in ${ctx.namespace})` }),
    message: (req: { name: string }) => ({ msg: `Message for ${req.name} from ${marker}` }),
    async *stream() { yield { count: countMarker }; },
    async *pingPong(reqs: AsyncIterable<{ stroke: bigint }>) { for await (const p of reqs) yield { stroke: p.stroke }; },
  };
}

export async function startWorld(): Promise<World> {
  const configKey = randomBytes(32).toString("base64");
  // The server reads it from its environment; a tenant's runtime job must never see it (checked by the test).
  process.env.MICRO_CONFIG_SECRET_KEY = configKey;
  // Hundreds of attempts come from one address here: signup's rate limits (test/auth/signup) would answer them
  // with 429 before the isolation checks this matrix is about, so they are lifted for this server.
  process.env.MICRO_SIGNUP_PER_ADDRESS = process.env.MICRO_SIGNUP_PER_MINUTE = "1000000";
  const dataDir = await mkdtemp(join(tmpdir(), "iso-data-"));
  const serverLog: string[] = [];
  const server = await startServer({ dataDir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: (l) => serverLog.push(l) });
  const proxyPort = Number(server.proxyAddress.split(":").pop());
  const apiPort = Number(server.apiAddress.split(":").pop());
  const anon = (ns: string) => createClient(Auth, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-namespace": ns }) }));
  const login = async (id: string, secret: string, ns: string) => (await anon(ns).token({ id, secret, options: { namespace: ns } })).token!.accessToken;
  const rootToken = await login("admin", "micro", "micro");
  const rootMetadata = (namespace: string): Metadata => ({ authorization: `Bearer ${rootToken}`, "micro-namespace": namespace });
  const root = (namespace: string) => createGrpcTransport({ address: server.proxyAddress, metadata: () => rootMetadata(namespace) });
  const secrets: string[] = [configKey];
  const dirs: string[] = [dataDir];
  const services: Service[] = [];

  async function makeTenant(key: TenantKey): Promise<Tenant> {
    const marker = `MARK${key}${rnd(6)}`;
    const countMarker = BigInt(key === "A" ? 7_100_000 + Math.floor(Math.random() * 1000) : 7_200_000 + Math.floor(Math.random() * 1000));
    const home = (await tempHome()).home;
    dirs.push(home);
    let ns: string, user: Tenant["user"], owner: () => Metadata;
    if (key === "A") {
      ns = "micro";
      const secret = `alice-pw-${rnd()}`;
      await createClient(Auth, root("micro")).generate({ id: "alice", secret, type: "user", scopes: [], options: { namespace: "micro" } });
      const r = await runMicro(["login", "--email", "alice", "--password", secret], { home, port: proxyPort });
      if (r.code !== 0) throw new Error(`alice's login failed: ${r.stderr}`);
      user = { id: "alice", secret, token: await login("alice", secret, "micro") };
      owner = () => rootMetadata("micro");
      secrets.push(secret);
    } else {
      ns = `tenant-b-${rnd(3)}`;
      const secret = `bob-pw-${rnd()}`;
      const r = await runMicro(["signup", "--email", "bob@example.com", "--password", secret, "--namespace", ns], { home, port: proxyPort });
      if (r.code !== 0) throw new Error(`bob's signup failed: ${r.stderr}`);
      user = { id: "bob@example.com", secret, token: await login("bob@example.com", secret, ns) };
      const ownerToken = user.token;
      owner = () => ({ authorization: `Bearer ${ownerToken}`, "micro-namespace": ns });
      secrets.push(secret);
    }
    const ownerT = createGrpcTransport({ address: server.proxyAddress, metadata: owner });
    const service = `notes-${key.toLowerCase()}`;
    // The service's own account, made by the tenant's owner, as `micro run` would.
    const svcSecret = `svc-${rnd(8)}`;
    secrets.push(svcSecret);
    await createClient(Auth, ownerT).generate({ id: `service.${service}`, secret: svcSecret, type: "service", options: { namespace: ns } });
    const svc = new Service({ name: service, env: { proxy: server.proxyAddress, namespace: ns, authId: `service.${service}`, authSecret: svcSecret } });
    svc.handle(Helloworld, notesImpl(marker, countMarker));
    await svc.start();
    services.push(svc);
    // The user service is the tenant's private API: members only (anyone else falls through to the denial).
    const rules = createClient(Rules, ownerT);
    const resource = { type: "service", name: service, endpoint: "*" };
    await rules.create({ rule: { id: "notes-members", scope: "*", resource, access: 1, priority: 10 }, options: { namespace: ns } });
    await rules.create({ rule: { id: "notes-closed", scope: "", resource, access: 2, priority: 5 }, options: { namespace: ns } });
    // …but for one public endpoint (Helloworld.Message, which no op of the main matrix uses): the direct ways
    // (support/direct.ts) check that public stays public through the front doors, and to no one without a token
    const message = { type: "service", name: service, endpoint: "Helloworld.Message" };
    await rules.create({ rule: { id: "notes-public-message", scope: "", resource: message, access: 1, priority: 20 }, options: { namespace: ns } });
    const entry = (await createClient(Registry, root(ns)).getService({ service, options: { domain: ns } })).services[0]!;
    const registration = { name: entry.name, version: entry.version, nodes: entry.nodes.map((n) => ({ id: n.id, address: n.address })) };
    const tenant: Tenant = { key, ns, marker, countMarker, service, job: `job-${key.toLowerCase()}`, user, svc, home, owner, registration };
    await seed(tenant, ownerT);
    return tenant;
  }

  /** Data in every primitive, each piece carrying the marker. */
  async function seed(t: Tenant, ownerT: Transport): Promise<void> {
    await t.svc.store.write({ key: `svc-rec-${t.key}`, value: `${t.marker} in the service's table` });
    await createClient(Store, ownerT).write({ record: { key: `rec-${t.key}`, value: new TextEncoder().encode(`${t.marker} record`) }, options: { database: t.ns } });
    await t.svc.blobs.write(`blob-${t.key}`, new TextEncoder().encode(`${t.marker} blob`));
    const config = createClient(Config, ownerT);
    await config.set({ namespace: t.ns, path: "app.greeting", value: { data: JSON.stringify(`${t.marker} greeting`), format: "json" } });
    await config.set({ namespace: t.ns, path: "app.password", value: { data: JSON.stringify(`${t.marker} secret`), format: "json" }, options: { secret: true } });
    const events = createClient(Stream, ownerT);
    for (const n of [1, 2]) await events.publish({ topic: "orders", payload: new TextEncoder().encode(JSON.stringify({ order: n, marker: t.marker })) });
    await startJob(t, ownerT);
  }

  /** A runtime job from a tiny dir source: it prints the marker, and says whether the server's config key reached it
   * (what its code can read on the machine is the sandbox probe's business, see sandbox-probe.ts). */
  async function startJob(t: Tenant, ownerT: Transport): Promise<void> {
    const src = await mkdtemp(join(tmpdir(), `iso-job-${t.key}-`));
    dirs.push(src);
    // a tenant's directory source is read as the tenant's sandbox user: it must be readable by others
    await chmod(src, 0o755);
    await writeFile(join(src, "package.json"), JSON.stringify({ name: t.job, version: "1.0.0", private: true, scripts: { start: "node main.js" } }));
    await writeFile(join(src, "main.js"), [
      "const key = process.env.MICRO_CONFIG_SECRET_KEY;",
      "console.log('job of ' + process.env.MICRO_NAMESPACE + ' ' + process.env.JOB_MARKER + (key ? ' config-key=' + key : ' no-config-key'));",
      "setInterval(() => {}, 1e9);",
    ].join("\n"));
    await createClient(Runtime, ownerT).create({
      resource: { service: { name: t.job, version: "latest", source: src } },
      options: { namespace: t.ns, env: [`JOB_MARKER=${t.marker}`] },
    });
  }

  const A = await makeTenant("A");
  const B = await makeTenant("B");
  await waitForJobs([A, B], root);
  const world: World = {
    server, proxyPort, apiPort, A, B, serverLog, secrets, root, rootMetadata,
    other: (t) => (t.key === "A" ? B : A),
    async close() {
      for (const s of services) await s.stop().catch(() => undefined);
      await server.close();
      closeChannels();
      for (const d of dirs) await rm(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      delete process.env.MICRO_CONFIG_SECRET_KEY;
    },
  };
  return world;
}

/** Both jobs running and their first line logged, so snapshots and log reads are stable. */
async function waitForJobs(tenants: Tenant[], root: (ns: string) => Transport): Promise<void> {
  for (const t of tenants) {
    const runtime = createClient(Runtime, root(t.ns));
    for (let i = 0; ; i++) {
      const { services } = await runtime.read({ options: { namespace: t.ns, service: t.job } });
      const s = services[0];
      if (s?.metadata.status === "running") {
        const lines: string[] = [];
        for await (const l of runtime.logs({ service: t.job, count: 50n, options: { namespace: t.ns } })) lines.push(l.message);
        if (lines.some((l) => l.includes(t.marker))) break;
      }
      if (s?.metadata.status === "error" || i > 600) throw new Error(`job ${t.job} did not start: ${JSON.stringify(s?.metadata)}`);
      await sleep(100);
    }
  }
}

/** A HOME whose config has an extra environment `name` holding the attacker's login but the victim's namespace
 * (what `--env victim` would be if the attacker could log in there). */
export async function addForeignEnv(home: string, name: string, namespace: string): Promise<void> {
  const path = join(home, ".micro", "config.json");
  const config = JSON.parse(await readFile(path, "utf8"));
  config.envs[name] = { ...config.envs.local, namespace, description: "attacker's token, victim's namespace" };
  await mkdir(join(home, ".micro"), { recursive: true });
  await writeFile(path, JSON.stringify(config, null, 2), { mode: 0o600 });
}
