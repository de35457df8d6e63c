// Config over gRPC, for code running inside services. The namespace travels in the transport's
// micro-namespace metadata, so requests name one only when the caller asks for another namespace.
import { Config as ConfigService } from "../gen/config/config_pb.js";
import { createClient, type ServiceClient, type Transport } from "../rpc/index.js";
import { ServiceConfig, type ServiceConfigOptions } from "./service-config.js";
import type {
  Config, ConfigChange, ConfigValue, ConfigValueInput, GetOptions, NamespaceOptions, SetOptions,
} from "./types.js";

export class RemoteConfig implements Config {
  private readonly client: ServiceClient<typeof ConfigService>;

  constructor(transport: Transport) {
    this.client = createClient(ConfigService, transport);
  }

  async get(path: string, options: GetOptions = {}): Promise<ConfigValue> {
    const rsp = await this.client.get({ namespace: options.namespace ?? "", path, options: { secret: !!options.secret } });
    return { data: rsp.value?.data ?? "", format: rsp.value?.format ?? "" };
  }

  async set(path: string, value: ConfigValueInput, options: SetOptions = {}): Promise<void> {
    await this.client.set({
      namespace: options.namespace ?? "", path, value: { data: value.data, format: value.format ?? "json" },
      options: { secret: !!options.secret },
    });
  }

  async delete(path: string, options: NamespaceOptions = {}): Promise<void> {
    await this.client.delete({ namespace: options.namespace ?? "", path });
  }

  async read(path: string, options: NamespaceOptions = {}): Promise<ConfigChange> {
    const { change } = await this.client.read({ namespace: options.namespace ?? "", path });
    const set = change?.changeSet;
    return {
      namespace: change?.namespace ?? "", path: change?.path ?? path,
      changeSet: {
        data: set?.data ?? "", checksum: set?.checksum ?? "", format: set?.format ?? "", source: set?.source ?? "",
        timestamp: Number(set?.timestamp ?? 0n),
      },
    };
  }
}

/** What the service framework hands a service: typed values, set/delete and watch, over gRPC. */
export function connectConfig(transport: Transport, options: ServiceConfigOptions = {}): ServiceConfig {
  return new ServiceConfig(new RemoteConfig(transport), options);
}
