// `micro-server`, the micro-ts-server package's bin: `micro server` without the CLI (no clipanion, no generators'
// CLI code). Same flags, same start and shutdown (./run.ts).
import { parseArgs } from "node:util";
import { runServer } from "./run.js";
import { SERVER_VERSION } from "./server.js";

const USAGE = `Usage: micro-server [options]

Runs the micro server: every builtin service, the gRPC proxy (8081), the HTTP API gateway with gRPC-Web (8080)
and the web interface (8082).
The same as \`micro server\` (see \`micro server --help\` for the environment variables it reads).

  --data-dir DIR           where state is kept (default ~/.micro or MICRO_DATA_DIR)
  --runtime NAME           where micro run runs services: local (default) or kubernetes (or MICRO_RUNTIME)
  --kubernetes-apply       apply the kubernetes runtime's manifests with kubectl from PATH
  --store ENGINE           embedded (default) or postgres://user:password@host:port/database (or MICRO_STORE)
  --registry ENGINE        embedded (default) or etcd://host:2379 (or MICRO_REGISTRY)
  --events ENGINE          embedded (default) or nats://host:4222, with JetStream (or MICRO_EVENTS)
  --broker ENGINE          embedded (default) or nats://host:4222 (or MICRO_BROKER)
  --config ENGINE          embedded (default) or etcd://host:2379 (or MICRO_CONFIG)
  --signup MODE            open, invite or off (or MICRO_SIGNUP)
  --allow-default-admin    listen beyond loopback although admin still has the default password
  --version, --help
`;

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        "data-dir": { type: "string" }, runtime: { type: "string" }, "kubernetes-apply": { type: "boolean" },
        store: { type: "string" }, registry: { type: "string" }, events: { type: "string" }, broker: { type: "string" },
        config: { type: "string" }, signup: { type: "string" }, "allow-default-admin": { type: "boolean" },
        version: { type: "boolean" }, help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    process.stderr.write(`micro-server: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) { process.stdout.write(USAGE); return 0; }
  if (values.version) { process.stdout.write(`micro-server ${SERVER_VERSION}\n`); return 0; }
  try {
    return await runServer({
      dataDir: values["data-dir"], runtime: values.runtime, kubernetesApply: values["kubernetes-apply"],
      store: values.store, registry: values.registry, events: values.events, broker: values.broker, config: values.config,
      signup: values.signup, allowDefaultAdmin: values["allow-default-admin"],
    });
  } catch (err) {
    process.stderr.write(`micro-server: ${(err as Error).message}\n`);
    return 1;
  }
}
