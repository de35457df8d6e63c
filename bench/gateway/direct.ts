// Child process of the gateway bench: a grpc-js load generator calling Helloworld.Call on one address with
// `concurrency` calls always in flight for `seconds`, as wrk keeps its connections busy. Prints one JSON line:
// {requests, errors, seconds, rps, p50Ms, p99Ms}. Arguments: address concurrency seconds.
import { createHistogram } from "node:perf_hooks";
import { closeChannels, createGrpcTransport } from "../../runtime/rpc/index.js";
import { createHelloworldClient } from "../../test/gen/helloworld_micro.js";

const [address, concurrencyText, secondsText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
const client = createHelloworldClient(createGrpcTransport({ address: address! }));

// Warm the channel (connection, HTTP/2 settings) outside the measurement.
for (let i = 0; i < 200; i++) await client.call({ name: "Alice" });

const histogram = createHistogram();
let requests = 0;
let errors = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    const t0 = process.hrtime.bigint();
    try {
      const reply = await client.call({ name: "Alice" });
      if (reply.msg !== "Hello Alice") throw new Error(`unexpected reply ${reply.msg}`);
      requests++;
    } catch {
      errors++;
    }
    histogram.record(process.hrtime.bigint() - t0 || 1n);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
closeChannels();
process.stdout.write(JSON.stringify({
  requests, errors, seconds: elapsed, rps: requests / elapsed,
  p50Ms: histogram.percentile(50) / 1e6, p99Ms: histogram.percentile(99) / 1e6,
}) + "\n");
