// The broker primitive: fire-and-forget pub/sub. A message reaches the subscribers of its topic that exist
// when it is published, nothing is stored (use events for durable streams). Topics are per namespace.
export interface BrokerMessage {
  /** Headers, e.g. Content-Type and Micro-Topic. */
  header: Record<string, string>;
  body: Uint8Array;
}

export interface BrokerNamespaceOptions {
  /** Defaults to "micro" for the in-memory broker, and to the caller's namespace remotely. */
  namespace?: string;
}

export interface SubscribeOptions extends BrokerNamespaceOptions {
  /** Queue group: each message goes to one subscriber of the queue; without one, every subscriber gets every message. */
  queue?: string;
  /** Ends the subscription. Breaking out of the `for await` loop does too. */
  signal?: AbortSignal;
}

export interface Broker {
  publish(topic: string, message: Partial<BrokerMessage>, options?: BrokerNamespaceOptions): Promise<void>;
  subscribe(topic: string, options?: SubscribeOptions): AsyncIterable<BrokerMessage>;
}

export const DEFAULT_NAMESPACE = "micro";
