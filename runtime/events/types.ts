// The events primitive: a durable stream of events per topic (publish / consume with consumer groups,
// replay and manual acks) and an events store to read a topic's history. Shapes mirror proto/events, but
// callers need no protobuf types. Topics are partitioned by namespace.

export interface Event {
  id: string;
  topic: string;
  metadata: Record<string, string>;
  payload: Uint8Array;
  /** Unix time in seconds, as on the wire. */
  timestamp: number;
}

/** An event handed to a consumer. With auto-ack (the default) ack and nack do nothing. */
export interface ConsumedEvent extends Event {
  /** Marks the event processed for the consumer's group; resolves once that is recorded. */
  ack(): Promise<void>;
  /** Asks for redelivery now (to any member of the group), within the retry limit. */
  nack(): Promise<void>;
  /** The payload parsed as JSON (what Micro's Event.Unmarshal does). */
  json<T = unknown>(): T;
}

export interface NamespaceOptions {
  /** Defaults to "micro" for the embedded engine, and to the caller's namespace remotely. */
  namespace?: string;
}

export interface PublishOptions extends NamespaceOptions {
  metadata?: Record<string, string>;
  /** When the event happened: a Date or Unix seconds; defaults to now. */
  timestamp?: Date | number;
}

export interface ConsumeOptions extends NamespaceOptions {
  /**
   * Consumer group: each event goes to one member of the group; every group sees every event; the group's
   * position is durable. Without a group the consumer is a private, non-durable group of one.
   */
  group?: string;
  /**
   * Replay events whose timestamp is at or after this time (Date or Unix seconds). It only positions a group
   * that has no position yet; without it a new group starts with the events published after it subscribes.
   */
  offset?: Date | number;
  /** Default true: an event counts as acked when delivered. */
  autoAck?: boolean;
  /** With manual acks: redeliver an event not acked within this long. Default 30 s (as NATS streaming). */
  ackWaitMs?: number;
  /** With manual acks: how many times an event is redelivered before it is dropped; negative or unset = no limit. */
  retryLimit?: number;
  /** Ends the consumption. Breaking out of the `for await` loop does too. */
  signal?: AbortSignal;
}

export interface ReadOptions extends NamespaceOptions {
  /** Maximum number of events; default 250 (as Micro). */
  limit?: number;
  /** Number of events to skip. */
  offset?: number;
}

export interface WriteOptions extends NamespaceOptions {
  /** How long to keep the event; 0 or unset keeps it indefinitely. */
  ttlMs?: number;
}

/** An event to write to the store: id and timestamp are filled in when missing. */
export type EventInit = Partial<Event> & { topic: string };

/** Anything but bytes is JSON-encoded, as Micro's Publish(topic, msg interface{}) does. */
export type Payload = Uint8Array | unknown;

export interface Stream {
  publish(topic: string, payload: Payload, options?: PublishOptions): Promise<void>;
  consume(topic: string, options?: ConsumeOptions): AsyncIterable<ConsumedEvent>;
}

export interface EventStore {
  /** Stored events of a topic, oldest first. */
  read(topic: string, options?: ReadOptions): Promise<Event[]>;
  write(event: EventInit, options?: WriteOptions): Promise<void>;
}

export interface Events extends Stream, EventStore {}

export const DEFAULT_NAMESPACE = "micro";
/** Store.Read's default page size in Micro. */
export const DEFAULT_READ_LIMIT = 250;
/** NATS streaming's default ack wait, which Micro 3.0 used in production. */
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** Micro writes every published event to the events store with a 24 h TTL. */
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
