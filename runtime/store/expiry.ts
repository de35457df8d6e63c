// Record expiry on LMDB. A record with a TTL has a deadline (epoch ms) kept beside it, and an index entry
// [deadline, database, table, key] so that the sweeper finds due records in order without scanning tables.
// Reads treat a passed deadline as absent at once; the sweeper reclaims the space later.
import type { Database } from "lmdb";
import type { RecordKey } from "./keyspace.js";

export type ExpiryKey = [deadline: number, database: string, table: string, key: string];

export interface ExpiryTables {
  records: Database<unknown, RecordKey>;
  deadlines: Database<number, RecordKey>;
  expiries: Database<true, ExpiryKey>;
}

const SWEEP_BATCH = 500;

export class ExpirySweeper {
  private readonly timer: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly dbs: ExpiryTables, intervalMs: number) {
    this.timer = setInterval(() => void this.sweep().catch(() => { /* retried next tick */ }), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Removes every record whose deadline is at or before `now`; resolves to how many went. */
  sweep(now = Date.now()): Promise<number> {
    this.running ??= this.sweepDue(now).finally(() => { this.running = undefined; });
    return this.running;
  }

  private async sweepDue(now: number): Promise<number> {
    const { records, deadlines, expiries } = this.dbs;
    let removed = 0;
    for (;;) {
      const due = [...expiries.getKeys({ end: [now + 1], limit: SWEEP_BATCH })] as ExpiryKey[];
      if (due.length === 0) return removed;
      await records.transaction(() => {
        for (const entry of due) {
          const [deadline, ...key] = entry;
          expiries.remove(entry);
          // A later write may have given the record a new deadline (or none): only the matching one expires.
          if (deadlines.get(key) !== deadline) continue;
          deadlines.remove(key);
          records.remove(key);
          removed++;
        }
      });
      if (due.length < SWEEP_BATCH) return removed;
    }
  }
}
