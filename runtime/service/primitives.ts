// Pre-initialised clients for the server's primitives, as the announcement shows them (`config.get("key")`):
// configured from the MICRO_* environment on first use, talking to the server through the proxy.
import { RemoteBlobStore, RemoteStore } from "../store/remote.js";
import { connectConfig } from "../config/remote.js";
import type { ServiceConfig } from "../config/service-config.js";
import { RemoteEvents } from "../events/remote.js";
import { RemoteBroker } from "../broker/remote.js";
import { readEnv } from "./env.js";
import { Platform } from "./platform.js";

export interface PlatformClients {
  store: RemoteStore;
  blobs: RemoteBlobStore;
  config: ServiceConfig;
  events: RemoteEvents;
  broker: RemoteBroker;
}

export function platformClients(platform: Platform, serviceName?: string): PlatformClients {
  const transport = platform.transport();
  return {
    store: new RemoteStore(transport, serviceName ? { table: serviceName } : {}),
    blobs: new RemoteBlobStore(transport),
    config: connectConfig(transport),
    events: new RemoteEvents(transport),
    broker: new RemoteBroker(transport),
  };
}

let defaults: PlatformClients | undefined;
const lazy = (): PlatformClients => (defaults ??= platformClients(new Platform(readEnv()), process.env.MICRO_SERVICE_NAME));

/** Proxies that build the default clients from the environment on first use. */
function facade<K extends keyof PlatformClients>(key: K): PlatformClients[K] {
  return new Proxy({} as PlatformClients[K], {
    get: (_t, prop) => {
      const target = lazy()[key] as unknown as Record<PropertyKey, unknown>;
      const value = target[prop];
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export const store = facade("store");
export const blobs = facade("blobs");
export const config = facade("config");
export const events = facade("events");
export const broker = facade("broker");
