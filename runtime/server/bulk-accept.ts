// More accepts per event-loop iteration while a listening server is swamped. node 20's libuv (1.45 on,
// libuv/libuv#3696) accepts one connection per loop iteration per listening handle. A gateway busy with the
// connections it has iterates every 50–100 ms, so a thousand clients connecting at once wait seconds in the accept
// queue (bench:gateway's soak: 452 timeouts of 10 s, p99 3.6 s, while every request it had read was answered within
// 0.3 s). Copies of the listening socket (dup'd descriptors, each its own handle) accept one each per iteration.
//
// Copies are not free: a new connection wakes every copy and all but one accept() in vain (64 copies: +0.3 ms per
// connection for a client that opens one connection per request, measured), so they listen only while connections
// arrive at a loop that is saturated, and close after a calm spell.
import * as net from "node:net";
import { performance } from "node:perf_hooks";
import { socketCopies, type RawHandle } from "./socket-copies.js";

export interface BulkAcceptOptions {
  /** The accept queue's length the server listens with (a copy's listen() must not shrink it). */
  backlog: number;
  /** Copies while swamped: connections accepted per iteration, beyond the server's own one (default COPIES). */
  copies?: number;
  /** Copies already made, to start with (a gateway thread's, made with its own copy of the socket by one child). */
  spare?: RawHandle[];
  /** How often the loop's utilization and the accepts are sampled. */
  sampleMs?: number;
  /** Copies close after this long without a swamped sample. */
  calmMs?: number;
  log?: (line: string) => void;
  /** Other threads accepting on copies of the same socket (gateway-threads.ts): each sample's busy share, in
   * percent, is published at `index` of `loads`, and copies open only while every thread is swamped. A thread
   * that opened copies while another idled would take nearly every new connection from it (65 handles against 1). */
  peers?: { index: number; loads: Int32Array };
}

/** Copies while swamped, by default. */
export const COPIES = 64;
/** Swamped: the loop was busy at least this share of a sample and connections kept arriving. */
const BUSY_SHARE = 0.9;
const ARRIVALS_PER_SAMPLE = 4;

export class BulkAccept {
  private readonly copies: number;
  private readonly calmMs: number;
  private readonly sampleMs: number;
  private readonly timer: NodeJS.Timeout;
  /** Copies in hand, not listening: taken at start and after each swamp, as copying through a swamped loop is slow
   * (each descriptor waits for the loop to acknowledge the last: 4 s for 64, measured). */
  private spare: RawHandle[] = [];
  private listening: net.Server[] = [];
  private copying?: Promise<void>;
  private accepted = 0;
  private lastSwamped = 0;
  private utilization = performance.eventLoopUtilization();
  private closed = false;

  constructor(private readonly server: net.Server, private readonly options: BulkAcceptOptions) {
    this.copies = options.copies ?? COPIES;
    this.calmMs = options.calmMs ?? 5000;
    this.sampleMs = options.sampleMs ?? 500;
    server.on("connection", this.count);
    this.timer = setInterval(() => this.sample(), this.sampleMs).unref();
    if (options.spare?.length) this.spare = options.spare;
    else this.copy();
  }

  /** Copies listening now (0 when calm). */
  get active(): number {
    return this.listening.length;
  }

  /** Resolves once the copies for the next swamp are in hand (or could not be made). */
  async ready(): Promise<void> {
    await this.copying;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.server.off("connection", this.count);
    for (const c of this.listening) c.close();
    for (const h of this.spare) h.close();
    this.listening = [];
    this.spare = [];
  }

  private readonly count = (): void => {
    this.accepted++;
  };

  private sample(): void {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, this.utilization).utilization;
    this.utilization = now;
    const arrivals = this.accepted;
    this.accepted = 0;
    const peers = this.options.peers;
    if (peers) Atomics.store(peers.loads, peers.index, Math.round(busy * 100));
    const everyThreadSwamped = !peers || peers.loads.every((_, i) => Atomics.load(peers.loads, i) >= BUSY_SHARE * 100);
    if (busy >= BUSY_SHARE && everyThreadSwamped && arrivals >= ARRIVALS_PER_SAMPLE) {
      this.lastSwamped = Date.now();
      if (!this.listening.length && this.spare.length) {
        this.listening = this.spare.map((raw) => listenOn(raw, this.server, this.options.backlog));
        this.spare = [];
        this.options.log?.(`${arrivals} connections in ${this.sampleMs} ms on a saturated loop: ` +
          `accepting on ${this.listening.length} more copies of the socket`);
      }
    } else if (this.listening.length && Date.now() - this.lastSwamped >= this.calmMs) {
      for (const c of this.listening) c.close();
      this.listening = [];
      this.options.log?.("calm again: accepting on the socket alone");
      this.copy();
    }
  }

  private copy(): void {
    if (this.copying || this.closed) return;
    this.copying = socketCopies(this.server, this.copies).then((handles) => {
      if (this.closed) handles.forEach((h) => h.close());
      else this.spare = handles;
    }, (err: Error) => {
      this.options.log?.(`cannot copy the listening socket (accepting one connection per loop iteration): ${err.message}`);
    }).finally(() => (this.copying = undefined));
  }
}

/** A server listening on a copy, handing its connections to `server`. */
function listenOn(raw: RawHandle, server: net.Server, backlog: number): net.Server {
  const copy = net.createServer((socket) => server.emit("connection", socket));
  copy.on("error", () => copy.close());
  copy.listen(raw as never, backlog);
  return copy.unref();
}
