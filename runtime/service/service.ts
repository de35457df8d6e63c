// The service framework: `new Service({ name })`, `handle(def, impl)`, `run()`. Serves gRPC on a free port,
// registers with endpoint metadata from the generated definitions, heartbeats, and on SIGTERM deregisters
// first and then drains, so no caller is routed to an instance that is going away.
import type { DescService } from "@bufbuild/protobuf";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { RULES_CHANGED_TOPIC } from "../auth/rules.js";
import { Registry as RegistryDesc } from "../gen/registry/registry_pb.js";
import { Debug } from "../gen/debug/debug_pb.js";
import { createClient } from "../rpc/client.js";
import { toServiceDef } from "../rpc/define.js";
import { RpcServer } from "../rpc/server.js";
import type { ServiceClient, ServiceDef, ServiceImpl } from "../rpc/types.js";
import { CallStats } from "../debug/stats.js";
import { debugHandler } from "../debug/handler.js";
import { SpanRecorder } from "../debug/trace.js";
import { DESCRIPTOR_KEY, describeEndpoints, encodeDescriptor } from "../registry/describe.js";
import type { RegistryService } from "../registry/types.js";
import { readEnv, type MicroEnv } from "./env.js";
import { Platform } from "./platform.js";
import { createLogger, type Logger } from "./logger.js";
import { platformClients, type PlatformClients } from "./primitives.js";
import { CallVerifier, KeySet, RulesCache } from "./verify.js";

export interface ServiceOptions {
  name: string;
  version?: string;
  metadata?: Record<string, string>;
  /** Registration TTL; the service re-registers every third of it. */
  registerTtlSeconds?: number;
  env?: Partial<MicroEnv>;
  /** How long the namespace's rules are used before they are fetched again (default 5 s); a refusal re-decides
   * with fresh rules once they are a second old, so a rule that grants access takes effect at once. */
  rulesTtlMs?: number;
}

export class Service {
  readonly name: string;
  readonly version: string;
  readonly env: MicroEnv;
  readonly platform: Platform;
  readonly logger: Logger;
  private readonly server: RpcServer;
  /** Admits each call: the caller's token verified locally, the namespace's rules applied (verify.ts). */
  readonly verifier: CallVerifier;
  private clients?: PlatformClients;
  private readonly stats = new CallStats();
  private readonly spans = new SpanRecorder();
  private readonly defs: ServiceDef[] = [];
  /** What the registration says of the handlers (descriptor with comments, endpoints): built once per set of
   * handlers, not on every heartbeat. */
  private described?: { descriptor: string; endpoints: RegistryService["endpoints"] };
  private readonly nodeId: string;
  private address = "";
  private heartbeat?: NodeJS.Timeout;
  private readonly watching = new AbortController();
  private stopping?: Promise<void>;

  constructor(private readonly options: ServiceOptions) {
    if (!/^[a-z0-9][a-z0-9.\-]*$/.test(options.name)) throw new RangeError(`invalid service name "${options.name}": use lowercase letters, digits, dots and dashes`);
    this.name = options.name;
    this.version = options.version ?? process.env.MICRO_SERVICE_VERSION ?? "latest";
    this.env = { ...readEnv(), ...options.env };
    this.platform = new Platform(this.env);
    this.logger = createLogger({ service: this.name });
    this.nodeId = `${this.name}-${randomUUID()}`;
    this.verifier = new CallVerifier({
      namespace: this.env.namespace,
      keys: new KeySet(() => this.platform.verificationKeys()),
      rules: new RulesCache(() => this.platform.rules(), { ttlMs: options.rulesTtlMs }),
    });
    // spans after the verifier: only admitted calls, under the namespace the service runs in
    this.server = new RpcServer({ middleware: [this.stats.middleware(), this.verifier.middleware(), this.spans.middleware()] });
    this.server.add(Debug, debugHandler(this.stats, this.spans), { name: this.name });
  }

  /** Serves a generated service definition with the given implementation. */
  handle<S extends DescService>(def: ServiceDef<S> | S, impl: ServiceImpl<S>): this {
    const d = toServiceDef(def);
    this.server.add(d, impl, { name: this.name });
    this.defs.push(d as unknown as ServiceDef);
    this.described = undefined;
    return this;
  }

  /** A typed client for another service, called by name through the network. */
  client<S extends DescService>(def: ServiceDef<S> | S, service?: string): ServiceClient<S> {
    const d = toServiceDef(def);
    return createClient(d, this.platform.transport(service ?? (d.desc.file.proto.package || undefined)));
  }

  /** The server's primitives as this service sees them (its namespace, its credentials, its store table). */
  get store() { return this.primitives().store; }
  get blobs() { return this.primitives().blobs; }
  get config() { return this.primitives().config; }
  get events() { return this.primitives().events; }
  get broker() { return this.primitives().broker; }

  private primitives(): PlatformClients {
    return (this.clients ??= platformClients(this.platform, this.name));
  }

  /** Starts serving and registering; resolves when the service has stopped (SIGTERM/SIGINT or stop()). */
  async run(): Promise<void> {
    await this.start();
    const signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];
    const done = new Promise<void>((resolve) => {
      const onSignal = () => { signals.forEach((s) => process.off(s, onSignal)); this.stop().then(resolve, resolve); };
      signals.forEach((s) => process.on(s, onSignal));
    });
    await done;
  }

  /** Serves and registers, then returns (for tests and embedding). */
  async start(): Promise<string> {
    const [host, portText] = splitHostPort(this.env.serviceAddress);
    const port = await this.server.listen(host, Number(portText));
    this.address = `${this.env.advertiseHost}:${port}`;
    await this.register();
    const ttl = this.options.registerTtlSeconds ?? 30;
    this.heartbeat = setInterval(() => this.register().catch((err) => this.logger.warn(`re-register failed: ${err.message}`)), (ttl * 1000) / 3);
    this.heartbeat.unref();
    void this.watchRules();
    this.logger.info(`serving ${this.defs.map((d) => d.desc.typeName).join(", ") || "no handlers"} on ${this.address} (namespace ${this.env.namespace})`);
    return this.address;
  }

  async stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearInterval(this.heartbeat);
      this.watching.abort();
      await this.registry().deregister(this.registration()).catch(() => undefined);
      await this.server.close(10_000);
      this.logger.info("stopped");
    })();
    return this.stopping;
  }

  /** Drops the cached rules whenever the server announces a change in the namespace; resubscribes after a failure
   * (dropping them then too: a change may have gone unheard). */
  private async watchRules(): Promise<void> {
    const signal = this.watching.signal;
    while (!signal.aborted) {
      try {
        for await (const _ of this.broker.subscribe(RULES_CHANGED_TOPIC, { signal })) this.verifier.invalidateRules();
      } catch (err) {
        if (!signal.aborted) this.logger.debug(`rules watch: ${(err as Error).message}`);
      }
      this.verifier.invalidateRules();
      if (!signal.aborted) await sleep(5000, undefined, { signal, ref: false }).catch(() => undefined);
    }
  }

  private registry() {
    return createClient(RegistryDesc, this.platform.transport());
  }

  private registration(): RegistryService & { options: { ttl: bigint; domain: string } } {
    this.described ??= { descriptor: encodeDescriptor(this.defs), endpoints: this.defs.flatMap(describeEndpoints) };
    return {
      name: this.name,
      version: this.version,
      metadata: { ...this.options.metadata, [DESCRIPTOR_KEY]: this.described.descriptor },
      endpoints: this.described.endpoints,
      nodes: [{ id: this.nodeId, address: this.address, metadata: { transport: "grpc", protocol: "grpc" } }],
      options: { ttl: BigInt(this.options.registerTtlSeconds ?? 30), domain: this.env.namespace },
    };
  }

  private async register(): Promise<void> {
    await this.registry().register(this.registration(), { timeoutMs: 5000 });
  }
}

function splitHostPort(address: string): [string, string] {
  const i = address.lastIndexOf(":");
  return i < 0 ? [address, "0"] : [address.slice(0, i) || "127.0.0.1", address.slice(i + 1) || "0"];
}
