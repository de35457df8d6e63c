// Which engine holds the store and its blobs: the embedded one (LMDB, in the data dir; the default) or
// PostgreSQL (`micro server --store postgres://user:pass@host/db`, or MICRO_STORE), which any number of servers
// can share. pg loads only when asked for. The URL's password never reaches a log line or an error.
import type { Engine } from "../engine/lmdb.js";
import { EmbeddedBlobStore, EmbeddedStore, type BlobStore, type Store } from "../store/index.js";
import { parseEngineUrl, redactUrl } from "./engines.js";

export interface StoreEngine {
  store: Store;
  blobs: BlobStore;
  /** Where the data lives, safe to print: "embedded" or the URL without its password. */
  where: string;
  /** PostgreSQL's pool and URL when the store is there: auth keeps its shared state beside it (auth/store-postgres.ts). */
  postgres?: { pool: import("pg").Pool; url: string };
  close(): Promise<void>;
}

export async function openStoreEngine(engine: Engine, url: string | undefined): Promise<StoreEngine> {
  if (!url || url === "embedded") {
    const store = new EmbeddedStore(engine);
    return { store, blobs: await EmbeddedBlobStore.open(engine), where: "embedded", close: async () => store.close() };
  }
  const where = redactUrl(parseEngineUrl("store", url));
  const [{ default: pg }, { PostgresStore }, { PostgresBlobStore }] = await Promise.all([
    import("pg"), import("../store/postgres.js"), import("../store/postgres-blob.js"),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 16, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => { /* a dropped idle connection: the pool replaces it on the next query */ });
  try {
    const store = await PostgresStore.open(pool);
    const blobs = await PostgresBlobStore.open(pool);
    return { store, blobs, where, postgres: { pool, url }, close: async () => { store.close(); await pool.end(); } };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`--store: cannot use ${where}: ${(err as Error).message}`);
  }
}
