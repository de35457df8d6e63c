// The primitives the server hosts, each on the engine its flag or env names (engines.ts) or the embedded one:
// store (+ blobs; embedded or PostgreSQL, store-engine.ts), registry (memory or etcd), config (embedded or etcd),
// events (embedded or NATS JetStream) and broker (memory or NATS). The data primitives become builtins with their
// gRPC handlers; the registry is the server's own (server.ts hosts it). Engine clients load only when asked for,
// so the embedded default costs nothing; one that cannot be reached fails the start, naming its flag.
import type { Engine } from "../engine/lmdb.js";
import { BlobStore, Store } from "../gen/store/store_pb.js";
import { Config } from "../gen/config/config_pb.js";
import { Store as EventsStore, Stream } from "../gen/events/events_pb.js";
import { Broker as BrokerDesc } from "../gen/broker/broker_pb.js";
import { blobStoreHandler, storeHandler } from "../store/index.js";
import { openStoreEngine, type StoreEngine } from "./store-engine.js";
import { EmbeddedConfig, configHandler, type Config as ConfigEngine } from "../config/index.js";
import { EmbeddedEvents, storeHandler as eventsStoreHandler, streamHandler, type Events } from "../events/index.js";
import { MemoryBroker, brokerHandler, type Broker } from "../broker/index.js";
import { MemoryRegistry } from "../registry/memory.js";
import type { Registry } from "../registry/types.js";
import { redactUrl, type EngineUrls, type Primitive } from "./engines.js";
import type { Builtin } from "./builtins.js";

export interface Primitives {
  builtins: Builtin[];
  /** Where the store's data lives ("embedded", or the engine's URL without its password). */
  storeWhere: string;
  /** The store (the runtime's shared records live there when several servers share it: cluster-runtime.ts). */
  store: import("../store/types.js").Store;
  /** The store's PostgreSQL, when it is there: what every server of a platform shares (auth's state goes there). */
  postgres?: StoreEngine["postgres"];
  /** Each primitive on an external engine, with its URL without the password. */
  where: Partial<Record<Primitive, string>>;
  /** The server's own broker: rule changes are announced on it (auth RULES_CHANGED_TOPIC). */
  broker: Broker;
  /** The registry the server registers its builtins in and resolves calls with. */
  registry: Registry & { close(): void };
  close(): Promise<void>;
}

export async function openPrimitives(engine: Engine, dataDir: string, urls: EngineUrls = {}): Promise<Primitives> {
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  };
  try {
    const { store, blobs, where: storeWhere, postgres, close: closeStore } = await openStoreEngine(engine, urls.store);
    closers.push(closeStore);
    const registry = await openRegistry(urls.registry, closers);
    const config = await openConfig(engine, dataDir, urls.config, closers);
    const events = await openEvents(engine, urls.events, closers);
    const broker = await openBroker(urls.broker, closers);
    const where: Partial<Record<Primitive, string>> = {};
    for (const [p, url] of Object.entries(urls) as Array<[Primitive, string]>) where[p] = redactUrl(url);
    return {
      storeWhere, where, broker, registry, postgres, store,
      builtins: [
        { name: "store", handlers: [{ desc: Store, impl: storeHandler(store) }, { desc: BlobStore, impl: blobStoreHandler(blobs) }] },
        { name: "config", handlers: [{ desc: Config, impl: configHandler(config) }] },
        { name: "events", handlers: [{ desc: Stream, impl: streamHandler(events) }, { desc: EventsStore, impl: eventsStoreHandler(events) }] },
        { name: "broker", handlers: [{ desc: BrokerDesc, impl: brokerHandler(broker) }] },
      ],
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

type Closers = Array<() => Promise<void> | void>;

async function openRegistry(url: string | undefined, closers: Closers): Promise<Registry & { close(): void }> {
  if (!url) {
    const registry = new MemoryRegistry();
    closers.push(() => registry.close());
    return registry;
  }
  const [{ connectEtcd }, { EtcdRegistry }] = await Promise.all([import("./engines-etcd.js"), import("../registry/etcd.js")]);
  const client = await connectEtcd("registry", url);
  const registry = await EtcdRegistry.open(client).catch((err: Error) => {
    client.close();
    throw new Error(`--registry: ${err.message}`);
  });
  closers.push(() => registry.close());
  return registry;
}

async function openConfig(engine: Engine, dataDir: string, url: string | undefined, closers: Closers): Promise<ConfigEngine> {
  if (!url) return EmbeddedConfig.open(engine, { dataDir });
  const [{ connectEtcd }, { EtcdConfig }] = await Promise.all([import("./engines-etcd.js"), import("../config/etcd.js")]);
  const client = await connectEtcd("config", url);
  closers.push(() => client.close());
  return EtcdConfig.open(client, { dataDir }).catch((err: Error) => {
    throw new Error(`--config: ${err.message}`);
  });
}

async function openEvents(engine: Engine, url: string | undefined, closers: Closers): Promise<Events> {
  if (!url) {
    const events = new EmbeddedEvents(engine);
    closers.push(() => events.close());
    return events;
  }
  const [{ connectNats }, { NatsEvents }] = await Promise.all([import("./engines-nats.js"), import("../events/nats.js")]);
  const nc = await connectNats("events", url);
  closers.push(() => nc.close());
  const events = await NatsEvents.open(nc).catch((err: Error) => {
    throw new Error(`--events: ${redactUrl(url)} has no JetStream (start nats-server with -js): ${err.message}`);
  });
  closers.push(() => events.close());
  return events;
}

async function openBroker(url: string | undefined, closers: Closers): Promise<Broker> {
  if (!url) {
    const broker = new MemoryBroker();
    closers.push(() => broker.close());
    return broker;
  }
  const [{ connectNats }, { NatsBroker }] = await Promise.all([import("./engines-nats.js"), import("../broker/nats.js")]);
  const nc = await connectNats("broker", url);
  closers.push(() => nc.close());
  return new NatsBroker(nc);
}
