// The embedded BlobStore on LMDB. A blob is a manifest [namespace, key] -> {generation, size, chunks} plus
// 64 KiB chunks under [namespace, key, generation, seq]. A write streams its chunks under a fresh generation
// and then switches the manifest in one transaction, which also drops the old generation's chunks: readers
// see the old blob or the new one, never a mix, and nothing is ever rewritten whole. A pending marker per
// unfinished generation lets open() reclaim the chunks of writes that a crash interrupted.
import { randomUUID } from "node:crypto";
import type { Database } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import { Conflict } from "../rpc/index.js";
import { chunksOf, rechunk } from "./chunks.js";
import { prefixEnd } from "./keyspace.js";
import { ERROR_ID, badRequest, blobNamespaceOf as namespaceOf, blobNotFound, checkKey } from "./validate.js";
import { type BlobListOptions, type BlobOptions, type BlobSource, type BlobStore, type BlobWriteOptions } from "./types.js";

/** LMDB sub-database names, exported for tests that look at what is physically stored. */
export const BLOB_DBS = { manifests: "store.blob-manifests", chunks: "store.blob-chunks", pending: "store.blob-pending" };

interface Manifest { generation: string; size: number; chunks: number; contentType: string; public: boolean; updated: number }
type ManifestKey = [namespace: string, key: string];
type ChunkKey = [namespace: string, key: string, generation: string, seq: number];
type PendingKey = [namespace: string, key: string, generation: string];

/** Queued chunk puts are awaited every this many chunks, bounding the memory a fast writer can pin. */
const CHUNKS_IN_FLIGHT = 16;

export class EmbeddedBlobStore implements BlobStore {
  private readonly manifests: Database<Manifest, ManifestKey>;
  private readonly chunks: Database<Buffer, ChunkKey>;
  private readonly pending: Database<number, PendingKey>;

  /** Opens the store and reclaims what interrupted writes left. One instance per engine. */
  static async open(engine: Engine): Promise<EmbeddedBlobStore> {
    const store = new EmbeddedBlobStore(engine);
    for (const [namespace, key, generation] of [...store.pending.getKeys()]) await store.discard(namespace, key, generation);
    return store;
  }

  private constructor(engine: Engine) {
    this.manifests = engine.db(BLOB_DBS.manifests);
    this.chunks = engine.db(BLOB_DBS.chunks, { binary: true });
    this.pending = engine.db(BLOB_DBS.pending);
  }

  async write(key: string, data: BlobSource, options: BlobWriteOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    if (data === undefined || data === null) throw badRequest("blob is required");
    const generation = randomUUID();
    await this.pending.put([namespace, key, generation], Date.now());
    try {
      let seq = 0;
      let size = 0;
      let queued: Promise<boolean>[] = [];
      for await (const chunk of rechunk(chunksOf(data))) {
        options.signal?.throwIfAborted();
        const put = this.chunks.put([namespace, key, generation, seq++], chunk as Buffer);
        put.catch(() => { /* surfaces through Promise.all below, never as an unhandled rejection */ });
        queued.push(put);
        size += chunk.length;
        if (queued.length === CHUNKS_IN_FLIGHT) {
          await Promise.all(queued);
          queued = [];
        }
      }
      await Promise.all(queued);
      options.signal?.throwIfAborted();
      const manifest: Manifest = {
        generation, size, chunks: seq, contentType: options.contentType ?? "", public: !!options.public, updated: Date.now(),
      };
      await this.manifests.transaction(() => {
        const previous = this.manifests.get([namespace, key]);
        this.manifests.put([namespace, key], manifest);
        this.pending.remove([namespace, key, generation]);
        if (previous) this.removeChunks(namespace, key, previous);
      });
      await this.manifests.flushed;
    } catch (err) {
      await this.discard(namespace, key, generation).catch(() => { /* open() retries */ });
      throw err;
    }
  }

  async *read(key: string, options: BlobOptions = {}): AsyncIterable<Uint8Array> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    const manifest = this.manifests.get([namespace, key]);
    if (!manifest) throw blobNotFound(key);
    for (let seq = 0; seq < manifest.chunks; seq++) {
      const chunk = this.chunks.get([namespace, key, manifest.generation, seq]);
      // Only a concurrent overwrite or delete removes a live generation's chunks.
      if (!chunk) throw Conflict(ERROR_ID, `blob ${key} changed while it was being read`);
      yield chunk;
    }
  }

  async delete(key: string, options: BlobOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    checkKey(key, "key");
    await this.manifests.transaction(() => {
      const manifest = this.manifests.get([namespace, key]);
      if (!manifest) return;
      this.manifests.remove([namespace, key]);
      this.removeChunks(namespace, key, manifest);
    });
    await this.manifests.flushed;
  }

  async list(options: BlobListOptions = {}): Promise<string[]> {
    const namespace = namespaceOf(options);
    const prefix = options.prefix ?? "";
    const end = prefixEnd(prefix);
    const range = { start: [namespace, prefix], end: prefix && end !== undefined ? [namespace, end] : [`${namespace}\0`] };
    return [...this.manifests.getKeys(range as never)].map((k) => k[1]);
  }

  /** Inside a transaction: the chunks of one generation. */
  private removeChunks(namespace: string, key: string, manifest: Manifest): void {
    for (let seq = 0; seq < manifest.chunks; seq++) this.chunks.remove([namespace, key, manifest.generation, seq]);
  }

  /** Drops an unfinished generation: whatever chunks reached the disk, and its pending marker. */
  private async discard(namespace: string, key: string, generation: string): Promise<void> {
    const range = { start: [namespace, key, generation], end: [namespace, key, `${generation}\0`] };
    await this.chunks.transaction(() => {
      for (const k of [...this.chunks.getKeys(range as never)]) this.chunks.remove(k);
      this.pending.remove([namespace, key, generation]);
    });
  }
}
