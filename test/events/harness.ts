// The two ways the events suite runs: the embedded engine directly, and the remote client over real gRPC to
// the handlers in front of the embedded engine. Both restart on the same LMDB directory.
import { rm } from "node:fs/promises";
import { openEngine, openTempEngine, type Engine } from "../../runtime/engine/lmdb.js";
import { Store as StoreDesc, Stream as StreamDesc } from "../../runtime/gen/events/events_pb.js";
import { EmbeddedEvents, RemoteEvents, storeHandler, streamHandler } from "../../runtime/events/index.js";
import type { Metadata } from "../../runtime/rpc/index.js";
import { host, type Hosted } from "../support/rpc.js";
import type { EventsHarness } from "./support.js";

export async function embeddedHarness(): Promise<EventsHarness> {
  const { dir, ...first } = await openTempEngine();
  let engine: Engine = first;
  let events = new EmbeddedEvents(engine);
  const h: EventsHarness = {
    impl: events,
    async close() {
      await events.close();
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await events.close();
      await engine.close();
      engine = openEngine(dir);
      h.impl = events = new EmbeddedEvents(engine);
    },
  };
  return h;
}

export function hostEvents(events: EmbeddedEvents, metadata: Metadata = { "micro-namespace": "tenant" }): Promise<Hosted> {
  return host([
    { desc: StreamDesc, impl: streamHandler(events) },
    { desc: StoreDesc, impl: storeHandler(events) },
  ], { metadata });
}

export async function remoteHarness(): Promise<EventsHarness> {
  const { dir, ...first } = await openTempEngine();
  let engine: Engine = first;
  let events = new EmbeddedEvents(engine);
  let hosted = await hostEvents(events);
  // Ending the engine first ends the server's open Consume streams, so the server can stop at once.
  const stop = async () => {
    await events.close();
    await hosted.close();
    await engine.close();
  };
  const h: EventsHarness = {
    impl: new RemoteEvents(hosted.transport),
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await stop();
      engine = openEngine(dir);
      events = new EmbeddedEvents(engine);
      hosted = await hostEvents(events);
      h.impl = new RemoteEvents(hosted.transport);
    },
  };
  return h;
}
