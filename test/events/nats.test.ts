// The events conformance suite on NATS JetStream, against a throwaway nats-server with JetStream (required:
// Debian's nats-server; missing, the file fails naming it). Each harness has a stream prefix of its own, so the
// cases share one server; restart() kills nats-server with -9 and starts it on the same store.
import { after } from "node:test";
import { randomUUID } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { NatsEvents } from "../../runtime/events/nats.js";
import { connectNats } from "../../runtime/server/engines-nats.js";
import { startNats } from "../support/nats.js";
import { conformance, type EventsHarness } from "./conformance.js";

const server = await startNats();
after(() => server.stop());

conformance("NATS JetStream", async () => {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  let nc: NatsConnection = await connectNats("events", server.url);
  let events = await NatsEvents.open(nc, { prefix });
  const h: EventsHarness = {
    impl: events,
    async close() {
      await events.close();
      await nc.close();
    },
    async restart() {
      await events.close();
      await nc.close();
      await server.crash();
      nc = await connectNats("events", server.url);
      h.impl = events = await NatsEvents.open(nc, { prefix });
    },
  };
  return h;
});
