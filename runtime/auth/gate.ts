// Bounded CPU for secret hashing. scrypt costs ~50 ms of a core and 16 MiB each, and runs on libuv's small thread
// pool (shared with file and DNS work): left unbounded, a flood of signups or logins queues without limit and
// starves everyone else. A gate runs at most `concurrency` jobs at once, queues at most `maxQueued` more, and
// refuses the rest at once with 503, so an overload costs the flooder a fast refusal rather than everyone a wait.
import { MicroError } from "../rpc/errors.js";

export interface GateOptions {
  concurrency?: number;
  maxQueued?: number;
}

export class WorkGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly maxQueued: number;

  /** `what` names the work in the 503's detail ("signups", "logins"). */
  constructor(private readonly what: string, options: GateOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxQueued = Math.max(0, options.maxQueued ?? 16);
  }

  /** Jobs running and waiting: for tests and stats. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.queue.length >= this.maxQueued) {
        throw new MicroError("auth", 503, `the server is busy with ${this.what}; try again in a moment`);
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await job();
    } finally {
      // hand the slot straight to the next job (active stays the same), or free it
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
