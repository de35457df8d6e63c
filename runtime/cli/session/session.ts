// A session: the environment a command runs against (proxy address, namespace, account) and transports to it
// whose calls carry `micro-namespace` and `authorization: Bearer <token>`, the token refreshed shortly before it
// expires and saved back to the config file.
import type { DescService } from "@bufbuild/protobuf";
import type { Metadata, ServiceClient, Transport } from "../../rpc/types.js";
import { AUTHORIZATION, MICRO_NAMESPACE, MICRO_SERVICE } from "../../wire/metadata.js";
import type { MicroContext } from "../context.js";
import { ConfigStore } from "../settings/store.js";
import type { Environment } from "../settings/envs.js";
import type { AccountInfo } from "../settings/file.js";
import { proxyTransport } from "./connection.js";
import { refreshIfExpiring, type TokenPair } from "./tokens.js";

export class Session {
  readonly config: ConfigStore;
  readonly env: Environment;
  private readonly transports = new Map<string, Promise<Transport>>();

  constructor(readonly context: MicroContext, envName?: string) {
    this.config = new ConfigStore(context.env, (line) => context.stderr.write(line + "\n"));
    this.env = this.config.current(envName || context.envOverride);
  }

  get address(): string {
    return this.env.proxy;
  }

  /** The namespace calls run in: the logged-in account's, or the one chosen for the environment. */
  get namespace(): string {
    return this.config.data.envs[this.env.name]?.namespace || this.env.namespace;
  }

  get account(): AccountInfo | undefined {
    return this.config.data.envs[this.env.name]?.account;
  }

  /** The current access token, refreshed first when it is about to expire; undefined when logged out. */
  async token(): Promise<string | undefined> {
    return refreshIfExpiring(this);
  }

  async metadata(service?: string): Promise<Metadata> {
    const md: Metadata = { [MICRO_NAMESPACE]: this.namespace };
    if (service) md[MICRO_SERVICE] = service;
    const token = await this.token();
    if (token) md[AUTHORIZATION] = `Bearer ${token}`;
    return md;
  }

  /** Calls through the proxy; with `service`, routed to that registry name whatever the proto package. */
  transport(service?: string): Promise<Transport> {
    const key = `auth:${service ?? ""}`;
    let t = this.transports.get(key);
    if (!t) {
      t = proxyTransport(this.address, () => this.metadata(service));
      this.transports.set(key, t);
    }
    return t;
  }

  /** Calls that must not carry a token (login, signup, refresh), in `namespace` (default: the session's). */
  anonymousTransport(namespace?: string): Promise<Transport> {
    return proxyTransport(this.address, async () => ({ [MICRO_NAMESPACE]: namespace || this.namespace }));
  }

  async client<S extends DescService>(desc: S, service?: string): Promise<ServiceClient<S>> {
    const [{ createClient }, transport] = await Promise.all([import("../../rpc/client.js"), this.transport(service)]);
    return createClient(desc, transport);
  }

  /** Remembers a login (or a refreshed token) for this environment. */
  saveTokens(tokens: TokenPair, account?: AccountInfo, namespace?: string): void {
    this.config.updateEnv(this.env.name, (r) => {
      r.token = tokens.accessToken;
      r.refreshToken = tokens.refreshToken;
      r.expiry = tokens.expiry;
      if (account) r.account = account;
      if (namespace) r.namespace = namespace;
    });
  }

  /** Forgets the login; the namespace goes back to the default with it. */
  clearLogin(): void {
    this.config.updateEnv(this.env.name, (r) => {
      delete r.token; delete r.refreshToken; delete r.expiry; delete r.account; delete r.namespace;
    });
  }
}
