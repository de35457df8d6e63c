// Runs the server until Ctrl-C or SIGTERM, then closes it: what `micro server` (runtime/cli/commands/server.ts) and
// the micro-ts-server package's `micro-server` bin (./main.ts) both do, so the two start the same way.
import { parseSignupMode } from "../auth/signup.js";
import { usePrivilegedHelper } from "../launcher/exec.js";
import { runtimeKind } from "../launcher/kubernetes/options.js";
import { dropPrivileges } from "../launcher/privileged/drop.js";
import { dataDir as defaultDataDir } from "../util/paths.js";
import { installLeanAsyncResourceBind } from "./async-resource-bind.js";
import { startServer, type ServerOptions } from "./server.js";

/** The command line's settings, as given (undefined: the environment or the default decides). */
export interface ServerFlags {
  dataDir?: string;
  runtime?: string;
  kubernetesApply?: boolean;
  store?: string;
  /** --registry, --events, --broker, --config: engine URLs (see engines.ts). */
  registry?: string;
  events?: string;
  broker?: string;
  config?: string;
  signup?: string;
  allowDefaultAdmin?: boolean;
}

export function serverOptions(flags: ServerFlags): ServerOptions {
  return {
    signup: parseSignupMode(flags.signup, "--signup"),
    allowDefaultAdmin: flags.allowDefaultAdmin,
    dataDir: flags.dataDir,
    runtime: flags.runtime ?? (flags.kubernetesApply ? "kubernetes" : undefined),
    kubernetes: flags.kubernetesApply === undefined ? undefined : { apply: flags.kubernetesApply },
    store: flags.store,
    engines: { registry: flags.registry, events: flags.events, broker: flags.broker, config: flags.config },
  };
}

export async function runServer(flags: ServerFlags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  installLeanAsyncResourceBind(); // the server's own process: every upstream call binds once (async-resource-bind.ts)
  // Listen for Ctrl-C/SIGTERM before starting: a signal that arrives while the server starts (or right after its
  // ready line) must shut it down cleanly, not kill the process with the default action.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => { process.off("SIGINT", stop); process.off("SIGTERM", stop); resolve(); };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  const options = serverOptions(flags);
  // Started as root: root stays only in the privileged helper (tenants' processes), and this process, which opens
  // the ports and parses every request, becomes the server user before anything listens (launcher/privileged/).
  const dropped = process.getuid?.() === 0
    ? await dropPrivileges({ dataDir: options.dataDir ?? defaultDataDir(), withHelper: runtimeKind(options.runtime) === "local" })
    : undefined;
  if (dropped) {
    usePrivilegedHelper(dropped.helper);
    options.dataDir = dropped.dataDir;
    out.write(`running as user ${dropped.user.name} (uid ${dropped.user.uid}), data ${dropped.realDataDir}` +
      `${dropped.helper ? `; tenants' processes are started by the privileged helper (pid ${dropped.helper.pid})` : ""}\n`);
    if (dropped.toolchainWarning) out.write(`WARNING: ${dropped.toolchainWarning}\n`);
  }
  let server;
  try {
    server = await startServer(options);
  } catch (err) {
    await dropped?.helper?.close();
    throw err;
  }
  await stopped;
  out.write("shutting down\n");
  await server.close();
  await dropped?.helper?.close();
  return 0;
}
