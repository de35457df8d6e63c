// Faults of a platform of several `micro server`s on shared engines (test/support/cluster.ts), each under load,
// each printing what it lost — which must be nothing that was acknowledged:
// - kill -9 of one server while calls go through the others: every call through a survivor succeeds, and what
//   registered through the dead server (a service, its builtins) drops out of the registry within its TTL;
// - kill -9 of nats-server mid-publish, then a restart: every publish that was acknowledged is in the stream;
// - etcd stopped and restarted: services keep (or regain) their registrations and calls resume, new ones included.
// Deadlines come from the TTLs involved and from progress (so many calls done), never from a tight budget.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { RemoteEvents } from "../../runtime/events/index.js";
import { BUILTIN_TTL_MS } from "../../runtime/server/server.js";
import { startCluster, type Cluster } from "../support/cluster.js";
import { until } from "../support/wait.js";

const SERVICE_TTL_S = 6;
let cluster: Cluster;
const services: Service[] = [];
/** Loads still running: a failed test leaves none behind (after() stops them before the cluster). */
const loads = new Set<() => Promise<void>>();

before(async () => {
  cluster = await startCluster({ servers: 3 });
}, { timeout: 240_000 });

after(async () => {
  for (const stop of loads) await stop();
  for (const s of services) await s.stop().catch(() => undefined);
  closeChannels();
  await cluster?.stop();
}, { timeout: 120_000 });

/** A helloworld named `name`, registered (and heartbeating) through server `via`. */
async function startHello(name: string, via: number): Promise<Service> {
  const secret = `secret-of-${name}-for-tests`;
  const auth = createClient(Auth, createGrpcTransport({ address: cluster.servers[via]!.proxyAddress }));
  await auth.generate({ id: `svc-${name}`, secret, type: "service", options: { namespace: "micro" } }, { metadata: await cluster.adminMetadata("micro", via) });
  const srv = new Service({ name, registerTtlSeconds: SERVICE_TTL_S, env: { proxy: cluster.servers[via]!.proxyAddress, namespace: "micro", authId: `svc-${name}`, authSecret: secret } });
  srv.handle(Helloworld, { call: (req) => ({ msg: `Hello ${req.name}` }), message: () => ({ msg: "" }), async *stream() {}, async *pingPong() {} });
  await srv.start();
  services.push(srv);
  return srv;
}

/** Calls `call` from `workers` loops until stopped, counting what succeeded and what failed (and why). */
function load(call: () => Promise<void>, workers = 4) {
  const stats = { ok: 0, failed: 0, errors: [] as string[] };
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      try {
        await call();
        stats.ok++;
      } catch (err) {
        stats.failed++;
        if (stats.errors.length < 5) stats.errors.push((err as Error).message);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  const stop = async () => { running = false; loads.delete(stop); await Promise.all(loops); };
  loads.add(stop);
  return { stats, stop };
}

const gatewayCall = (via: number, name: string) => async () => {
  const res = await fetch(`http://${cluster.servers[via]!.apiAddress}/${name}/helloworld/call?name=load`, { headers: { authorization: `Bearer ${await cluster.adminToken(via)}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${res.status} ${body}`);
};

async function registered(via: number, name: string): Promise<number> {
  const registry = createClient(Registry, createGrpcTransport({ address: cluster.servers[via]!.proxyAddress, metadata: () => cluster.adminMetadata("micro", via) }));
  const { services: found } = await registry.getService({ service: name, options: { domain: "micro" } }).catch(() => ({ services: [] }));
  return found.flatMap((s) => s.nodes).length;
}

test("kill -9 of one server under load: calls through the others all succeed; its registrations drop out within their TTL", { timeout: 240_000 }, async () => {
  await startHello("steady", 0);
  const doomed = await startHello("doomed", 2); // registers and heartbeats through server c, which dies
  await until(async () => (await registered(1, "doomed")) > 0 || undefined, "doomed to be listed", 30_000);
  const proxyB = createClient(Helloworld, createGrpcTransport({ address: cluster.servers[1]!.proxyAddress,
    metadata: async () => ({ ...await cluster.adminMetadata("micro", 1), "micro-service": "steady" }) }));
  const viaA = load(gatewayCall(0, "steady"));
  const viaB = load(async () => { await proxyB.call({ name: "load" }); });
  // steady load first (progress, not time), then the crash
  await until(async () => (viaA.stats.ok >= 20 && viaB.stats.ok >= 20) || undefined, "calls under way", 60_000, 50)
    .catch((err: Error) => { throw new Error(`${err.message}: ${JSON.stringify([viaA.stats, viaB.stats])}`); });
  const before = { a: viaA.stats.ok, b: viaB.stats.ok };
  const killedAt = performance.now();
  await cluster.servers[2]!.crash();
  const doomedGone = await until(async () => ((await registered(0, "doomed")) === 0 ? (performance.now() - killedAt) / 1000 : undefined),
    "the dead server's service to drop out", SERVICE_TTL_S * 3000 + 15_000, 200);
  await doomed.stop().catch(() => undefined); // (its heartbeats through the dead server only fail)
  const builtinsGone = await until(async () => ((await registered(0, "store")) === 2 ? (performance.now() - killedAt) / 1000 : undefined),
    "the dead server's builtins to drop out", BUILTIN_TTL_MS * 2 + 15_000, 500);
  // and the load carried on meanwhile, well past the crash
  await until(async () => (viaA.stats.ok >= before.a + 50 && viaB.stats.ok >= before.b + 50) || undefined, "calls after the crash", 60_000, 50);
  await Promise.all([viaA.stop(), viaB.stop()]);
  console.log(`faults: kill -9 of server c: ${viaA.stats.ok} calls through a's gateway, ${viaB.stats.ok} through b's proxy; ` +
    `lost (failed) ${viaA.stats.failed + viaB.stats.failed}; its service gone from the registry after ${doomedGone.toFixed(1)} s (TTL ${SERVICE_TTL_S} s), ` +
    `its builtins after ${builtinsGone.toFixed(1)} s (TTL ${BUILTIN_TTL_MS / 1000} s)`);
  assert.equal(viaA.stats.failed + viaB.stats.failed, 0, `no call through a survivor failed: ${[...viaA.stats.errors, ...viaB.stats.errors].join("; ")}`);
});

test("kill -9 of nats-server mid-publish, then a restart: no acknowledged event is lost", { timeout: 240_000 }, async () => {
  const events = new RemoteEvents(createGrpcTransport({ address: cluster.servers[0]!.proxyAddress, metadata: () => cluster.adminMetadata("micro", 0) }));
  const acked: number[] = [];
  const unacked: number[] = [];
  let next = 1;
  let running = true;
  loads.add(async () => { running = false; });
  const publishing = (async () => {
    while (running) {
      const n = next++;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([events.publish("crash-orders", { n }), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("no answer")), 20_000); })]);
        acked.push(n);
      } catch {
        unacked.push(n);
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        clearTimeout(timer);
      }
    }
  })();
  await until(async () => acked.length >= 30 || undefined, "publishes under way", 60_000, 20);
  await cluster.engines.nats.crash(); // kill -9 while publishes are in flight, then a start on the same store
  const afterRestart = acked.length;
  await until(async () => acked.length >= afterRestart + 30 || undefined, "publishes acknowledged after the restart", 120_000, 100);
  running = false;
  await publishing;
  // everything in the stream, read back through another server
  const reader = new RemoteEvents(createGrpcTransport({ address: cluster.servers[1]!.proxyAddress, metadata: () => cluster.adminMetadata("micro", 1) }));
  const stored = new Set((await reader.read("crash-orders", { limit: 100_000 })).map((e) => (JSON.parse(new TextDecoder().decode(e.payload)) as { n: number }).n));
  const lost = acked.filter((n) => !stored.has(n));
  console.log(`faults: kill -9 of nats-server: ${acked.length} publishes acknowledged, ${unacked.length} not (failed while it was down), ` +
    `${stored.size} events in the stream; acknowledged but lost: ${lost.length}`);
  assert.deepEqual(lost, [], "every acknowledged event is in the stream");
});

test("etcd stopped and restarted: registrations survive or come back, calls resume, new services are callable", { timeout: 240_000 }, async () => {
  await startHello("through-etcd", 0);
  await until(async () => (await registered(1, "through-etcd")) > 0 || undefined, "through-etcd to be listed", 30_000);
  const viaB = load(gatewayCall(1, "through-etcd"));
  await until(async () => viaB.stats.ok >= 20 || undefined, "calls under way", 60_000, 50)
    .catch((err: Error) => { throw new Error(`${err.message}: ${JSON.stringify(viaB.stats)}`); });
  // down for a whole service TTL: heartbeats fail meanwhile, and registrations must survive (or come back) after
  await cluster.engines.etcd.restart(SERVICE_TTL_S * 1000);
  const atRestart = viaB.stats.ok;
  await until(async () => viaB.stats.ok >= atRestart + 20 || undefined, "calls to resume after etcd's restart", 60_000, 50);
  // B writes to the registry again once its etcd client has reconnected (progress, not a guess at how long)
  const registryB = createClient(Registry, createGrpcTransport({ address: cluster.servers[1]!.proxyAddress, metadata: () => cluster.adminMetadata("micro", 1) }));
  await until(() => registryB.register({ name: "etcd-probe", version: "1", nodes: [{ id: "probe", address: "127.0.0.1:9" }], options: { ttl: 5n, domain: "micro" } },
    { timeoutMs: 5000 }).then(() => true, () => undefined), "B's registry writes to resume", 60_000, 200);
  // a service registered after the restart, through B, is seen and called through A (the watches resumed)
  await startHello("after-etcd", 1);
  await until(async () => (await gatewayCall(0, "after-etcd")().then(() => true, () => undefined)), "a new service through a", 60_000, 200);
  // and two TTLs later the first one is still there: its heartbeats re-registered it on the restarted etcd
  const since = viaB.stats.ok;
  await new Promise((r) => setTimeout(r, SERVICE_TTL_S * 2000));
  assert.ok((await registered(0, "through-etcd")) > 0, "through-etcd is still registered");
  await until(async () => viaB.stats.ok > since + 20 || undefined, "calls still going", 60_000, 50);
  await viaB.stop();
  console.log(`faults: etcd stopped for ${SERVICE_TTL_S} s and restarted: ${viaB.stats.ok} calls through b's gateway, ${viaB.stats.failed} failed ` +
    "(a failed call was not acknowledged: its caller sees the error); registrations lost: 0");
});
