// Test support: a throwaway single-member etcd (Debian's etcd-server; .ci/run installs it) on two free ports
// (client and peer), its data in a temp directory, gone when stopped. The package is one README lists, so it is
// required: without it, or when etcd does not come up, the test fails naming why (never skips).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTools } from "./tools.js";
import { freePort, until } from "./wait.js";

export interface TestEtcd {
  /** etcd://127.0.0.1:PORT */
  url: string;
  /** The same member as http://127.0.0.1:PORT, for etcd's own clients. */
  endpoint: string;
  stop(): Promise<void>;
  /** Stops etcd (SIGTERM) and starts it again on the same data and ports, after `downMs` (default at once). */
  restart(downMs?: number): Promise<void>;
}

export async function startEtcd(): Promise<TestEtcd> {
  requireTools("etcd");
  const dir = await mkdtemp(join(tmpdir(), "micro-etcd-"));
  const [port, peer] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  const launch = async (): Promise<void> => {
    server = spawn("etcd", [
      "--name", "test", "--data-dir", join(dir, "data"),
      "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
      "--listen-peer-urls", `http://127.0.0.1:${peer}`, "--initial-advertise-peer-urls", `http://127.0.0.1:${peer}`,
      "--initial-cluster", `test=http://127.0.0.1:${peer}`,
      // tests don't need etcd's fsync per commit on a shared, loaded disk
      "--unsafe-no-fsync", "--logger", "zap", "--log-level", "error",
    ], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    server.stderr!.on("data", (d) => (log = (log + d).slice(-4000)));
    await until(async () => {
      if (server.exitCode !== null) throw new Error(`etcd exited: ${log}`);
      const res = await fetch(`${endpoint}/health`).catch(() => undefined);
      if (!res?.ok) return undefined;
      const health = await res.json() as { health?: string };
      return health.health === "true" || undefined;
    }, "etcd to report healthy", 30_000);
  };
  await launch();
  const exit = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  };
  return {
    url: `etcd://127.0.0.1:${port}`,
    endpoint,
    async stop() {
      await exit();
      await rm(dir, { recursive: true, force: true });
    },
    async restart(downMs = 0) {
      await exit();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
  };
}
