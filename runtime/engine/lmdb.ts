// The embedded default engine: one LMDB environment under the data dir. LMDB is crash-safe and every write
// promise resolves only once the transaction is committed and flushed, so an acknowledged write survives kill -9.
import { open, type Database, type Key, type RootDatabase } from "lmdb";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export interface Engine {
  readonly root: RootDatabase;
  /** A named sub-database; values are msgpack-encoded JS values unless `binary` is set. */
  db<V = unknown, K extends Key = Key>(name: string, options?: { binary?: boolean }): Database<V, K>;
  close(): Promise<void>;
}

export function openEngine(dataDir: string): Engine {
  const dir = join(dataDir, "db");
  // Every namespace's data is in these files: the server's alone (LMDB creates them 0644).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const root = open({ path: dir, maxDbs: 64 });
  return {
    root,
    db<V, K extends Key>(name: string, options: { binary?: boolean } = {}) {
      return root.openDB<V, K>({ name, encoding: options.binary ? "binary" : "msgpack" });
    },
    close: () => root.close(),
  };
}

/** An in-memory-backed engine for tests: a fresh LMDB environment in a temporary directory. */
export async function openTempEngine(): Promise<Engine & { dir: string }> {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "micro-engine-"));
  return Object.assign(openEngine(dir), { dir });
}
