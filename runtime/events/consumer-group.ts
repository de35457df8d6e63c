// One consumer group at run time: its members, its position in the topic's log and the events handed out
// but not yet acked. Delivery is pull-based — an event goes to a member that is waiting for one — so each
// event reaches exactly one member, members share the load, and nothing sits in the buffer of a member
// that is about to leave. Failed deliveries (nack, ack timeout, member gone) are served before new events.
import { consumed } from "./encoding.js";
import type { GroupPosition, GroupStateStore, PendingEvent } from "./group-state.js";
import type { EventLog, LogEntry } from "./log.js";
import type { ConsumedEvent } from "./types.js";

export interface MemberOptions {
  autoAck: boolean;
  ackWaitMs: number;
  /** Negative = unlimited redeliveries. */
  retryLimit: number;
}

export class Member {
  closed = false;
  readonly inFlight = new Map<number, Delivery>();
  constructor(readonly options: MemberOptions) {}
}

interface Delivery { seq: number; attempts: number; member: Member; timer?: NodeJS.Timeout; settled: boolean }
interface Taker { member: Member; resolve: (event: ConsumedEvent | undefined) => void }
interface Ready extends PendingEvent { entry: LogEntry }

export class ConsumerGroup {
  private readonly members = new Set<Member>();
  private takers: Taker[] = [];
  /** Events to hand out again, before anything new. */
  private readonly retries: PendingEvent[];
  private closed = false;

  constructor(
    private readonly log: EventLog,
    private readonly state: GroupStateStore,
    private readonly track: (write: Promise<unknown>) => Promise<unknown>,
    readonly ns: string,
    readonly topic: string,
    private readonly position: GroupPosition,
  ) {
    // Anything pending when the group was last loaded was never acked: it goes out again first.
    this.retries = state.pending();
  }

  get size(): number {
    return this.members.size;
  }

  join(options: MemberOptions): Member {
    const member = new Member(options);
    this.members.add(member);
    return member;
  }

  /** The member stops taking events; what it still had unacked goes to the others (or waits for the next member). */
  leave(member: Member): void {
    if (member.closed) return;
    member.closed = true;
    this.members.delete(member);
    for (const t of this.takers.filter((t) => t.member === member)) t.resolve(undefined);
    this.takers = this.takers.filter((t) => t.member !== member);
    for (const delivery of [...member.inFlight.values()]) this.fail(delivery);
  }

  /** The next event for this member; undefined once the member or the group is closed. */
  take(member: Member): Promise<ConsumedEvent | undefined> {
    if (this.closed || member.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.takers.push({ member, resolve });
      this.pump();
    });
  }

  /** Hands available events to waiting members; runs on take, publish, nack, ack timeout and a member leaving. */
  pump(): void {
    while (this.takers.length && !this.closed) {
      const ready = this.nextReady();
      if (!ready) return;
      this.deliver(ready, this.takers.shift() as Taker);
    }
  }

  /** Stops without touching durable state: pending events stay pending for the next run. */
  close(): void {
    this.closed = true;
    for (const member of this.members) {
      member.closed = true;
      for (const d of member.inFlight.values()) clearTimeout(d.timer);
      member.inFlight.clear();
    }
    for (const t of this.takers.splice(0)) t.resolve(undefined);
    this.members.clear();
  }

  private nextReady(): Ready | undefined {
    while (this.retries.length) {
      const retry = this.retries.shift() as PendingEvent;
      const entry = this.log.get(this.ns, this.topic, retry.seq);
      if (entry) return { ...retry, entry };
      this.track(this.state.deletePending(retry.seq)); // expired meanwhile
    }
    const start = this.position.cursor;
    for (const { seq, entry } of this.log.after(this.ns, this.topic, start)) {
      this.position.cursor = seq;
      if (!entry.streamed) continue;
      if (seq <= this.position.replayUntil && entry.timestamp < this.position.since) continue;
      this.track(this.state.savePosition(this.position));
      return { seq, attempts: 0, entry };
    }
    if (this.position.cursor !== start) this.track(this.state.savePosition(this.position));
    return undefined;
  }

  private deliver(ready: Ready, taker: Taker): void {
    const { seq, entry } = ready;
    const { expiresAt: _e, streamed: _s, ...event } = entry;
    const { member } = taker;
    const attempts = ready.attempts + 1;
    if (member.options.autoAck) {
      // Delivered means acked; an event that was pending (from a manual-ack member) is done too.
      if (ready.attempts > 0) this.track(this.state.deletePending(seq));
      taker.resolve(consumed(event));
      return;
    }
    const delivery: Delivery = { seq, attempts, member, settled: false };
    member.inFlight.set(seq, delivery);
    this.track(this.state.setPending(seq, attempts));
    delivery.timer = setTimeout(() => this.fail(delivery), member.options.ackWaitMs);
    delivery.timer.unref();
    taker.resolve(consumed(event, () => this.ack(delivery), async () => this.fail(delivery)));
  }

  private async ack(delivery: Delivery): Promise<void> {
    // A late ack of a delivery that already timed out is ignored: the event is out again.
    if (!this.settle(delivery)) return;
    await this.track(this.state.deletePending(delivery.seq));
  }

  /** Nack, ack timeout or member gone: redeliver within the retry limit, else drop. */
  private fail(delivery: Delivery): void {
    if (!this.settle(delivery)) return;
    const { retryLimit } = delivery.member.options;
    if (retryLimit >= 0 && delivery.attempts > retryLimit) {
      this.track(this.state.deletePending(delivery.seq));
      return;
    }
    this.retries.push({ seq: delivery.seq, attempts: delivery.attempts });
    this.pump();
  }

  private settle(delivery: Delivery): boolean {
    if (delivery.settled || this.closed) return false;
    delivery.settled = true;
    clearTimeout(delivery.timer);
    delivery.member.inFlight.delete(delivery.seq);
    return true;
  }
}
