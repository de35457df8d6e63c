// `npm run bench:server`: the real `micro server` (bin/micro in a child process, temp data dir, free ports), driven
// over gRPC through its proxy as admin of "micro". Figures: cold start (spawn → ready line, spawn → first call;
// median of BENCH_BOOTS, default 5), Debug.Health through the proxy against the same call made directly to the
// internal port (BENCH_ROUNDS interleaved rounds, default 3, medians), store writes and reads per second with BENCH_CALLERS concurrent callers
// (default 16) for BENCH_SECONDS each (default 3), sequential read latency, events publish → consume, the server's
// RSS after the load, and shutdown time. MICRO_STORE=postgres://… puts the store on PostgreSQL. Prints figures
// only; nothing here fails on speed. `-- --micro-v3`: cold start and RSS after load beside Micro 3.0's (micro-v3.ts).
import { cpus, loadavg } from "node:os";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { bootServer } from "./boot.js";
import { clusterRows } from "./cluster.js";
import { eventsThroughput, healthCalls, readLatency, storeReads, storeWrites } from "./load.js";

const BOOTS = Number(process.env.BENCH_BOOTS ?? 5);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows: [string, string][] = [];
const row = (label: string, value: string) => {
  rows.push([label, value]);
  console.log(`  ${label}: ${value}`);
};

async function main(): Promise<void> {
  // --micro-v3: cold start and memory beside the real Micro 3.0's instead (micro-v3.ts)
  if (process.argv.includes("--micro-v3")) {
    await (await import("./micro-v3.js")).coldStartAndMemory(row);
    return table();
  }
  console.log(`micro server bench: ${BOOTS} cold starts, ${CALLERS} concurrent callers, ${SECONDS} s per store phase, ${MESSAGES} events; ` +
    `client and server share ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at start`);
  const ready: number[] = [];
  const first: number[] = [];
  const stops: number[] = [];
  for (let i = 0; i < BOOTS; i++) {
    const s = await bootServer();
    ready.push(s.readyMs);
    first.push(s.firstCallMs);
    const { code, ms } = await s.stop();
    if (code !== 0) throw new Error(`micro server exited with ${code} on SIGTERM`);
    stops.push(ms);
  }
  row(`cold start, spawn → ready line (median of ${BOOTS})`, `${median(ready).toFixed(0)} ms (min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)})`);
  row(`cold start, spawn → first call (median of ${BOOTS})`, `${median(first).toFixed(0)} ms (min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)})`);
  row("shutdown on SIGTERM, idle (median)", `${median(stops).toFixed(0)} ms, exit 0`);

  const server = await bootServer();
  try {
    const idle = server.rss();
    row("RSS idle after boot (VmRSS, of which RssAnon)", `${mb(idle.now)}, ${mb(idle.anon)}`);
    const { token } = await createClient(Auth, createGrpcTransport({ address: server.proxy })).token({ id: "admin", secret: "micro" });
    const transport = createGrpcTransport({
      address: server.proxy, timeoutMs: 30_000,
      metadata: () => ({ authorization: `Bearer ${token!.accessToken}`, "micro-namespace": "micro" }),
    });
    const login = performance.now();
    await createClient(Auth, createGrpcTransport({ address: server.proxy })).token({ id: "admin", secret: "micro" });
    row("auth.Auth/Token (login, scrypt), 1 call", `${(performance.now() - login).toFixed(0)} ms`);
    // The same call made directly to the server's internal gRPC port (where the proxy forwards builtins; found in
    // the registry), same token: what the proxy hop costs. Interleaved rounds, medians (the machine may be shared).
    const registry = createClient(Registry, transport);
    const internal = (await registry.getService({ service: "store" })).services[0]?.nodes[0]?.address;
    if (!internal) throw new Error("the registry lists no node of store");
    const straight = createGrpcTransport({ address: internal, timeoutMs: 30_000, metadata: () => ({ authorization: `Bearer ${token!.accessToken}`, "micro-namespace": "micro" }) });
    await healthCalls(transport, CALLERS, 1); // warm up (JIT, connections) before measuring
    await healthCalls(straight, CALLERS, 1);
    const viaProxy: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      viaProxy.push((await healthCalls(transport, CALLERS, SECONDS)).perSecond);
      direct.push((await healthCalls(straight, CALLERS, SECONDS)).perSecond);
    }
    const [p, d] = [median(viaProxy), median(direct)];
    row(`debug.Debug/Health through the proxy, ${CALLERS} callers (median of ${ROUNDS})`, `${p.toFixed(0)} ops/s`);
    row(`debug.Debug/Health direct to the internal port (median of ${ROUNDS})`, `${d.toFixed(0)} ops/s`);
    row("proxy ÷ direct (target ≥ 0.8×)", `${(p / d).toFixed(2)}× (rounds: ${viaProxy.map((x, i) => (x / direct[i]!).toFixed(2)).join(", ")})`);
    const writes = await storeWrites(transport, CALLERS, SECONDS);
    row(`store.Store/Write, ${CALLERS} callers`, `${writes.perSecond.toFixed(0)} ops/s (${writes.ops} in ${writes.seconds.toFixed(1)} s)`);
    const reads = await storeReads(transport, CALLERS, SECONDS);
    row(`store.Store/Read, ${CALLERS} callers`, `${reads.perSecond.toFixed(0)} ops/s (${reads.ops} in ${reads.seconds.toFixed(1)} s)`);
    const latency = await readLatency(transport, 1000);
    row("store.Store/Read latency, 1 caller", `p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`);
    const events = await eventsThroughput(transport, CALLERS, MESSAGES);
    row(`events publish, ${CALLERS} publishers`, `${events.publishPerSecond.toFixed(0)} msgs/s`);
    row("events publish → consume (1 consumer)", `${events.endToEndPerSecond.toFixed(0)} msgs/s (${events.messages} messages)`);
    const loaded = server.rss();
    row("RSS after load (VmRSS, of which RssAnon; peak VmHWM)", `${mb(loaded.now)}, ${mb(loaded.anon)}; peak ${mb(loaded.peak)}`);
  } finally {
    closeChannels();
    const { code, ms } = await server.stop();
    row("shutdown on SIGTERM after load", `${ms.toFixed(0)} ms, exit ${code}`);
  }

  // the same platform on shared engines through 1, then 3 servers (BENCH_ENGINES=0 leaves it out)
  if (process.env.BENCH_ENGINES !== "0") await clusterRows({ callers: CALLERS, seconds: SECONDS, messages: MESSAGES }, row);
  table();
}

function table(): void {
  row("load average at the end (1 min)", loadavg()[0].toFixed(1));
  const width = Math.max(...rows.map(([l]) => l.length));
  console.log(`\n${"figure".padEnd(width)}  value\n${"-".repeat(width)}  ${"-".repeat(40)}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
