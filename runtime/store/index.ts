export {
  DEFAULT_DATABASE, DEFAULT_NAMESPACE, DEFAULT_TABLE, type BlobListOptions, type BlobOptions, type BlobSource, type BlobStore,
  type BlobWriteOptions, type ListOptions, type MetadataField, type Order, type ReadOptions, type RecordInput, type Store,
  type StoreRecord, type StoreValue, type TableOptions,
} from "./types.js";
export { EmbeddedStore, STORE_DBS, type EmbeddedStoreOptions } from "./embedded.js";
export { EmbeddedBlobStore, BLOB_DBS } from "./embedded-blob.js";
export { storeHandler, databaseFor, LIST_BATCH } from "./handler.js";
export { blobStoreHandler } from "./blob-handler.js";
export { RemoteStore, RemoteBlobStore } from "./remote.js";
export { scopeStore, scopeBlobStore } from "./scoped.js";
export { BLOB_CHUNK_BYTES } from "./chunks.js";
export { encodeValue, text, json, collect, readAll } from "./value.js";
export { MAX_KEY_BYTES, MAX_NAME_BYTES } from "./validate.js";
