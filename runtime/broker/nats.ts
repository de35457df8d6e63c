// The broker on NATS core subjects: fire-and-forget as NATS itself is, queue groups as NATS queue subscriptions,
// so any number of servers sharing the NATS server share every topic. A message's header map travels as one
// JSON header (NATS header names are case-insensitive, ours are not); the body as the NATS payload.
import { headers, type NatsConnection } from "@nats-io/transport-node";
import { token } from "../events/nats-names.js";
import { BadRequest } from "../rpc/errors.js";
import { DEFAULT_NAMESPACE, type Broker, type BrokerMessage, type BrokerNamespaceOptions, type SubscribeOptions } from "./types.js";

const HEADER = "Micro-Header";

export class NatsBroker implements Broker {
  constructor(private readonly nc: NatsConnection, private readonly prefix = "micro.broker") {}

  async publish(topic: string, message: Partial<BrokerMessage>, options: BrokerNamespaceOptions = {}): Promise<void> {
    requireTopic(topic);
    const h = headers();
    h.set(HEADER, JSON.stringify(message.header ?? {}));
    this.nc.publish(this.subject(options.namespace, topic), message.body ?? new Uint8Array(), { headers: h });
  }

  async *subscribe(topic: string, options: SubscribeOptions = {}): AsyncGenerator<BrokerMessage> {
    requireTopic(topic);
    if (options.signal?.aborted) return;
    const sub = this.nc.subscribe(this.subject(options.namespace, topic), options.queue ? { queue: options.queue } : {});
    const stop = () => sub.unsubscribe();
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      // a subscription is live once the server has it: before that a publish would not reach it
      await this.nc.flush();
      for await (const m of sub) {
        let header: Record<string, string> = {};
        try {
          header = JSON.parse(m.headers?.get(HEADER) || "{}") as Record<string, string>;
        } catch { /* published by something else: no header map */ }
        yield { header, body: m.data };
      }
    } finally {
      options.signal?.removeEventListener("abort", stop);
      sub.unsubscribe();
    }
  }

  private subject(namespace: string | undefined, topic: string): string {
    return `${this.prefix}.${token(namespace || DEFAULT_NAMESPACE)}.${token(topic)}`;
  }
}

function requireTopic(topic: string): void {
  if (!topic) throw BadRequest("broker", "topic is required");
}
