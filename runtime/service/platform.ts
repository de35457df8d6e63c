// The service's view of the platform: transports to the proxy that carry its namespace and token, and
// to a named service (micro-service header) for typed clients.
import { createGrpcTransport } from "../rpc/grpc-transport.js";
import { createClient } from "../rpc/client.js";
import { MicroError } from "../rpc/errors.js";
import { Registry as RegistryDesc } from "../gen/registry/registry_pb.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";
import { JWKS_METADATA, parseJwks, type JwkSet } from "../auth/jwks.js";
import { RemoteAuth } from "../auth/remote.js";
import type { Rule } from "../auth/types.js";
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

  /** The platform's token verification keys, from the auth service's registry entry (auth/jwks.ts). */
  async verificationKeys(): Promise<JwkSet> {
    this.requireCredentials("fetch the keys it verifies callers with");
    const { services } = await createClient(RegistryDesc, this.transport()).getService({ service: "auth", options: { domain: ADMIN_NAMESPACE } }, { timeoutMs: 5000 });
    return parseJwks(services[0]?.metadata[JWKS_METADATA]);
  }

  /** The rules of the service's namespace (Rules.List, which a service account may read). */
  async rules(): Promise<Rule[]> {
    this.requireCredentials("read the rules it judges callers by");
    return new RemoteAuth(this.transport(), { timeoutMs: 5000 }).listRules({ namespace: this.env.namespace });
  }

  private requireCredentials(what: string): void {
    if (!this.tokens) {
      throw new MicroError("auth", 503, `this service has no platform credentials (MICRO_AUTH_ID and MICRO_AUTH_SECRET) to ${what}`);
    }
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
