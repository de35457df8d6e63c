import { Command, Option } from "clipanion";

export class ServerCommand extends Command {
  static override paths = [["server"]];
  static override usage = Command.Usage({
    description: "Run the micro server: every builtin service, the gRPC proxy (8081), the HTTP API gateway with gRPC-Web (8080) and the web interface (8082)",
    details: "State lives under ~/.micro (MICRO_DATA_DIR overrides). MICRO_PROXY_PORT, MICRO_API_PORT and MICRO_WEB_PORT change the three ports; the ready line prints the addresses. The CLI's local environment follows MICRO_PROXY_PORT of its own shell: export it there too. With --runtime kubernetes, `micro run` writes a Deployment and a Service per service under <data dir>/kubernetes/ (and applies them with --kubernetes-apply): see docs/kubernetes.md. Signup is limited per client address and overall (MICRO_SIGNUP_PER_ADDRESS, default 10 a minute; MICRO_SIGNUP_PER_MINUTE, default 60), and so are namespaces (MICRO_MAX_NAMESPACES, default 10000) and accounts per namespace (MICRO_MAX_ACCOUNTS_PER_NAMESPACE, default 10000). Every start warns while admin still has the default password micro; bound beyond loopback (MICRO_BIND_HOST) the server refuses to start with it unless --allow-default-admin.",
    examples: [
      ["Start the server", "micro server"],
      ["Run services in Kubernetes through kubectl", "micro server --runtime kubernetes --kubernetes-apply"],
      ["Keep the store in PostgreSQL, shared by several servers", "micro server --store postgres://micro@db.internal/micro"],
      ["Share everything with other servers on etcd, NATS and PostgreSQL", "micro server --registry etcd://etcd.internal:2379 --config etcd://etcd.internal:2379 --events nats://nats.internal:4222 --broker nats://nats.internal:4222 --store postgres://micro@db.internal/micro"],
      ["Let only people with an invite code sign up", "micro server --signup invite"],
    ],
  });

  dataDir = Option.String("--data-dir", { description: "Where state is kept (default ~/.micro or MICRO_DATA_DIR)" });
  runtime = Option.String("--runtime", { description: "Where micro run runs services: local (default) or kubernetes (or MICRO_RUNTIME)" });
  kubernetesApply = Option.Boolean("--kubernetes-apply", { description: "Apply the kubernetes runtime's manifests with kubectl from PATH (or MICRO_KUBERNETES_APPLY=true)" });
  store = Option.String("--store", { description: "The store's engine: embedded (default) or postgres://user:password@host:port/database (or MICRO_STORE)" });
  registry = Option.String("--registry", { description: "The registry's engine: embedded (default) or etcd://host:2379 (or MICRO_REGISTRY)" });
  events = Option.String("--events", { description: "The events' engine: embedded (default) or nats://host:4222 with JetStream (or MICRO_EVENTS)" });
  broker = Option.String("--broker", { description: "The broker's engine: embedded (default) or nats://host:4222 (or MICRO_BROKER)" });
  config = Option.String("--config", { description: "The config's engine: embedded (default) or etcd://host:2379 (or MICRO_CONFIG); servers sharing it need the same MICRO_CONFIG_SECRET_KEY" });
  signup = Option.String("--signup", { description: "Who may sign up: open, invite (a code from micro auth create invite) or off (or MICRO_SIGNUP; default open on loopback, invite when MICRO_BIND_HOST is beyond it)" });
  allowDefaultAdmin = Option.Boolean("--allow-default-admin", { description: "Listen beyond loopback even though admin still has the default password (or MICRO_ALLOW_DEFAULT_ADMIN=true)" });

  async execute(): Promise<number> {
    // the same start and shutdown as the micro-ts-server package's micro-server bin
    const { runServer } = await import("../../server/run.js");
    return runServer({
      dataDir: this.dataDir, runtime: this.runtime, kubernetesApply: this.kubernetesApply, store: this.store,
      registry: this.registry, events: this.events, broker: this.broker, config: this.config,
      signup: this.signup, allowDefaultAdmin: this.allowDefaultAdmin,
    }, this.context.stdout);
  }
}
