// Request and error counters for debug.Debug/Stats, fed by a server middleware.
import type { Middleware } from "../rpc/server.js";

export class CallStats {
  readonly started = Math.floor(Date.now() / 1000);
  requests = 0;
  errors = 0;

  middleware(): Middleware {
    const failed = (err: unknown): never => {
      this.errors++;
      throw err;
    };
    return (_ctx, next) => {
      this.requests++;
      return next().then(undefined, failed);
    };
  }
}
