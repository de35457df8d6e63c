// The broker primitive: fire-and-forget pub/sub with queue groups.
export type { Broker, BrokerMessage, BrokerNamespaceOptions, SubscribeOptions } from "./types.js";
export { DEFAULT_NAMESPACE } from "./types.js";
export { MemoryBroker, INBOX_LIMIT } from "./memory.js";
export { RemoteBroker } from "./remote.js";
export { brokerHandler } from "./handler.js";
