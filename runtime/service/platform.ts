// The service's view of the platform: transports to the proxy that carry its namespace and token, and
// to a named service (micro-service header) for typed clients.
import { createGrpcTransport } from "../rpc/grpc-transport.js";
import type { Metadata, Transport } from "../rpc/types.js";
import { MICRO_NAMESPACE, MICRO_SERVICE } from "../wire/metadata.js";
import { TokenSource } from "./credentials.js";
import type { MicroEnv } from "./env.js";

export class Platform {
  private readonly tokens?: TokenSource;
  private readonly transports = new Map<string, Transport>();

  constructor(readonly env: MicroEnv) {
    if (env.authId && env.authSecret) {
      // Fetching the token itself goes out without one.
      const bare = createGrpcTransport({ address: env.proxy, metadata: () => ({ [MICRO_NAMESPACE]: env.namespace }) });
      this.tokens = new TokenSource(bare, env.authId, env.authSecret, env.namespace);
    }
  }

  async metadata(service?: string): Promise<Metadata> {
    const md: Metadata = { [MICRO_NAMESPACE]: this.env.namespace };
    if (service) md[MICRO_SERVICE] = service;
    if (this.tokens) md.authorization = `Bearer ${await this.tokens.token()}`;
    return md;
  }

  /** A transport through the proxy; with `service`, calls go to that registry name whatever the proto package. */
  transport(service?: string): Transport {
    const key = service ?? "";
    let t = this.transports.get(key);
    if (!t) {
      t = createGrpcTransport({ address: this.env.proxy, metadata: () => this.metadata(service) });
      this.transports.set(key, t);
    }
    return t;
  }
}
