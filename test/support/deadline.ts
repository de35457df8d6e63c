// Test support for TTLs under load. The system under test takes a deadline from this machine's clock (Date.now()
// when it handles the write, plus the TTL), so the test brackets its calls with the same clock instead of hoping a
// short sleep or a tight budget holds: "still there" is asserted only from calls that provably ended before the
// earliest possible deadline, and "gone" only once the latest possible deadline has passed.
import { setTimeout as sleep } from "node:timers/promises";

export interface InTime<T> {
  ttlMs: number;
  /** Date.now() after the attempt: no deadline set during it is later than endedAt + ttlMs. */
  endedAt: number;
  value: T;
}

/**
 * Runs `attempt(ttlMs)` (write something with that TTL, check it is there) until one run ends before
 * start + ttlMs, doubling the TTL after each run that load made too slow to prove anything (whatever it saw, even
 * a failure, since the record may have expired meanwhile). A failure within the TTL is a real one and is thrown.
 * The attempt must be repeatable (it rewrites the same records).
 */
export async function withinTtl<T>(attempt: (ttlMs: number) => Promise<T>, firstMs = 250, lastMs = 32_000): Promise<InTime<T>> {
  for (let ttlMs = firstMs; ; ttlMs *= 2) {
    const started = Date.now();
    let value: T;
    try {
      value = await attempt(ttlMs);
    } catch (err) {
      if (Date.now() - started < ttlMs || ttlMs >= lastMs) throw err;
      continue;
    }
    const endedAt = Date.now();
    if (endedAt - started < ttlMs) return { ttlMs, endedAt, value };
    if (ttlMs >= lastMs) throw new Error(`every attempt took longer than its TTL, up to ${lastMs} ms: too slow to tell`);
  }
}

/** Resolves once this machine's clock is past `endedAt + ttlMs`: every deadline set before endedAt has passed. */
export async function pastDeadline({ endedAt, ttlMs }: { endedAt: number; ttlMs: number }): Promise<void> {
  for (let left = endedAt + ttlMs - Date.now(); left >= 0; left = endedAt + ttlMs - Date.now()) await sleep(left + 1);
}
