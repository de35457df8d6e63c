// The events primitive over gRPC, used inside services. Consume opens one stream and keeps its request
// side open: the ConsumeRequest goes first, then an AckRequest per ack()/nack() (Micro's protocol — there
// is no separate ack rpc), which is why it uses the transport directly rather than the typed stub.
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  AckRequestSchema, ConsumeRequestSchema, EventSchema, Store as StoreService, Stream as StreamService, type Event as EventMessage,
} from "../gen/events/events_pb.js";
import { createClient, type CallOptions, type ServiceClient, type Transport } from "../rpc/index.js";
import { AsyncQueue } from "./async-queue.js";
import { MICRO_NAMESPACE } from "../wire/metadata.js";
import { consumed, encodePayload, msToNanos, requireTopic, toUnixSeconds } from "./encoding.js";
import type {
  ConsumeOptions, ConsumedEvent, Event, EventInit, Events, NamespaceOptions, Payload, PublishOptions, ReadOptions, WriteOptions,
} from "./types.js";

export class RemoteEvents implements Events {
  private readonly stream: ServiceClient<typeof StreamService>;
  private readonly store: ServiceClient<typeof StoreService>;

  constructor(private readonly transport: Transport) {
    this.stream = createClient(StreamService, transport);
    this.store = createClient(StoreService, transport);
  }

  async publish(topic: string, payload: Payload, options: PublishOptions = {}): Promise<void> {
    await this.stream.publish({
      topic,
      payload: encodePayload(payload),
      metadata: options.metadata ?? {},
      timestamp: BigInt(toUnixSeconds(options.timestamp) ?? 0), // 0: the server's clock
    }, callOptions(options));
  }

  async *consume(topic: string, options: ConsumeOptions = {}): AsyncGenerator<ConsumedEvent> {
    requireTopic(topic, "events"); // fail fast: no stream for a request the server would refuse
    if (options.signal?.aborted) return;
    const autoAck = options.autoAck ?? true;
    const requests = new AsyncQueue<Uint8Array>();
    requests.push(toBinary(ConsumeRequestSchema, create(ConsumeRequestSchema, {
      topic,
      group: options.group ?? "",
      offset: BigInt(toUnixSeconds(options.offset) ?? 0),
      autoAck,
      ackWait: msToNanos(options.ackWaitMs),
      retryLimit: BigInt(options.retryLimit ?? -1), // Micro's client sends -1 for "no limit" too
    })));
    const settle = (id: string, success: boolean) => async () => {
      requests.push(toBinary(AckRequestSchema, create(AckRequestSchema, { id, success })));
    };
    const replies = this.transport.stream(StreamService.method.consume, requests, { ...callOptions(options), signal: options.signal });
    try {
      for await (const bytes of replies) {
        const event = fromMessage(fromBinary(EventSchema, bytes));
        yield autoAck ? consumed(event) : consumed(event, settle(event.id, true), settle(event.id, false));
      }
    } catch (err) {
      if (!options.signal?.aborted) throw err; // cancelling is how a consumer stops, not a failure
    } finally {
      requests.close();
    }
  }

  async read(topic: string, options: ReadOptions = {}): Promise<Event[]> {
    const res = await this.store.read(
      { topic, limit: BigInt(options.limit ?? 0), offset: BigInt(options.offset ?? 0) },
      callOptions(options),
    );
    return res.events.map(fromMessage);
  }

  async write(event: EventInit, options: WriteOptions = {}): Promise<void> {
    await this.store.write({
      event: {
        id: event.id ?? "",
        topic: event.topic,
        metadata: event.metadata ?? {},
        payload: event.payload ?? new Uint8Array(),
        timestamp: BigInt(event.timestamp ?? 0),
      },
      ttl: msToNanos(options.ttlMs),
    }, callOptions(options));
  }
}

/** The namespace normally comes from the transport's metadata; an explicit one overrides it (the server decides whether that is allowed). */
function callOptions(options: NamespaceOptions): CallOptions {
  return options.namespace ? { metadata: { [MICRO_NAMESPACE]: options.namespace } } : {};
}

function fromMessage(e: EventMessage): Event {
  return { id: e.id, topic: e.topic, metadata: { ...e.metadata }, payload: e.payload, timestamp: Number(e.timestamp) };
}
