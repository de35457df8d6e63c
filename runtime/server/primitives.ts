// The data primitives the server hosts on its embedded engine: store (+ blobs), config, events (stream +
// store) and broker, each as a builtin with its gRPC handlers.
import type { Engine } from "../engine/lmdb.js";
import { BlobStore, Store } from "../gen/store/store_pb.js";
import { Config } from "../gen/config/config_pb.js";
import { Store as EventsStore, Stream } from "../gen/events/events_pb.js";
import { Broker } from "../gen/broker/broker_pb.js";
import { EmbeddedBlobStore, EmbeddedStore, blobStoreHandler, storeHandler } from "../store/index.js";
import { EmbeddedConfig, configHandler } from "../config/index.js";
import { EmbeddedEvents, storeHandler as eventsStoreHandler, streamHandler } from "../events/index.js";
import { MemoryBroker, brokerHandler } from "../broker/index.js";
import type { Builtin } from "./builtins.js";

export interface Primitives { builtins: Builtin[]; close(): Promise<void> }

export async function openPrimitives(engine: Engine, dataDir: string): Promise<Primitives> {
  const store = new EmbeddedStore(engine);
  const blobs = await EmbeddedBlobStore.open(engine);
  const config = await EmbeddedConfig.open(engine, { dataDir });
  const events = new EmbeddedEvents(engine);
  const broker = new MemoryBroker();
  return {
    builtins: [
      { name: "store", handlers: [{ desc: Store, impl: storeHandler(store) }, { desc: BlobStore, impl: blobStoreHandler(blobs) }] },
      { name: "config", handlers: [{ desc: Config, impl: configHandler(config) }] },
      { name: "events", handlers: [{ desc: Stream, impl: streamHandler(events) }, { desc: EventsStore, impl: eventsStoreHandler(events) }] },
      { name: "broker", handlers: [{ desc: Broker, impl: brokerHandler(broker) }] },
    ],
    async close() {
      broker.close();
      await events.close();
      store.close();
    },
  };
}
