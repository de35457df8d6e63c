// A closed-loop load generator for the benches' child processes: `concurrency` calls always in flight for `seconds`
// (as wrk keeps its connections busy), after a warm-up outside the measurement; latency in an HDR-style histogram.
import { createHistogram } from "node:perf_hooks";

export interface LoadResult { calls: number; errors: number; seconds: number; rps: number; p50Ms: number; p99Ms: number }

/** Runs `once` (which throws on a wrong answer) in `concurrency` loops for `seconds`. */
export async function closedLoop(once: () => Promise<void>, concurrency: number, seconds: number, warmup = 200): Promise<LoadResult> {
  // Warm the connection and the JIT outside the measurement.
  for (let i = 0; i < warmup; i++) await once();
  const histogram = createHistogram();
  let calls = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (): Promise<void> => {
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
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { calls, errors, seconds: elapsed, rps: calls / elapsed, p50Ms: histogram.percentile(50) / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
}
