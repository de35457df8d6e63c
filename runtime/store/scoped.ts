// Defaults bound to a store: a service's own table, or one namespace's view of an embedded store (which,
// unlike the gRPC handler, knows no caller and so no namespace of its own).
import type { BlobStore, Store, TableOptions } from "./types.js";

export function scopeStore(store: Store, defaults: TableOptions): Store {
  const fill = <T extends TableOptions>(o?: T): T =>
    ({ ...o, database: o?.database || defaults.database, table: o?.table || defaults.table }) as T;
  return {
    read: (key, options) => store.read(key, fill(options)),
    write: (record, options) => store.write(record, fill(options)),
    delete: (key, options) => store.delete(key, fill(options)),
    list: (options) => store.list(fill(options)),
    databases: () => store.databases(),
    tables: (database) => store.tables(database || defaults.database),
  };
}

export function scopeBlobStore(blobs: BlobStore, namespace: string): BlobStore {
  return {
    write: (key, data, options) => blobs.write(key, data, { ...options, namespace: options?.namespace || namespace }),
    read: (key, options) => blobs.read(key, { ...options, namespace: options?.namespace || namespace }),
    delete: (key, options) => blobs.delete(key, { ...options, namespace: options?.namespace || namespace }),
    list: (options) => blobs.list({ ...options, namespace: options?.namespace || namespace }),
  };
}
