// The data primitives the server hosts: store (+ blobs; embedded or PostgreSQL, store-engine.ts), config, events
// (stream + store) and broker on the embedded engine, each as a builtin with its gRPC handlers.
import type { Engine } from "../engine/lmdb.js";
import { BlobStore, Store } from "../gen/store/store_pb.js";
import { Config } from "../gen/config/config_pb.js";
import { Store as EventsStore, Stream } from "../gen/events/events_pb.js";
import { Broker } from "../gen/broker/broker_pb.js";
import { blobStoreHandler, storeHandler } from "../store/index.js";
import { openStoreEngine } from "./store-engine.js";
import { EmbeddedConfig, configHandler } from "../config/index.js";
import { EmbeddedEvents, storeHandler as eventsStoreHandler, streamHandler } from "../events/index.js";
import { MemoryBroker, brokerHandler } from "../broker/index.js";
import type { Builtin } from "./builtins.js";

export interface Primitives {
  builtins: Builtin[];
  /** Where the store's data lives ("embedded", or the engine's URL without its password). */
  storeWhere: string;
  /** The server's own broker: rule changes are announced on it (auth RULES_CHANGED_TOPIC). */
  broker: MemoryBroker;
  close(): Promise<void>;
}

export async function openPrimitives(engine: Engine, dataDir: string, storeUrl?: string): Promise<Primitives> {
  const { store, blobs, where, close: closeStore } = await openStoreEngine(engine, storeUrl);
  const config = await EmbeddedConfig.open(engine, { dataDir });
  const events = new EmbeddedEvents(engine);
  const broker = new MemoryBroker();
  return {
    storeWhere: where,
    broker,
    builtins: [
      { name: "store", handlers: [{ desc: Store, impl: storeHandler(store) }, { desc: BlobStore, impl: blobStoreHandler(blobs) }] },
      { name: "config", handlers: [{ desc: Config, impl: configHandler(config) }] },
      { name: "events", handlers: [{ desc: Stream, impl: streamHandler(events) }, { desc: EventsStore, impl: eventsStoreHandler(events) }] },
      { name: "broker", handlers: [{ desc: Broker, impl: brokerHandler(broker) }] },
    ],
    async close() {
      broker.close();
      await events.close();
      await closeStore();
    },
  };
}
