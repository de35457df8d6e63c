// The broker over gRPC, used inside services.
import { Broker as BrokerService } from "../gen/broker/broker_pb.js";
import { BadRequest, createClient, type CallOptions, type ServiceClient, type Transport } from "../rpc/index.js";
import { MICRO_NAMESPACE } from "../wire/metadata.js";
import type { Broker, BrokerMessage, BrokerNamespaceOptions, SubscribeOptions } from "./types.js";

export class RemoteBroker implements Broker {
  private readonly client: ServiceClient<typeof BrokerService>;

  constructor(transport: Transport) {
    this.client = createClient(BrokerService, transport);
  }

  async publish(topic: string, message: Partial<BrokerMessage>, options: BrokerNamespaceOptions = {}): Promise<void> {
    await this.client.publish({ topic, message: { header: message.header ?? {}, body: message.body ?? new Uint8Array() } }, callOptions(options));
  }

  async *subscribe(topic: string, options: SubscribeOptions = {}): AsyncGenerator<BrokerMessage> {
    // Fail fast: no stream for a request the server would refuse.
    if (!topic) throw BadRequest("broker", "topic is required");
    if (options.signal?.aborted) return;
    const replies = this.client.subscribe({ topic, queue: options.queue ?? "" }, { ...callOptions(options), signal: options.signal });
    try {
      for await (const m of replies) yield { header: { ...m.header }, body: m.body };
    } catch (err) {
      if (!options.signal?.aborted) throw err; // cancelling is how a subscriber stops, not a failure
    }
  }
}

/** The namespace normally comes from the transport's metadata; an explicit one overrides it (the server decides whether that is allowed). */
function callOptions(options: BrokerNamespaceOptions): CallOptions {
  return options.namespace ? { metadata: { [MICRO_NAMESPACE]: options.namespace } } : {};
}
