// Test support: a throwaway PostgreSQL server from the Debian package (apt-get install postgresql; .ci/run does),
// in a temp directory on a free port, trusted local connections only, gone when stopped. initdb refuses to run as
// root, so under root the cluster is created and run as the package's `postgres` user. The package is one README
// lists, so it is required: without it, or when initdb or the server fails, the test fails naming why (never skips).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { brokenEnvironment } from "./tools.js";
import { freePort, until } from "./wait.js";

export interface TestPostgres {
  /** postgres://micro@127.0.0.1:PORT/micro */
  url: string;
  stop(): Promise<void>;
  /** kill -9 of the server, then a start on the same data: what a power cut does to PostgreSQL, short of the disk. */
  crash(): Promise<void>;
}

/** The newest installed server's bin directory (/usr/lib/postgresql/<major>/bin), if any. */
function serverBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((d) => existsSync(join(root, d, "bin", "postgres"))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, "bin") : undefined;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = serverBin();
  if (!bin) throw new Error("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres); install apt-get install postgresql: this test needs it");
  const asRoot = process.getuid?.() === 0;
  // the postgres user cannot enter a private temp dir of root's: make the cluster's parent world-traversable
  const dir = await mkdtemp(join(tmpdir(), "micro-pg-"));
  const data = join(dir, "data");
  // setpriv execs the command itself (runuser would stay in between, holding back signals)
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    (asRoot ? ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", cmd, ...args]] : [cmd, args]);
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gids = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (ids.status !== 0) throw brokenEnvironment("PostgreSQL cannot run", "running as root and there is no postgres user to run it as");
    await chown(dir, Number(ids.stdout), Number(gids.stdout));
  }
  const [initCmd, initArgs] = wrap(join(bin, "initdb"), ["-D", data, "-U", "micro", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw brokenEnvironment("initdb failed", (init.stderr || init.stdout || String(init.error)).trim().split("\n").pop() ?? "");
  }
  const port = await freePort();
  const [cmd, args] = wrap(join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "fsync=on"]);
  let server: ChildProcess;
  const launch = async (): Promise<void> => {
    server = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    server.stderr!.on("data", (d) => (log += d));
    await until(async () => {
      if (server.exitCode !== null) throw new Error(`postgres exited: ${log}`);
      const client = new pg.Client(`postgres://micro@127.0.0.1:${port}/postgres`);
      try {
        await client.connect();
        return true;
      } catch {
        return undefined;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, "postgres to accept connections", 30_000);
  };
  await launch();
  const admin = new pg.Client(`postgres://micro@127.0.0.1:${port}/postgres`);
  await admin.connect();
  await admin.query("CREATE DATABASE micro");
  await admin.end();
  return {
    url: `postgres://micro@127.0.0.1:${port}/micro`,
    async stop() {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT"); // fast shutdown
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
    async crash() {
      // the postmaster and every backend at once, as a power cut would; a new start waits for all to be gone
      const backends = spawnSync("pgrep", ["-P", String(server.pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
      const exited = new Promise((r) => server.once("exit", r));
      for (const pid of [server.pid!, ...backends]) {
        try { process.kill(pid, "SIGKILL"); } catch { /* already gone */ }
      }
      await exited;
      const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
      await until(async () => (backends.some(alive) ? undefined : true), "the killed backends to be gone", 30_000);
      await launch(); // crash recovery replays the write-ahead log
    },
  };
}
