// Bounded CPU for secret hashing. scrypt costs ~50 ms of a core and 16 MiB each, and runs on libuv's small thread
// pool (shared with file and DNS work): left unbounded, a flood of signups or logins queues without limit and
// starves everyone else. A gate runs at most `concurrency` jobs at once, queues at most `maxQueued` more, and
// refuses the rest at once with 503, so an overload costs the flooder a fast refusal rather than everyone a wait.
import pLimit, { type LimitFunction } from "p-limit";
import { MicroError } from "../rpc/errors.js";

export interface GateOptions {
  concurrency?: number;
  maxQueued?: number;
}

/** p-limit runs the jobs; the gate adds the one thing it lacks, refusing instead of queueing past a bound. */
export class WorkGate {
  private readonly limit: LimitFunction;
  private readonly maxQueued: number;

  /** `what` names the work in the 503's detail ("signups", "logins"). */
  constructor(private readonly what: string, options: GateOptions = {}) {
    this.limit = pLimit(Math.max(1, options.concurrency ?? 1));
    this.maxQueued = Math.max(0, options.maxQueued ?? 16);
  }

  /** Jobs running and waiting: for tests and stats. */
  get load(): { active: number; queued: number } {
    return { active: this.limit.activeCount, queued: this.limit.pendingCount };
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    // counted together: p-limit moves a job from pending to active a microtask later
    if (this.limit.activeCount + this.limit.pendingCount >= this.limit.concurrency + this.maxQueued) {
      return Promise.reject(new MicroError("auth", 503, `the server is busy with ${this.what}; try again in a moment`));
    }
    return this.limit(job);
  }
}
