// broker.Broker over gRPC, in front of any Broker. The proto carries no namespace: publishers and
// subscribers work in the caller's namespace (ctx.namespace). Unlike Micro 3.0's handler, which ignored
// it, SubscribeRequest.queue is honoured.
import { Broker as BrokerService } from "../gen/broker/broker_pb.js";
import { BadRequest, type ServiceImpl } from "../rpc/index.js";
import type { Broker } from "./types.js";

export function brokerHandler(broker: Broker): ServiceImpl<typeof BrokerService> {
  return {
    async publish(req, ctx) {
      if (!req.topic) throw BadRequest("broker.Broker.Publish", "topic is required");
      if (!req.message) throw BadRequest("broker.Broker.Publish", "message is required");
      await broker.publish(req.topic, { header: req.message.header, body: req.message.body }, { namespace: ctx.namespace });
      return {};
    },
    async *subscribe(req, ctx) {
      if (!req.topic) throw BadRequest("broker.Broker.Subscribe", "topic is required");
      yield* broker.subscribe(req.topic, { namespace: ctx.namespace, queue: req.queue || undefined, signal: ctx.signal });
    },
  };
}
