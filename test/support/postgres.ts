// Test support: a throwaway PostgreSQL server from the Debian package (apt-get install postgresql; .ci/run does),
// in a temp directory on a free port, trusted local connections only, gone when stopped. initdb refuses to run as
// root, so under root the cluster is created and run as the package's `postgres` user. Without the package the
// caller skips, naming why.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, until } from "./wait.js";

export interface TestPostgres {
  /** postgres://micro@127.0.0.1:PORT/micro */
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin directory (/usr/lib/postgresql/<major>/bin), if any. */
function serverBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((d) => existsSync(join(root, d, "bin", "postgres"))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, "bin") : undefined;
}

export async function startPostgres(): Promise<TestPostgres | { skip: string }> {
  const bin = serverBin();
  if (!bin) return { skip: "PostgreSQL is not installed (apt-get install postgresql)" };
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
    if (ids.status !== 0) return { skip: "running as root and there is no postgres user to run PostgreSQL as" };
    await chown(dir, Number(ids.stdout), Number(gids.stdout));
  }
  const [initCmd, initArgs] = wrap(join(bin, "initdb"), ["-D", data, "-U", "micro", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    return { skip: `initdb failed: ${(init.stderr || init.stdout).trim().split("\n").pop()}` };
  }
  const port = await freePort();
  const [cmd, args] = wrap(join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "fsync=on"]);
  const server: ChildProcess = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  server.stderr!.on("data", (d) => (log += d));
  const admin = `postgres://micro@127.0.0.1:${port}/postgres`;
  await until(async () => {
    if (server.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    const client = new pg.Client(admin);
    try {
      await client.connect();
      await client.query("CREATE DATABASE micro");
      return true;
    } catch {
      return undefined;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, "postgres to accept connections", 30_000);
  return {
    url: `postgres://micro@127.0.0.1:${port}/micro`,
    async stop() {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT"); // fast shutdown
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
