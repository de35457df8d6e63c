// The in-memory broker (Micro's default broker is in memory too): subscribers per (namespace, topic), each
// with its own inbox so a slow subscriber never holds up a publisher or the other subscribers.
import { AsyncQueue } from "../events/async-queue.js";
import { BadRequest } from "../rpc/errors.js";
import { DEFAULT_NAMESPACE, type Broker, type BrokerMessage, type BrokerNamespaceOptions, type SubscribeOptions } from "./types.js";

/** Fire-and-forget: past this many unread messages a subscriber loses its oldest ones rather than growing without bound. */
export const INBOX_LIMIT = 10_000;

interface Subscriber { queue: string; inbox: AsyncQueue<BrokerMessage> }

export class MemoryBroker implements Broker {
  private readonly topics = new Map<string, Set<Subscriber>>();
  /** Round-robin position per (namespace, topic, queue). */
  private readonly turns = new Map<string, number>();

  async publish(topic: string, message: Partial<BrokerMessage>, options: BrokerNamespaceOptions = {}): Promise<void> {
    requireTopic(topic);
    const key = topicKey(options.namespace, topic);
    const subscribers = this.topics.get(key);
    if (!subscribers) return;
    const body = message.body ?? new Uint8Array();
    const send = (s: Subscriber) => s.inbox.push({ header: { ...message.header }, body });
    const queues = new Map<string, Subscriber[]>();
    for (const s of subscribers) {
      if (!s.queue) send(s);
      else queues.set(s.queue, [...(queues.get(s.queue) ?? []), s]);
    }
    for (const [queue, members] of queues) {
      const turnKey = `${key}\0${queue}`;
      const turn = this.turns.get(turnKey) ?? 0;
      this.turns.set(turnKey, turn + 1);
      send(members[turn % members.length]);
    }
  }

  async *subscribe(topic: string, options: SubscribeOptions = {}): AsyncGenerator<BrokerMessage> {
    requireTopic(topic);
    if (options.signal?.aborted) return;
    const key = topicKey(options.namespace, topic);
    const subscriber: Subscriber = { queue: options.queue ?? "", inbox: new AsyncQueue(INBOX_LIMIT) };
    let set = this.topics.get(key);
    if (!set) this.topics.set(key, (set = new Set()));
    set.add(subscriber);
    const stop = () => subscriber.inbox.close();
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      yield* subscriber.inbox;
    } finally {
      options.signal?.removeEventListener("abort", stop);
      set.delete(subscriber);
      if (!set.size) this.forget(key);
    }
  }

  /** Ends every subscription. */
  close(): void {
    for (const set of this.topics.values()) for (const s of set) s.inbox.close();
  }

  private forget(key: string): void {
    this.topics.delete(key);
    for (const turnKey of this.turns.keys()) if (turnKey.startsWith(`${key}\0`)) this.turns.delete(turnKey);
  }
}

function topicKey(namespace: string | undefined, topic: string): string {
  return `${namespace || DEFAULT_NAMESPACE}\0${topic}`;
}

function requireTopic(topic: string): void {
  if (!topic) throw BadRequest("broker", "topic is required");
}
