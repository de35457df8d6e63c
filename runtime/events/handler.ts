// events.Stream and events.Store over gRPC, in front of any Events implementation. The proto carries no
// namespace: every call works in the caller's namespace (ctx.namespace), so tenants never see each other's
// topics. Micro answered Store.Write with NotImplemented; we store the event (history only) with its TTL.
import { Store as StoreService, Stream as StreamService } from "../gen/events/events_pb.js";
import type { ServiceImpl } from "../rpc/index.js";
import { consumeOverStream } from "./consume-handler.js";
import { nanosToMs, requireTopic } from "./encoding.js";
import type { Event, EventStore, Stream } from "./types.js";

export function streamHandler(stream: Stream): ServiceImpl<typeof StreamService> {
  return {
    async publish(req, ctx) {
      requireTopic(req.topic, "events.Stream.Publish");
      await stream.publish(req.topic, req.payload, {
        namespace: ctx.namespace,
        metadata: req.metadata,
        timestamp: req.timestamp > 0n ? Number(req.timestamp) : undefined,
      });
      return {};
    },
    consume: (req, ctx) => consumeOverStream(stream, req, ctx),
  };
}

export function storeHandler(store: EventStore): ServiceImpl<typeof StoreService> {
  return {
    async read(req, ctx) {
      requireTopic(req.topic, "events.Store.Read");
      const events = await store.read(req.topic, { namespace: ctx.namespace, limit: Number(req.limit), offset: Number(req.offset) });
      return { events: events.map(toMessage) };
    },
    async write(req, ctx) {
      requireTopic(req.event?.topic, "events.Store.Write", "event.topic");
      const e = req.event!;
      await store.write(
        { id: e.id, topic: e.topic, metadata: e.metadata, payload: e.payload, timestamp: Number(e.timestamp) },
        { namespace: ctx.namespace, ttlMs: nanosToMs(req.ttl) },
      );
      return {};
    },
  };
}

function toMessage(e: Event) {
  return { id: e.id, topic: e.topic, metadata: e.metadata, payload: e.payload, timestamp: BigInt(e.timestamp) };
}
