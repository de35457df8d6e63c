// Child process of the wire bench: one client kind (clients.ts) against one address, `concurrency` calls always
// in flight for `seconds`, unary (Helloworld.Call) or server streams (Helloworld.Stream of STREAM_COUNT messages).
// Prints one JSON line {calls, errors, seconds, rps, p50Ms, p99Ms}. Arguments: kind address mode concurrency seconds.
import { createHistogram } from "node:perf_hooks";
import { createBenchClient, type Kind } from "./clients.js";

export const STREAM_COUNT = 100;

const [kind, address, mode, concurrencyText, secondsText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
const client = await createBenchClient(kind as Kind, address!);
// The gateway's session pool unrefs its sessions (a server keeps the gateway's process alive): so does this timer.
const alive = setInterval(() => undefined, 1000);

const once = mode === "stream"
  ? async () => { const n = await client.stream(STREAM_COUNT); if (n !== STREAM_COUNT) throw new Error(`got ${n} messages`); }
  : async () => { const msg = await client.call("Alice"); if (msg !== "Hello Alice") throw new Error(`unexpected reply ${msg}`); };

// Warm the connection and the JIT outside the measurement.
for (let i = 0; i < 200; i++) await once();

const histogram = createHistogram();
let calls = 0;
let errors = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = process.hrtime.bigint();
    try {
      await once();
      calls++;
    } catch {
      errors++;
    }
    histogram.record(process.hrtime.bigint() - t0 || 1n);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
client.close();
clearInterval(alive);
process.stdout.write(JSON.stringify({ calls, errors, seconds: elapsed, rps: calls / elapsed, p50Ms: histogram.percentile(50) / 1e6, p99Ms: histogram.percentile(99) / 1e6 }) + "\n");
