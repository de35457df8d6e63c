// The events engine on NATS JetStream, shared by every server pointed at the same NATS: a stream per namespace
// (nats-streams.ts), a consumer group as a durable pull consumer of its topic's subject (acks, ack wait,
// redelivery, max deliveries = 1 + retry limit, its position kept by JetStream), a private consumer as an
// ephemeral one. The same semantics as EmbeddedEvents, proven by the same conformance suite:
// - a new group starts after the stream's last event; with an offset it starts at the first event at or after
//   that time and skips older-stamped events up to where the stream was when it was created (kept in the
//   consumer's description, so every member of the group applies the same rule);
// - a member pulls one event at a time, so a group's members share the work; a member that leaves naks what it
//   had not acked, so the rest of its group gets it at once rather than after ack wait;
// - published events expire after the retention (24 h), written ones after their TTL; expired events are
//   hidden from reads at once and removed by a periodic sweep.
import { randomUUID } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerConfig, type ConsumerInfo, type JetStreamClient, type JetStreamManager, type JsMsg,
} from "@nats-io/jetstream";
import { consumed, encodePayload, nowSeconds, requireTopic, toUnixSeconds } from "./encoding.js";
import { shortName } from "./nats-names.js";
import { decodeEvent, eventHeaders, Streams } from "./nats-streams.js";
import {
  DEFAULT_ACK_WAIT_MS, DEFAULT_NAMESPACE, DEFAULT_READ_LIMIT, DEFAULT_RETENTION_MS, type ConsumeOptions, type ConsumedEvent,
  type Event, type EventInit, type Events, type Payload, type PublishOptions, type ReadOptions, type WriteOptions,
} from "./types.js";

export interface NatsEventsOptions {
  /** Stream and subject prefix: "micro-events" (streams) / "micro-events" (subjects). */
  prefix?: string;
  /** How long published events are kept (24 h, as the embedded engine). */
  retentionMs?: number;
  /** How often expired events are removed. */
  sweepIntervalMs?: number;
}

/** Events older than `since` (Unix seconds) up to stream sequence `until` are skipped: an offset's replay rule. */
interface Replay { since: number; until: number }

const PULL_EXPIRES_MS = 5_000;
const RETRY_MS = 500;
const SWEEP_BATCH = 10_000;
const nanos = (ms: number) => Math.round(ms * 1e6);

export class NatsEvents implements Events {
  private readonly stops = new Set<() => void>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly retentionMs: number;
  private closed = false;

  static async open(nc: NatsConnection, options: NatsEventsOptions = {}): Promise<NatsEvents> {
    return new NatsEvents(jetstream(nc), await jetstreamManager(nc), options);
  }

  private constructor(private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, options: NatsEventsOptions) {
    this.streams = new Streams(jsm, options.prefix ?? "micro-events");
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.sweeper = setInterval(() => void this.sweep().catch((err: Error) => process.emitWarning(`events: sweep failed: ${err.message}`)), options.sweepIntervalMs ?? 60_000);
    this.sweeper.unref();
  }

  private readonly streams: Streams;

  async publish(topic: string, payload: Payload, options: PublishOptions = {}): Promise<void> {
    requireTopic(topic, "events");
    const ns = options.namespace || DEFAULT_NAMESPACE;
    await this.streams.ensure(ns);
    const id = randomUUID();
    const h = eventHeaders({ id, metadata: { ...options.metadata }, timestamp: toUnixSeconds(options.timestamp) || nowSeconds() }, this.retentionMs > 0 ? Date.now() + this.retentionMs : 0);
    // resolves once JetStream has stored it; the id doubles as the message id, so a retried publish is not a second event
    await this.js.publish(this.streams.subject(ns, "p", topic), encodePayload(payload), { headers: h, msgID: id });
  }

  async *consume(topic: string, options: ConsumeOptions = {}): AsyncGenerator<ConsumedEvent> {
    requireTopic(topic, "events");
    const { signal } = options;
    if (signal?.aborted) return;
    const ns = options.namespace || DEFAULT_NAMESPACE;
    const stream = await this.streams.ensure(ns);
    const filter = this.streams.subject(ns, "p", topic);
    let { name, replay, ephemeral } = await this.join(stream, filter, options);
    let consumer = await this.js.consumers.get(stream, name);
    const autoAck = options.autoAck ?? true;
    const outstanding = new Set<JsMsg>();
    let stop!: () => void;
    const stopped = new Promise<null>((resolve) => (stop = () => resolve(null)));
    let isStopped = false;
    const end = () => { isStopped = true; stop(); };
    this.stops.add(end);
    signal?.addEventListener("abort", end, { once: true });
    try {
      while (!isStopped) {
        const pulling = consumer.next({ expires: PULL_EXPIRES_MS });
        const m = await Promise.race([pulling, stopped]).catch(() => null);
        if (m === null && !isStopped && !this.closed && await pulling.then(() => false, () => true)) {
          // NATS went away (or took the consumer with it): wait, then pull again, recreating what is missing; a
          // group's durable consumer keeps its place, a private one starts again from new events
          await Promise.race([new Promise((r) => setTimeout(r, RETRY_MS)), stopped]);
          if (isStopped) continue;
          try {
            ({ name, replay, ephemeral } = await this.join(await this.streams.ensure(ns, true), filter, { ...options, offset: ephemeral ? undefined : options.offset }));
            consumer = await this.js.consumers.get(stream, name);
          } catch { /* still away: the next pull fails again and we wait again */ }
          continue;
        }
        if (isStopped) {
          // what arrives after the member left is the group's again
          pulling.then((late) => late?.nak(), () => undefined);
          return;
        }
        if (!m) continue;
        const event = decodeEvent(topic, m.headers, m.data);
        if (replay && m.seq <= replay.until && event.timestamp < replay.since) {
          m.ack();
          continue;
        }
        if (autoAck) {
          m.ack();
          yield consumed(event);
          continue;
        }
        outstanding.add(m);
        const settle = (how: () => Promise<unknown> | void) => async () => {
          if (!outstanding.delete(m)) return;
          await how();
        };
        yield consumed(event, settle(() => m.ackAck()), settle(() => m.nak()));
      }
    } finally {
      signal?.removeEventListener("abort", end);
      this.stops.delete(end);
      for (const m of outstanding) m.nak();
      if (ephemeral) await this.jsm.consumers.delete(stream, name).catch(() => undefined);
    }
  }

  async read(topic: string, options: ReadOptions = {}): Promise<Event[]> {
    requireTopic(topic, "events");
    const ns = options.namespace || DEFAULT_NAMESPACE;
    const limit = options.limit && options.limit > 0 ? options.limit : DEFAULT_READ_LIMIT;
    const offset = Math.max(0, options.offset ?? 0);
    const stream = await this.streams.ensure(ns);
    const events: Event[] = [];
    let skipped = 0;
    const now = Date.now();
    for await (const m of this.walk(stream, this.streams.subject(ns, "*", topic))) {
      const { expiresAt, ...event } = decodeEvent(topic, m.header, m.data);
      if (expiresAt && expiresAt <= now) continue;
      if (skipped++ < offset) continue;
      events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  /** Stored as history only: written events are readable but never delivered to consumers. */
  async write(event: EventInit, options: WriteOptions = {}): Promise<void> {
    requireTopic(event.topic, "events", "event.topic");
    const ns = options.namespace || DEFAULT_NAMESPACE;
    await this.streams.ensure(ns);
    const ttl = options.ttlMs ?? 0;
    const h = eventHeaders({ id: event.id || randomUUID(), metadata: { ...event.metadata }, timestamp: event.timestamp || nowSeconds() }, ttl > 0 ? Date.now() + ttl : 0);
    await this.js.publish(this.streams.subject(ns, "w", event.topic), event.payload ?? new Uint8Array(), { headers: h });
  }

  /** Ends every consumer (what they had not acked goes back to their groups); the connection is the caller's. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const stop of [...this.stops]) stop();
  }

  /** Removes expired events from the streams this process has used. */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const ns of this.streams.namespaces()) {
      const stream = await this.streams.ensure(ns);
      // published events share one retention, so they expire in order: purge those before the first live one
      let last = 0;
      let seen = 0;
      for await (const m of this.walk(stream, this.streams.subject(ns, "p", ">"))) {
        const { expiresAt } = decodeEvent("", m.header, m.data);
        if (!expiresAt || expiresAt > now || ++seen > SWEEP_BATCH) break;
        last = m.seq;
      }
      if (last) await this.jsm.streams.purge(stream, { filter: this.streams.subject(ns, "p", ">"), seq: last + 1 });
      // written events each have their own TTL (and are few): delete each expired one
      seen = 0;
      for await (const m of this.walk(stream, this.streams.subject(ns, "w", ">"))) {
        if (++seen > SWEEP_BATCH) break;
        const { expiresAt } = decodeEvent("", m.header, m.data);
        if (expiresAt && expiresAt <= now) await this.jsm.streams.deleteMessage(stream, m.seq, false);
      }
    }
  }

  /** The consumer a member pulls from: the group's durable one (created on first use) or a private ephemeral one. */
  private async join(stream: string, filter: string, options: ConsumeOptions): Promise<{ name: string; replay?: Replay; ephemeral: boolean }> {
    const ackWaitMs = options.ackWaitMs && options.ackWaitMs > 0 ? options.ackWaitMs : DEFAULT_ACK_WAIT_MS;
    const maxDeliver = options.retryLimit !== undefined && options.retryLimit >= 0 ? options.retryLimit + 1 : -1;
    const settings: Partial<ConsumerConfig> = { ack_policy: AckPolicy.Explicit, ack_wait: nanos(ackWaitMs), max_deliver: maxDeliver, filter_subject: filter };
    if (!options.group) {
      const { config, replay } = await this.position(stream, filter, toUnixSeconds(options.offset));
      const info = await this.jsm.consumers.add(stream, { ...settings, ...config, inactive_threshold: nanos(60_000), description: JSON.stringify(replay ?? null) });
      return { name: info.name, replay, ephemeral: true };
    }
    const name = `g_${shortName(filter, options.group)}`;
    let info: ConsumerInfo | null = await this.jsm.consumers.info(stream, name).catch(() => null);
    if (!info) {
      const { config, replay } = await this.position(stream, filter, toUnixSeconds(options.offset));
      info = await this.jsm.consumers.add(stream, { ...settings, ...config, durable_name: name, description: JSON.stringify(replay ?? null) })
        // another member (of this server or another) created it first: join that one
        .catch(async (err: unknown) => (await this.jsm.consumers.info(stream, name).catch(() => { throw err; })));
    } else if (info.config.ack_wait !== settings.ack_wait || (info.config.max_deliver ?? -1) !== maxDeliver) {
      // the latest member's ack wait and retry limit apply to the group, as they would if it created it
      await this.jsm.consumers.update(stream, name, { ack_wait: settings.ack_wait, max_deliver: maxDeliver }).catch(() => undefined);
    }
    return { name, replay: parseReplay(info.config.description), ephemeral: false };
  }

  /** Where a new consumer starts: after the last event, or at the first event at or after `offset` (seconds). */
  private async position(stream: string, filter: string, offset: number | undefined): Promise<{ config: Partial<ConsumerConfig>; replay?: Replay }> {
    if (!offset || offset <= 0) return { config: { deliver_policy: DeliverPolicy.New } };
    const head = (await this.jsm.streams.info(stream)).state.last_seq;
    let start = head + 1;
    for await (const m of this.walk(stream, filter)) {
      if (m.seq > head) break;
      if (decodeEvent("", m.header, m.data).timestamp >= offset) {
        start = m.seq;
        break;
      }
    }
    return { config: { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start }, replay: { since: offset, until: head } };
  }

  /** The stream's messages on `subject`, oldest first, one direct get each. */
  private async *walk(stream: string, subject: string) {
    for (let seq = 1; ;) {
      const m = await this.jsm.direct.getMessage(stream, { seq, next_by_subj: subject });
      if (!m) return;
      yield m;
      seq = m.seq + 1;
    }
  }
}

function parseReplay(description: string | undefined): Replay | undefined {
  try {
    const r = JSON.parse(description || "null") as Replay | null;
    return r && typeof r.since === "number" && typeof r.until === "number" ? r : undefined;
  } catch {
    return undefined;
  }
}
