// The events primitive: durable streams with consumer groups and manual acks, plus the events store.
export type {
  ConsumeOptions, ConsumedEvent, Event, EventInit, EventStore, Events, NamespaceOptions, Payload, PublishOptions, ReadOptions,
  Stream, WriteOptions,
} from "./types.js";
export { DEFAULT_ACK_WAIT_MS, DEFAULT_NAMESPACE, DEFAULT_READ_LIMIT, DEFAULT_RETENTION_MS } from "./types.js";
export { EmbeddedEvents, type EmbeddedEventsOptions } from "./embedded.js";
export { RemoteEvents } from "./remote.js";
export { streamHandler, storeHandler } from "./handler.js";
export { AsyncQueue } from "./async-queue.js";
