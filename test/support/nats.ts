// Test support: a throwaway nats-server with JetStream (Debian's nats-server; .ci/run installs it), on a free
// port, its JetStream store in a temp directory, gone when stopped. The package is one README lists, so it is
// required: without it, or when the server does not come up, the test fails naming why (never skips).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTools } from "./tools.js";
import { freePort, until } from "./wait.js";

export interface TestNats {
  /** nats://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
  /** A clean stop (SIGTERM: JetStream flushes its state), then a start on the same port and store. */
  restart(): Promise<void>;
  /** kill -9, then a start on the same port and JetStream store. */
  crash(): Promise<void>;
}

export async function startNats(): Promise<TestNats> {
  requireTools("nats-server");
  const dir = await mkdtemp(join(tmpdir(), "micro-nats-"));
  const port = await freePort();
  let server: ChildProcess;
  const launch = async (): Promise<void> => {
    server = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    server.stderr!.on("data", (d) => (log += d));
    await until(async () => {
      if (server.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
      return (await accepts(port)) || undefined;
    }, "nats-server to accept connections", 30_000);
  };
  await launch();
  const exit = async (signal: NodeJS.Signals) => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill(signal);
    await exited;
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      await exit("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await exit("SIGTERM");
      await launch();
    },
    async crash() {
      await exit("SIGKILL");
      await launch();
    },
  };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}
