// The embedded events engine on LMDB: a durable per-topic log, consumer groups with durable positions and
// pending acks, and the events store reading the same log. Everything is partitioned by namespace.
import { randomUUID } from "node:crypto";
import type { Database } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import { GroupRegistry } from "./group-registry.js";
import { EventLog, type Key } from "./log.js";
import { encodePayload, nowSeconds, requireTopic, toUnixSeconds } from "./encoding.js";
import {
  DEFAULT_ACK_WAIT_MS, DEFAULT_NAMESPACE, DEFAULT_READ_LIMIT, DEFAULT_RETENTION_MS, type ConsumeOptions, type ConsumedEvent,
  type Event, type EventInit, type Events, type Payload, type PublishOptions, type ReadOptions, type WriteOptions,
} from "./types.js";

export interface EmbeddedEventsOptions {
  /** How long published events are kept (Micro keeps them 24 h in the events store). */
  retentionMs?: number;
  /** How often expired events are removed from disk. */
  sweepIntervalMs?: number;
}

export class EmbeddedEvents implements Events {
  private readonly log: EventLog;
  private readonly groups: GroupRegistry;
  private readonly writes = new Set<Promise<unknown>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly retentionMs: number;

  constructor(engine: Engine, options: EmbeddedEventsOptions = {}) {
    const db = engine.db("events") as Database<unknown, Key>;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.log = new EventLog(db);
    this.groups = new GroupRegistry(this.log, db, this.track);
    this.sweeper = setInterval(() => this.track(this.log.sweep()), options.sweepIntervalMs ?? 60_000);
    this.sweeper.unref();
  }

  async publish(topic: string, payload: Payload, options: PublishOptions = {}): Promise<void> {
    requireTopic(topic, "events");
    const ns = options.namespace || DEFAULT_NAMESPACE;
    await this.track(this.log.append(ns, {
      id: randomUUID(),
      topic,
      metadata: { ...options.metadata },
      payload: encodePayload(payload),
      timestamp: toUnixSeconds(options.timestamp) || nowSeconds(),
      expiresAt: this.retentionMs > 0 ? Date.now() + this.retentionMs : 0,
      streamed: true,
    }));
    // Consumers only ever see committed events.
    this.groups.notify(ns, topic);
  }

  async *consume(topic: string, options: ConsumeOptions = {}): AsyncGenerator<ConsumedEvent> {
    requireTopic(topic, "events");
    const { signal } = options;
    if (signal?.aborted) return;
    const ns = options.namespace || DEFAULT_NAMESPACE;
    const { group, release } = this.groups.open(ns, topic, options.group, toUnixSeconds(options.offset));
    const member = group.join({
      autoAck: options.autoAck ?? true,
      ackWaitMs: options.ackWaitMs && options.ackWaitMs > 0 ? options.ackWaitMs : DEFAULT_ACK_WAIT_MS,
      retryLimit: options.retryLimit ?? -1,
    });
    const stop = () => group.leave(member);
    signal?.addEventListener("abort", stop, { once: true });
    try {
      for (;;) {
        const event = await group.take(member);
        if (!event) return;
        yield event;
      }
    } finally {
      signal?.removeEventListener("abort", stop);
      group.leave(member);
      release();
    }
  }

  async read(topic: string, options: ReadOptions = {}): Promise<Event[]> {
    requireTopic(topic, "events");
    const limit = options.limit && options.limit > 0 ? options.limit : DEFAULT_READ_LIMIT;
    return this.log.list(options.namespace || DEFAULT_NAMESPACE, topic, Math.max(0, options.offset ?? 0), limit);
  }

  /** Stored as history only: written events are readable but never delivered to consumers. */
  async write(event: EventInit, options: WriteOptions = {}): Promise<void> {
    requireTopic(event.topic, "events", "event.topic");
    const ttl = options.ttlMs ?? 0;
    await this.track(this.log.append(options.namespace || DEFAULT_NAMESPACE, {
      id: event.id || randomUUID(),
      topic: event.topic,
      metadata: { ...event.metadata },
      payload: event.payload ?? new Uint8Array(),
      timestamp: event.timestamp || nowSeconds(),
      expiresAt: ttl > 0 ? Date.now() + ttl : 0,
      streamed: false,
    }));
  }

  /** Ends every consumer (pending acks stay pending on disk) and waits for outstanding writes. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.groups.close();
    await Promise.allSettled([...this.writes]);
  }

  /** Remembers a write until it settles, so close() can wait for it; failures are reported, not thrown here. */
  private readonly track = <T>(write: Promise<T>): Promise<T> => {
    this.writes.add(write);
    write.then(
      () => this.writes.delete(write),
      (err: unknown) => {
        this.writes.delete(write);
        process.emitWarning(`events: write failed: ${(err as Error)?.message ?? err}`);
      },
    );
    return write;
  };
}
