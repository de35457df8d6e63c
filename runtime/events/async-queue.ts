// An unbounded (or optionally capped) push queue read as an async iterable: the bridge between callbacks
// that produce values (publishes, acks) and `for await` loops that consume them.
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly takers: Array<(r: IteratorResult<T>) => void> = [];
  private closed = false;

  /** With `maxLength`, the oldest item is dropped when full: for fire-and-forget feeds a stalled reader must not grow memory. */
  constructor(private readonly maxLength = Infinity) {}

  get size(): number {
    return this.items.length;
  }

  /** False once closed (the value is then discarded). */
  push(value: T): boolean {
    if (this.closed) return false;
    const taker = this.takers.shift();
    if (taker) {
      taker({ value, done: false });
      return true;
    }
    this.items.push(value);
    if (this.items.length > this.maxLength) this.items.shift();
    return true;
  }

  /** Ends iteration once the buffered items are read. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift() as T, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.takers.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: async () => {
        this.close();
        return { value: undefined, done: true };
      },
    };
  }
}
