// bench:server's shared-engine part: the same platform on etcd (registry, config), NATS JetStream (events, broker)
// and PostgreSQL (store, auth), first through 1 `micro server`, then through 3 (two more started on the same
// engines), so the two columns differ only in the number of servers the load is spread over. Load rotates over the
// servers call by call; on this machine the servers, the engines and the load generator share the same cores, so
// 3 servers show what the sharing costs (and whether it scales when cores are added), not a speed-up.
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { Store } from "../../runtime/gen/store/store_pb.js";
import { Stream } from "../../runtime/gen/events/events_pb.js";
import { createClient, createGrpcTransport, type Transport } from "../../runtime/rpc/index.js";
import { Service } from "../../runtime/service/index.js";
import { Helloworld } from "../../test/gen/helloworld_pb.js";
import { startClusterServer, startEngines, type ClusterServer, type Engines } from "../../test/support/cluster.js";
import { until } from "../../test/support/wait.js";
import { closedLoop, type LoadResult } from "../support/closed-loop.js";
import { helloworldHandlers } from "../support/helloworld.js";
import { eventsThroughput } from "./load.js";

export interface ClusterBenchOptions { callers: number; seconds: number; messages: number }

/** One column's figures (1 or 3 servers). */
export interface ClusterColumn {
  servers: number;
  storeWrite: LoadResult;
  storeRead: LoadResult;
  registryLookup: LoadResult;
  gateway: LoadResult;
  eventsLatency: { p50: number; p99: number };
  eventsThroughput: { publishPerSecond: number; endToEndPerSecond: number };
  rssMb: number[];
}

const VALUE = new Uint8Array(128).fill(0x61);
const KEYS = 1600;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Resident set of a process in MB (VmRSS). */
async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

/** Round robin over `items`, call by call. */
function rotating<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

async function measure(servers: ClusterServer[], token: string, options: ClusterBenchOptions): Promise<ClusterColumn> {
  const metadata = () => ({ authorization: `Bearer ${token}`, "micro-namespace": "micro" });
  const transports: Transport[] = servers.map((s) => createGrpcTransport({ address: s.proxyAddress, timeoutMs: 30_000, metadata }));
  const stores = transports.map((t) => createClient(Store, t));
  const registries = transports.map((t) => createClient(Registry, t));
  const { callers, seconds } = options;

  let w = 0;
  const nextStore = rotating(stores);
  const storeWrite = await closedLoop(async () => { await nextStore().write({ record: { key: `c-${w++ % KEYS}`, value: VALUE } }); }, callers, seconds);
  for (let i = 0; i < KEYS; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => stores[0]!.write({ record: { key: `c-${i + j}`, value: VALUE } })));
  let r = 0;
  const storeRead = await closedLoop(async () => {
    const { records } = await nextStore().read({ key: `c-${r++ % KEYS}` });
    if (records.length !== 1) throw new Error("store read: no record");
  }, callers, seconds);

  const nextRegistry = rotating(registries);
  const registryLookup = await closedLoop(async () => {
    const { services } = await nextRegistry().getService({ service: "helloworld" });
    if (!services[0]?.nodes.length) throw new Error("registry: no helloworld node");
  }, callers, seconds);

  const nextGateway = rotating(servers.map((s) => `http://${s.apiAddress}/helloworld/call?name=bench`));
  const gateway = await closedLoop(async () => {
    const res = await fetch(nextGateway(), { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`gateway ${res.status}: ${body}`);
  }, callers, seconds);

  const eventsLatency = await publishToConsume(transports, 300);
  // publishes rotate over the servers; the consumer reads through the last one
  const throughput = await eventsThroughput(transports, callers, options.messages, 60_000);
  const rss = await Promise.all(servers.map((s) => rssMb(s.pid)));
  return { servers: servers.length, storeWrite, storeRead, registryLookup, gateway, eventsLatency, eventsThroughput: throughput, rssMb: rss };
}

/** A consumer subscribed through the last server, events published one at a time through each server in turn:
 * the time from publish to delivery, per event. */
async function publishToConsume(transports: Transport[], count: number): Promise<{ p50: number; p99: number }> {
  const consumer = createClient(Stream, transports[transports.length - 1]!);
  const publishers = transports.map((t) => createClient(Stream, t));
  const topic = `bench-latency-${Date.now()}`;
  const stop = new AbortController();
  const waiting = new Map<string, () => void>();
  let live: () => void = () => undefined;
  const isLive = new Promise<void>((resolve) => (live = resolve));
  const consuming = (async () => {
    for await (const ev of consumer.consume({ topic, autoAck: true }, { signal: stop.signal })) {
      if (ev.metadata.probe) live();
      else waiting.get(ev.metadata.n!)?.();
    }
  })().catch((err: Error) => { if (!stop.signal.aborted) throw err; });
  const probing = setInterval(() => publishers[0]!.publish({ topic, metadata: { probe: "1" } }).catch(() => undefined), 50);
  await isLive;
  clearInterval(probing);
  const times: number[] = [];
  const payload = new Uint8Array(128).fill(0x62);
  for (let n = 0; n < count; n++) {
    const arrived = new Promise<void>((resolve, reject) => {
      waiting.set(String(n), resolve);
      setTimeout(() => reject(new Error(`event ${n} not delivered in 30 s`)), 30_000).unref();
    });
    const t0 = performance.now();
    await publishers[n % publishers.length]!.publish({ topic, payload, metadata: { n: String(n) } });
    await arrived;
    times.push(performance.now() - t0);
    waiting.delete(String(n));
  }
  stop.abort();
  await consuming;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Throwaway engines, 1 then 3 servers on them, a real helloworld registered through the first; both columns. */
export async function clusterBench(options: ClusterBenchOptions): Promise<ClusterColumn[]> {
  const engines: Engines = await startEngines();
  const servers: ClusterServer[] = [];
  let service: Service | undefined;
  try {
    servers.push(await startClusterServer(engines, "a"));
    const a = servers[0]!;
    const token = (await createClient(Auth, createGrpcTransport({ address: a.proxyAddress })).token({ id: "admin", secret: "micro" })).token!.accessToken;
    const secret = `bench-${Math.random().toString(36).slice(2)}`;
    await createClient(Auth, createGrpcTransport({ address: a.proxyAddress })).generate(
      { id: "svc-helloworld", secret, type: "service", options: { namespace: "micro" } },
      { metadata: { authorization: `Bearer ${token}`, "micro-namespace": "micro" } });
    // long TTL: the bench measures calls, not heartbeats
    service = new Service({ name: "helloworld", registerTtlSeconds: 90, env: { proxy: a.proxyAddress, namespace: "micro", authId: "svc-helloworld", authSecret: secret } });
    service.handle(Helloworld, helloworldHandlers);
    await service.start();
    const columns = [await measure(servers, token, options)];
    servers.push(...await Promise.all(["b", "c"].map((n) => startClusterServer(engines, n))));
    // every gateway answers before measuring (each server's registry copy has the service)
    for (const s of servers) {
      await until(async () => (await fetch(`http://${s.apiAddress}/helloworld/call?name=x`, { headers: { authorization: `Bearer ${token}` } })).status === 200 || undefined,
        `helloworld through ${s.name}'s gateway`, 60_000, 200);
    }
    columns.push(await measure(servers, token, options));
    return columns;
  } finally {
    await service?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await engines.stop();
  }
}

const ops = (r: LoadResult) => `${r.rps.toFixed(0)} ops/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.errors ? `, ${r.errors} errors` : ""}`;

/** Runs clusterBench and prints its figures as rows "…: 1 server | 3 servers" through `row`. */
export async function clusterRows(options: ClusterBenchOptions, row: (label: string, value: string) => void): Promise<void> {
  console.log("\nshared engines (etcd, NATS JetStream, PostgreSQL): 1 server, then 3 servers on the same engines");
  const [one, three] = await clusterBench(options);
  const both = (label: string, f: (c: ClusterColumn) => string) => row(`engines, ${label}`, `1 server: ${f(one!)} | 3 servers: ${f(three!)}`);
  both(`store.Store/Write, ${options.callers} callers`, (c) => ops(c.storeWrite));
  both(`store.Store/Read, ${options.callers} callers`, (c) => ops(c.storeRead));
  both(`registry GetService, ${options.callers} callers`, (c) => ops(c.registryLookup));
  both(`gateway GET /helloworld/call, ${options.callers} callers`, (c) => ops(c.gateway));
  both("events publish → consume latency, 1 at a time", (c) => `p50 ${c.eventsLatency.p50.toFixed(2)} ms, p99 ${c.eventsLatency.p99.toFixed(2)} ms`);
  both(`events ${options.messages} published by ${options.callers}, 1 consumer`, (c) => `publish ${c.eventsThroughput.publishPerSecond.toFixed(0)} msgs/s, publish → consumed ${c.eventsThroughput.endToEndPerSecond.toFixed(0)} msgs/s`);
  both("RSS of each server after the load", (c) => c.rssMb.map((m) => `${m.toFixed(0)} MB`).join(", "));
}
