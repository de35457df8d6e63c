// Builders for the store under test: the embedded engine in a temp dir, and the same engine behind the
// gRPC handlers with remote clients, one transport per namespace (the namespace rides in metadata).
import { rm } from "node:fs/promises";
import { openTempEngine, type Engine } from "../../runtime/engine/lmdb.js";
import { BlobStore as BlobStoreDesc, Store as StoreDesc } from "../../runtime/gen/store/store_pb.js";
import { createGrpcTransport, type Metadata, type Middleware } from "../../runtime/rpc/index.js";
import {
  EmbeddedBlobStore, EmbeddedStore, RemoteBlobStore, RemoteStore, blobStoreHandler, scopeBlobStore, scopeStore, storeHandler,
} from "../../runtime/store/index.js";
import pg from "pg";
import { PostgresStore } from "../../runtime/store/postgres.js";
import { PostgresBlobStore } from "../../runtime/store/postgres-blob.js";
import { host, type Hosted } from "../support/rpc.js";
import type { StoreHarness, StoreView } from "./conformance.js";

export interface Embedded { engine: Engine & { dir: string }; store: EmbeddedStore; blobs: EmbeddedBlobStore; close(): Promise<void> }

export async function embedded(sweepIntervalMs = 20): Promise<Embedded> {
  const engine = await openTempEngine();
  const store = new EmbeddedStore(engine, { sweepIntervalMs });
  const blobs = await EmbeddedBlobStore.open(engine);
  return {
    engine, store, blobs,
    async close() {
      store.close();
      await engine.close();
      await rm(engine.dir, { recursive: true, force: true });
    },
  };
}

export async function embeddedHarness(): Promise<StoreHarness> {
  const e = await embedded();
  return {
    open: (namespace) => ({ store: scopeStore(e.store, { database: namespace }), blobs: scopeBlobStore(e.blobs, namespace) }),
    close: e.close,
  };
}

export interface Served extends Embedded {
  hosted: Hosted;
  /** Remote stores whose calls carry this metadata (micro-namespace, test roles). */
  client(metadata: Metadata): StoreView;
}

export async function served(middleware: Middleware[] = []): Promise<Served> {
  const e = await embedded();
  const hosted = await host([
    { desc: StoreDesc, impl: storeHandler(e.store) },
    { desc: BlobStoreDesc, impl: blobStoreHandler(e.blobs) },
  ], { middleware });
  return {
    ...e, hosted,
    client(metadata) {
      const transport = createGrpcTransport({ address: hosted.address, metadata: () => metadata });
      return { store: new RemoteStore(transport), blobs: new RemoteBlobStore(transport) };
    },
    async close() {
      await hosted.close();
      await e.close();
    },
  };
}

export async function remoteHarness(): Promise<StoreHarness> {
  const s = await served();
  return { open: (namespace) => s.client({ "micro-namespace": namespace }), close: s.close };
}

/** The PostgreSQL engine on a database at `url` (a throwaway server: test/support/postgres.ts). */
export async function postgresHarness(url: string): Promise<StoreHarness> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on("error", () => { /* an idle connection dropped: the pool replaces it */ });
  const store = await PostgresStore.open(pool, { sweepIntervalMs: 20 });
  const blobs = await PostgresBlobStore.open(pool);
  return {
    open: (namespace) => ({ store: scopeStore(store, { database: namespace }), blobs: scopeBlobStore(blobs, namespace) }),
    async close() {
      store.close();
      await pool.end();
    },
  };
}
