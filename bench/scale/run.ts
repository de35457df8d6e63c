// `npm run bench:scale`: the control plane of a hosted platform, simulated. Throwaway etcd, NATS JetStream and
// PostgreSQL plus BENCH_SCALE_SERVERS `micro server`s (default 3; test/support/cluster.ts). The platform grows to
// each size in BENCH_SCALE_SIZES (default 10,100,1000 namespaces); each namespace gets a service account and a user
// account, two rules, an event stream with a consumer group, and 10 services of 3 simulated nodes (registry
// entries the namespace's service account registers and heartbeats every TTL/3 with a real TTL, BENCH_SCALE_TTL,
// default 300 s; bench/scale/nodes.ts, a process of its own). A few real helloworld nodes (one registered through
// each server) answer the calls timed (BENCH_SCALE_CALLS gateway calls, default 500, and BENCH_SCALE_CLI_RUNS CLI
// calls, default 10, per size). At each size it prints: a gateway call's p50/p99 (sequential, through each
// gateway in turn) while heartbeats go on and again with them held back for a few seconds (so that the cost of a
// call can be told from the machine's CPU being busy with heartbeats), `micro call`'s p50/p99 (the CLI as a user runs
// it, whole process), the time for a newly started service to be callable through another server's gateway, each
// server's RSS, the heartbeats' rate and CPU cost each, the servers' idle CPU, and the engines' load (etcd keys,
// leases, watchers, memory; JetStream streams and consumers). Figures only; nothing here fails on time.
import { spawn } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { RemoteAuth } from "../../runtime/auth/remote.js";
import { RemoteEvents } from "../../runtime/events/index.js";
import { closeChannels, createGrpcTransport } from "../../runtime/rpc/index.js";
import { Service } from "../../runtime/service/index.js";
import { Helloworld } from "../../test/gen/helloworld_pb.js";
import { runMicro, tempHome } from "../../test/cli/support/micro.js";
import { startCluster, type Cluster } from "../../test/support/cluster.js";
import { until } from "../../test/support/wait.js";
import { helloworldHandlers } from "../support/helloworld.js";
import { engineLoad, type EngineLoad } from "./engine-load.js";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "10,100,1000").split(",").map(Number);
const SERVERS = Number(process.env.BENCH_SCALE_SERVERS ?? 3);
const TTL = Number(process.env.BENCH_SCALE_TTL ?? 300);
const SERVICES = 10;
const NODES = 3;
const GATEWAY_CALLS = Number(process.env.BENCH_SCALE_CALLS ?? 500);
const CLI_RUNS = Number(process.env.BENCH_SCALE_CLI_RUNS ?? 10);
for (const [name, values] of Object.entries({ BENCH_SCALE_SIZES: SIZES, BENCH_SCALE_SERVERS: [SERVERS], BENCH_SCALE_TTL: [TTL], BENCH_SCALE_CALLS: [GATEWAY_CALLS], BENCH_SCALE_CLI_RUNS: [CLI_RUNS] })) {
  for (const n of values) if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes positive integers (got ${process.env[name]})`);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

interface Figures {
  namespaces: number; nodes: number; setupSeconds: number;
  gateway: { p50: number; p99: number }; cli: { p50: number; p99: number }; newService: { startMs: number; afterRegisterMs: number };
  rssMb: number[]; engines: EngineLoad;
  /** Heartbeats alone (no calls): their rate, the CPU (servers + etcd, less their idle use) each costs, the servers'
   * and etcd's CPU in cores meanwhile. */
  heartbeats: { perSecond: number; failures: number; lastFailure: string; cpuMsEach: number; serversCores: number; etcdCores: number };
  /** Heartbeats paused: the servers' idle CPU in cores, a gateway call's p50/p99, a new service's time to be callable. */
  quiet: { serversCores: number; gateway: { p50: number; p99: number }; newService: { startMs: number; afterRegisterMs: number } };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

/** The simulated nodes' process, and a way to send it a command and await its answer. */
function startNodes(proxies: string[]) {
  const script = fileURLToPath(new URL("./nodes.js", import.meta.url));
  const proc = spawn(process.execPath, [script, proxies.join(","), String(SERVICES), String(NODES), String(TTL)], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting: ((answer: Record<string, unknown>) => void)[] = [];
  createInterface({ input: proc.stdout! }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const answer = JSON.parse(line) as Record<string, unknown>;
    if (answer.error) throw new Error(`simulated nodes: ${answer.error}`);
    waiting.shift()?.(answer);
  });
  const ask = (command: unknown) => new Promise<Record<string, unknown>>((resolve) => {
    waiting.push(resolve);
    proc.stdin!.write(`${JSON.stringify(command)}\n`);
  });
  return { ask, stop: () => proc.kill("SIGTERM") };
}

/** Accounts, rules, an event stream with a consumer group: what a tenant's namespace holds besides its services. */
async function provision(cluster: Cluster, ns: string, via: number): Promise<{ namespace: string; id: string; secret: string }> {
  const transport = createGrpcTransport({ address: cluster.servers[via]!.proxyAddress, timeoutMs: 60_000, metadata: () => cluster.adminMetadata("micro", via) });
  const admin = new RemoteAuth(transport);
  const secret = `sim-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
  await admin.generate({ id: "svc-sim", secret, type: "service", namespace: ns });
  await admin.generate({ id: `dev@${ns}.example`, secret, namespace: ns });
  await admin.createRule({ id: "public-call", scope: "", resource: { type: "service", name: "svc-0", endpoint: "Svc.Call" }, access: "granted", priority: 1 }, { namespace: ns });
  await admin.createRule({ id: "members", scope: "*", resource: { type: "service", name: "*", endpoint: "*" }, access: "granted", priority: 0 }, { namespace: ns });
  // the namespace's stream and a durable consumer group, created by a first event and a first consumer
  const events = new RemoteEvents(createGrpcTransport({ address: cluster.servers[via]!.proxyAddress, timeoutMs: 60_000, metadata: () => cluster.adminMetadata(ns, via) }));
  const stop = new AbortController();
  const consumed = (async () => {
    for await (const _ of events.consume("orders", { group: "billing", signal: stop.signal })) { stop.abort(); break; }
  })().catch(() => undefined);
  await until(async () => {
    await events.publish("orders", { n: 1 });
    return stop.signal.aborted || undefined;
  }, `the first event of ${ns} to reach its consumer group`, 60_000, 250);
  await consumed;
  return { namespace: ns, id: "svc-sim", secret };
}

/** GATEWAY_CALLS sequential helloworld calls, through each server's gateway in turn: p50 and p99 in ms. */
async function gatewayLatency(servers: Cluster["servers"], token: string): Promise<{ p50: number; p99: number }> {
  const gatewayTimes: number[] = [];
  // the first 50 warm connections and caches up, untimed
  for (let i = -50; i < GATEWAY_CALLS; i++) {
    const t0 = performance.now();
    const res = await fetch(`http://${servers[(i + 60) % servers.length]!.apiAddress}/helloworld/call?name=scale`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`gateway call ${res.status}: ${body}`);
    if (i >= 0) gatewayTimes.push(performance.now() - t0);
  }
  return { p50: percentile(gatewayTimes, 0.5), p99: percentile(gatewayTimes, 0.99) };
}

/** CPU time (user + system) a process has used, in seconds; clock ticks of 1/100 s, Linux's USER_HZ. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // fields after the command name (which may hold spaces, inside parentheses): utime and stime are 14th and 15th
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** A new service started through the first server: ms from its start, and from its registration's return, until a
 * call through the last server's gateway answers. */
async function newServiceCallable(servers: Cluster["servers"], token: string, name: string): Promise<{ startMs: number; afterRegisterMs: number }> {
  const fresh = new Service({ name, env: { proxy: servers[0]!.proxyAddress, namespace: "micro", authId: "svc-helloworld", authSecret: HELLO_SECRET } });
  fresh.handle(Helloworld, helloworldHandlers);
  const t0 = performance.now();
  await fresh.start(); // logs in (a scrypt check), listens, registers through the first server
  const registered = performance.now();
  await until(async () => (await fetch(`http://${servers[servers.length - 1]!.apiAddress}/${name}/helloworld/call?name=x`, { headers: { authorization: `Bearer ${token}` } })).status === 200 || undefined,
    `${name} through the last server's gateway`, 60_000, 10);
  const callable = performance.now();
  await fresh.stop();
  return { startMs: callable - t0, afterRegisterMs: callable - registered };
}

interface Sample { at: number; heartbeats: number; serversCpu: number; etcdCpu: number }

async function measure(cluster: Cluster, token: string, home: string, size: number): Promise<Omit<Figures, "namespaces" | "nodes" | "setupSeconds" | "heartbeats" | "quiet">> {
  const { servers } = cluster;
  const gateway = await gatewayLatency(servers, token);
  const cliTimes: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const port = Number(servers[i % servers.length]!.proxyAddress.split(":")[1]);
    const t0 = performance.now();
    const call = await runMicro(["call", "helloworld", "Helloworld.Call", '{"name": "scale"}'], { home, port });
    cliTimes.push(performance.now() - t0);
    if (call.code !== 0 || !call.stdout.includes("Hello scale")) throw new Error(`micro call: ${call.stderr || call.stdout}`);
  }
  const newService = await newServiceCallable(servers, token, `fresh-${size}`);
  return {
    gateway,
    cli: { p50: percentile(cliTimes, 0.5), p99: percentile(cliTimes, 0.99) },
    newService,
    rssMb: await Promise.all(servers.map((s) => rssMb(s.pid))),
    engines: await engineLoad(cluster.engines.etcd.endpoint, cluster.engines.nats.url),
  };
}

const HELLO_SECRET = `hello-${Math.random().toString(36).slice(2)}`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`bench:scale: sizes ${SIZES.join(", ")} namespaces × ${SERVICES} services × ${NODES} simulated nodes, TTL ${TTL} s (heartbeat every ${(TTL / 3).toFixed(0)} s), ` +
    `${SERVERS} servers; ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GB, load average ${loadavg()[0].toFixed(1)} at start`);
  const cluster = await startCluster({ servers: SERVERS });
  const services: Service[] = [];
  let nodes: ReturnType<typeof startNodes> | undefined;
  const home = await tempHome();
  const figures: Figures[] = [];
  try {
    const token = await cluster.adminToken(0);
    const admin = new RemoteAuth(createGrpcTransport({ address: cluster.servers[0]!.proxyAddress, metadata: () => cluster.adminMetadata("micro", 0) }));
    await admin.generate({ id: "svc-helloworld", secret: HELLO_SECRET, type: "service", namespace: "micro" });
    // the real nodes the timed calls reach, one registered through each server
    for (const s of cluster.servers) {
      const service = new Service({ name: "helloworld", env: { proxy: s.proxyAddress, namespace: "micro", authId: "svc-helloworld", authSecret: HELLO_SECRET } });
      service.handle(Helloworld, helloworldHandlers);
      await service.start();
      services.push(service);
    }
    const login = await runMicro(["login", "--email", "admin", "--password-stdin"], { home: home.home, port: Number(cluster.servers[0]!.proxyAddress.split(":")[1]), input: "micro\n" });
    if (login.code !== 0) throw new Error(`micro login: ${login.stderr}`);
    nodes = startNodes(cluster.servers.map((s) => s.proxyAddress));
    // provisioning runs a few namespaces at a time per server: account creation hashes secrets (scrypt), which
    // each server bounds to 2 at a time
    const limit = pLimit(2 * SERVERS);
    let have = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      const fresh = Array.from({ length: Math.max(0, size - have) }, (_, i) => `tenant-${have + i}`);
      const made = await Promise.all(fresh.map((ns, i) => limit(() => provision(cluster, ns, i % SERVERS))));
      const added = await nodes.ask({ add: made });
      have = Math.max(have, size);
      const setupSeconds = (performance.now() - t0) / 1000;
      console.log(`  ${size} namespaces: ${fresh.length} provisioned and ${fresh.length * SERVICES * NODES} nodes registered in ${setupSeconds.toFixed(0)} s ` +
        `(registration ${((added.ms as number) / 1000).toFixed(0)} s); measuring`);
      const sample = async (): Promise<Sample> => {
        const stats = (await nodes!.ask({ stats: true })).stats as { heartbeats: number };
        const cpu = await Promise.all(cluster.servers.map((sv) => cpuSeconds(sv.pid)));
        const load = await engineLoad(cluster.engines.etcd.endpoint, cluster.engines.nats.url);
        return { at: performance.now(), heartbeats: stats.heartbeats, serversCpu: cpu.reduce((a, b) => a + b, 0), etcdCpu: load.etcdCpuSeconds };
      };
      // heartbeats alone for a sixth of the TTL (at least 20 s): their rate and what each costs
      const h0 = await sample();
      await sleep(Math.max(20_000, (TTL * 1000) / 6));
      const h1 = await sample();
      const seconds = (h1.at - h0.at) / 1000;
      const beats = h1.heartbeats - h0.heartbeats;
      // calls while heartbeats go on: the steady state
      const m = await measure(cluster, token, home.home, size);
      // heartbeats held back (shorter than one interval, so no node misses two): the servers' idle CPU, and calls
      await nodes.ask({ pause: true });
      await sleep(3000);
      const q0 = await sample();
      await sleep(5000);
      const q1 = await sample();
      const quietGateway = await gatewayLatency(cluster.servers, token);
      const quietNewService = await newServiceCallable(cluster.servers, token, `quiet-${size}`);
      const quietSeconds = (q1.at - q0.at) / 1000;
      const idleCores = ((q1.serversCpu - q0.serversCpu) + (q1.etcdCpu - q0.etcdCpu)) / quietSeconds;
      await nodes.ask({ pause: false });
      const after = (await nodes.ask({ stats: true })).stats as { nodes: number; failures: number; lastFailure: string };
      const f: Figures = {
        namespaces: size, nodes: after.nodes, setupSeconds, ...m,
        heartbeats: {
          perSecond: beats / seconds, failures: after.failures, lastFailure: after.lastFailure,
          // less what the servers and etcd use with heartbeats held back
          cpuMsEach: ((h1.serversCpu - h0.serversCpu) + (h1.etcdCpu - h0.etcdCpu) - idleCores * seconds) * 1000 / Math.max(1, beats),
          serversCores: (h1.serversCpu - h0.serversCpu) / seconds, etcdCores: (h1.etcdCpu - h0.etcdCpu) / seconds,
        },
        quiet: { serversCores: (q1.serversCpu - q0.serversCpu) / quietSeconds, gateway: quietGateway, newService: quietNewService },
      };
      figures.push(f);
      console.log(`    gateway call p50 ${f.gateway.p50.toFixed(2)} ms, p99 ${f.gateway.p99.toFixed(2)} ms; micro call p50 ${f.cli.p50.toFixed(0)} ms, p99 ${f.cli.p99.toFixed(0)} ms; ` +
        `new service callable ${f.newService.startMs.toFixed(0)} ms after its start, ${f.newService.afterRegisterMs.toFixed(0)} ms after its registration returned; RSS ${f.rssMb.map((x) => x.toFixed(0)).join("/")} MB; ` +
        `heartbeats ${f.heartbeats.perSecond.toFixed(0)}/s (${f.heartbeats.failures} failed${f.heartbeats.lastFailure ? `: ${f.heartbeats.lastFailure}` : ""}), ` +
        `${f.heartbeats.cpuMsEach.toFixed(2)} ms CPU each (servers ${f.heartbeats.serversCores.toFixed(2)} cores, etcd ${f.heartbeats.etcdCores.toFixed(2)}); ` +
        `heartbeats paused: servers idle at ${f.quiet.serversCores.toFixed(2)} cores, gateway call p50 ${f.quiet.gateway.p50.toFixed(2)} ms, p99 ${f.quiet.gateway.p99.toFixed(2)} ms, ` +
        `new service callable ${f.quiet.newService.startMs.toFixed(0)} / ${f.quiet.newService.afterRegisterMs.toFixed(0)} ms; ` +
        `etcd ${f.engines.etcdKeys} keys, ${f.engines.etcdLeases} leases, ${f.engines.etcdWatchers} watchers, ${f.engines.etcdRssMb.toFixed(0)} MB RSS, db ${f.engines.etcdDbMb.toFixed(0)} MB; ` +
        `JetStream ${f.engines.natsStreams} streams, ${f.engines.natsConsumers} consumers`);
    }
  } finally {
    nodes?.stop();
    await Promise.all(services.map((s) => s.stop()));
    closeChannels();
    await cluster.stop();
    await home.remove();
  }
  const header = ["namespaces", "nodes", "setup s", "gateway p50/p99 ms", "…heartbeats paused", "micro call p50/p99 ms", "new service: start / registered → callable ms", "…heartbeats paused", "server RSS MB", "heartbeats/s (failed)", "CPU ms per heartbeat", "servers idle cores", "etcd keys/leases/watchers", "etcd RSS/db MB", "JS streams/consumers"];
  const rows = figures.map((f) => [
    String(f.namespaces), String(f.nodes), f.setupSeconds.toFixed(0), `${f.gateway.p50.toFixed(2)} / ${f.gateway.p99.toFixed(2)}`,
    `${f.quiet.gateway.p50.toFixed(2)} / ${f.quiet.gateway.p99.toFixed(2)}`,
    `${f.cli.p50.toFixed(0)} / ${f.cli.p99.toFixed(0)}`, `${f.newService.startMs.toFixed(0)} / ${f.newService.afterRegisterMs.toFixed(0)}`,
    `${f.quiet.newService.startMs.toFixed(0)} / ${f.quiet.newService.afterRegisterMs.toFixed(0)}`, f.rssMb.map((x) => x.toFixed(0)).join(" / "),
    `${f.heartbeats.perSecond.toFixed(0)} (${f.heartbeats.failures})`, f.heartbeats.cpuMsEach.toFixed(2), f.quiet.serversCores.toFixed(2),
    `${f.engines.etcdKeys} / ${f.engines.etcdLeases} / ${f.engines.etcdWatchers}`, `${f.engines.etcdRssMb.toFixed(0)} / ${f.engines.etcdDbMb.toFixed(0)}`,
    `${f.engines.natsStreams} / ${f.engines.natsConsumers}`,
  ]);
  console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`\nwhole run ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg()[0].toFixed(1)}`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
