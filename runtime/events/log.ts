// The durable event log on LMDB: per (namespace, topic) an ordered sequence of events. Sequence numbers,
// not timestamps, order delivery (timestamps may be set by publishers), and group cursors point into them.
// Keys: ["log", ns, topic, seq] → event; ["head", ns, topic] → last seq (kept even when every event has
// expired, so cursors never point past a reset head); ["expiry", at, ns, topic, seq] → index for sweeping.
import type { Database } from "lmdb";
import type { Event } from "./types.js";

export type Key = (string | number)[];

export interface LogEntry extends Event {
  /** Epoch ms after which the event is gone; 0 = never. */
  expiresAt: number;
  /** False for events written straight to the store: those are history only, never delivered to consumers. */
  streamed: boolean;
}

const LAST = Number.MAX_SAFE_INTEGER;

export class EventLog {
  private readonly heads = new Map<string, number>();

  constructor(private readonly db: Database<unknown, Key>) {}

  /** Last sequence number assigned in the topic (0 when none). */
  head(ns: string, topic: string): number {
    const id = `${ns}\0${topic}`;
    let seq = this.heads.get(id);
    if (seq === undefined) {
      seq = (this.db.get(["head", ns, topic]) as number | undefined) ?? 0;
      this.heads.set(id, seq);
    }
    return seq;
  }

  /** Assigns the next sequence number now (so order is the call order) and resolves once committed. */
  async append(ns: string, entry: LogEntry): Promise<number> {
    const seq = this.head(ns, entry.topic) + 1;
    this.heads.set(`${ns}\0${entry.topic}`, seq);
    await this.db.transaction(() => {
      this.db.put(["log", ns, entry.topic, seq], entry);
      this.db.put(["head", ns, entry.topic], seq);
      if (entry.expiresAt) this.db.put(["expiry", entry.expiresAt, ns, entry.topic, seq], true);
    });
    return seq;
  }

  get(ns: string, topic: string, seq: number, now = Date.now()): LogEntry | undefined {
    const entry = this.db.get(["log", ns, topic, seq]) as LogEntry | undefined;
    return entry && live(entry, now) ? normalize(entry) : undefined;
  }

  /** Live entries after `seq`, in order (lazily read: callers stop early). */
  *after(ns: string, topic: string, seq: number, now = Date.now()): Generator<{ seq: number; entry: LogEntry }> {
    for (const { key, value } of this.db.getRange({ start: ["log", ns, topic, seq + 1], end: ["log", ns, topic, LAST] })) {
      const entry = value as LogEntry;
      if (live(entry, now)) yield { seq: (key as Key)[3] as number, entry: normalize(entry) };
    }
  }

  /** Sequence number of the first live entry with timestamp ≥ `since` (seconds), or head+1 when none. */
  firstSince(ns: string, topic: string, since: number): number {
    for (const { seq, entry } of this.after(ns, topic, 0)) if (entry.streamed && entry.timestamp >= since) return seq;
    return this.head(ns, topic) + 1;
  }

  /** Live events of a topic, oldest first, for the events store. */
  list(ns: string, topic: string, offset: number, limit: number): Event[] {
    const out: Event[] = [];
    let skipped = 0;
    for (const { entry } of this.after(ns, topic, 0)) {
      if (skipped++ < offset) continue;
      if (out.length >= limit) break;
      const { expiresAt: _e, streamed: _s, ...event } = entry;
      out.push(event);
    }
    return out;
  }

  /** Removes events whose TTL has passed; reads already skip them, this only reclaims space. */
  async sweep(now = Date.now()): Promise<number> {
    const expired = [...this.db.getRange({ start: ["expiry", 0], end: ["expiry", now] })].map(({ key }) => key as Key);
    if (!expired.length) return 0;
    await this.db.transaction(() => {
      for (const key of expired) {
        const [, , ns, topic, seq] = key;
        this.db.remove(["log", ns, topic, seq]);
        this.db.remove(key);
      }
    });
    return expired.length;
  }
}

function live(entry: LogEntry, now: number): boolean {
  return !entry.expiresAt || entry.expiresAt > now;
}

/** msgpack hands bytes back as Buffer; callers get plain Uint8Array and a fresh metadata object. */
function normalize(entry: LogEntry): LogEntry {
  const p = entry.payload;
  return { ...entry, metadata: { ...entry.metadata }, payload: new Uint8Array(p.buffer, p.byteOffset, p.byteLength) };
}
