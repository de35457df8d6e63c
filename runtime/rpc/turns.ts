// Starts a bounded number of calls per event-loop turn and the rest on the next turns, in arrival order.
// Why: node:http2 writes a session's pending frames once per turn (when it has consumed a read, or from an
// immediate). A server that starts every call of a big read answers none of them before it has run them all, so a
// client with many calls in flight sits idle, then gets every answer at once, and the two settle into one big batch
// bouncing between them. Measured with the gateway bench's grpc-js load generator (64 calls in flight, interleaved
// rounds): against a TS helloworld starting every call at once its main thread was idle 25–29% of the time and the
// service did 0.83× the Micro 3.0 Go service's calls/s (Go answers each call as its goroutine ends); starting 8 per
// turn, idle 15–18%, 1.07×, p99 58 → 49 ms. docs/performance.md (third round) has the rounds.
/** Calls a gRPC server of ours starts per turn: 8 measured best of 0 (all at once), 8 and 32 with 64 calls in
 * flight, and 4, 8, 16 alike (1.01–1.06× the Go service). The RPC server and the proxy's front door use it. */
export const CALLS_PER_TURN = 8;

export class TurnQueue<T> {
  private started = 0;
  /** A turn is open: its end (an immediate) is scheduled. */
  private open = false;
  private waiting: T[] = [];
  private head = 0;

  constructor(private readonly perTurn: number, private readonly start: (item: T) => void) {}

  /** Starts `item` now if this turn has room and nothing waits before it, else on a later turn. */
  push(item: T): void {
    if (!this.open) {
      this.open = true;
      setImmediate(this.nextTurn);
    }
    if (this.started < this.perTurn && this.head === this.waiting.length) {
      this.started++;
      this.start(item);
    } else {
      this.waiting.push(item);
    }
  }

  /** How many items wait for a later turn. */
  get pending(): number {
    return this.waiting.length - this.head;
  }

  private readonly nextTurn = (): void => {
    this.started = 0;
    while (this.started < this.perTurn && this.head < this.waiting.length) {
      const item = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as T; // let it go
      this.started++;
      this.start(item);
    }
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    }
    // Another turn while anything waits, or while this one started calls (more may arrive in its read); an empty
    // turn closes, and the next item opens one.
    if (this.started > 0 || this.pending > 0) setImmediate(this.nextTurn);
    else this.open = false;
  };
}
