// `npm run bench:wire`: the hand-written gRPC clients against @connectrpc/connect-node's gRPC transport (and
// grpc-js, the services' client, for reference), on the paths each hand-written client serves:
//   gateway path — unary calls, then server streams of STREAM_COUNT (100) messages, CONNECTIONS calls in flight for SECONDS,
//                  each client in a process of its own against the same helloworld server (its own process too);
//                  rounds alternate the clients and the best round of each is kept (a shared machine's bursts
//                  should not decide a ratio).
//   CLI path     — one call in a fresh process (the CLI makes one call per process): hyperfine over
//                  `node cold-call.js <client>` for each client, against `node -e 0` as the floor; wall time
//                  (mean, median) and CPU time (user + system, which a loaded machine distorts less).
// The rule it informs (README): the library replaces a hand-written client unless it is more than 10% slower on
// that path. Prints figures and each path's ratio. Knobs: BENCH_SECONDS (5), BENCH_CONNECTIONS (32),
// BENCH_ROUNDS (3), BENCH_RUNS (20, the cold-start runs).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { child, hyperfine } from "../support/processes.js";
import { STREAM_COUNT, type Kind } from "./clients.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HERE = fileURLToPath(new URL(".", import.meta.url));

interface Figures { calls: number; errors: number; rps: number; p50Ms: number; p99Ms: number }

async function load(kind: Kind, address: string, mode: "unary" | "stream"): Promise<Figures> {
  const { line } = child(join(HERE, "load.js"), [kind, address, mode, String(CONNECTIONS), String(SECONDS)], {}, (l) => l.startsWith("{"), `load ${kind}`);
  return JSON.parse(await line) as Figures;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
function row(label: string, f: Figures): void {
  console.log(`  ${label.padEnd(44)} ${f.rps.toFixed(0).padStart(7)} calls/s  p50 ${ms(f.p50Ms).padStart(9)}  p99 ${ms(f.p99Ms).padStart(9)}  errors ${f.errors}`);
}

const LABELS: Record<Kind, string> = {
  upstream: "gateway upstream (node:http2, hand-written)",
  "cli-h2": "CLI h2-transport (node:http2, hand-written)",
  connect: "@connectrpc/connect-node gRPC transport",
  "grpc-js": "@grpc/grpc-js (services' client)",
};

async function throughput(address: string, mode: "unary" | "stream", kinds: Kind[]): Promise<Map<Kind, Figures>> {
  const best = new Map<Kind, Figures>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 ? [...kinds].reverse() : kinds) {
      const f = await load(kind, address, mode);
      if (f.errors) throw new Error(`${kind} ${mode}: ${f.errors} failed calls`);
      if (!best.has(kind) || f.rps > best.get(kind)!.rps) best.set(kind, f);
    }
  }
  console.log(mode === "unary" ? "Gateway path, unary (Helloworld.Call):" : `Gateway path, server streams (Helloworld.Stream, ${STREAM_COUNT} messages each):`);
  for (const kind of kinds) row(LABELS[kind], best.get(kind)!);
  const hand = best.get("upstream")!;
  const lib = best.get("connect")!;
  console.log(`  connect-node / hand-written: ${(lib.rps / hand.rps).toFixed(2)}× the calls/s, ${(lib.p99Ms / hand.p99Ms).toFixed(2)}× the p99` +
    ` → ${lib.rps >= 0.9 * hand.rps ? "within" : "more than"} 10% slower`);
  return best;
}

async function coldStart(address: string): Promise<void> {
  const kinds: Kind[] = ["cli-h2", "connect", "grpc-js"];
  const commands = [`${process.execPath} -e 0`, ...kinds.map((k) => `${process.execPath} ${join(HERE, "cold-call.js")} ${k} ${address}`)];
  const results = (await hyperfine(commands, RUNS)).map((r) => ({ ...r, cpu: r.user + r.system }));
  console.log(`CLI path, one call in a fresh process (hyperfine, ${RUNS} runs):`);
  const labels = ["node -e 0 (the floor)", ...kinds.map((k) => LABELS[k])];
  results.forEach((r, i) => console.log(`  ${labels[i]!.padEnd(44)} mean ${r.mean.toFixed(1).padStart(6)} ms ± ${r.stddev.toFixed(1).padStart(5)}  ` +
    `median ${r.median.toFixed(1).padStart(6)} ms  cpu (user+sys) ${r.cpu.toFixed(1).padStart(6)} ms`));
  const [floor, hand, lib] = results as [typeof results[0], typeof results[0], typeof results[0]];
  // CPU time as well as wall time: a loaded machine stretches the wall clock, much less the CPU a process spends
  for (const stat of ["mean", "median", "cpu"] as const) {
    console.log(`  ${stat}s: connect-node / hand-written: ${(lib[stat] / hand[stat]).toFixed(2)}× the process, ${((lib[stat] - floor[stat]) / (hand[stat] - floor[stat])).toFixed(2)}× above the node floor` +
      ` → ${lib[stat] <= 1.1 * hand[stat] ? "within" : "more than"} 10% slower`);
  }
}

async function main(): Promise<void> {
  const server = child(join(HERE, "server.js"), [], {}, (l) => l.startsWith("address "), "server");
  try {
    const address = (await server.line).slice("address ".length);
    console.log(`helloworld (RpcServer, grpc-js) at ${address}; ${CONNECTIONS} calls in flight for ${SECONDS} s, best of ${ROUNDS} rounds`);
    await throughput(address, "unary", ["upstream", "connect", "grpc-js"]);
    await throughput(address, "stream", ["upstream", "connect", "grpc-js"]);
    await coldStart(address);
  } finally {
    server.proc.kill("SIGTERM");
  }
}

await main();
