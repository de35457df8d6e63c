// Store and BlobStore over gRPC, for code running inside services. The namespace travels in the
// transport's micro-namespace metadata, so requests name a database/namespace only when the caller does
// (or when `defaults` does, e.g. the service framework's table = service name).
import { BlobStore as BlobStoreService, Store as StoreService } from "../gen/store/store_pb.js";
import { createClient, type ServiceClient, type Transport } from "../rpc/index.js";
import { chunksOf, slices } from "./chunks.js";
import { recordFromWire, ttlMsToExpiry } from "./convert.js";
import { checkCount } from "./validate.js";
import { encodeValue, plainMetadata } from "./value.js";
import type {
  BlobListOptions, BlobOptions, BlobSource, BlobStore, BlobWriteOptions, ListOptions, ReadOptions, RecordInput, Store,
  StoreRecord, TableOptions,
} from "./types.js";

export class RemoteStore implements Store {
  private readonly client: ServiceClient<typeof StoreService>;

  constructor(transport: Transport, private readonly defaults: TableOptions = {}) {
    this.client = createClient(StoreService, transport);
  }

  async read(key: string, options: ReadOptions = {}): Promise<StoreRecord[]> {
    const rsp = await this.client.read({
      key,
      options: {
        ...this.where(options), prefix: !!options.prefix, suffix: !!options.suffix, order: options.order ?? "",
        limit: BigInt(checkCount(options.limit, "limit")), offset: BigInt(checkCount(options.offset, "offset")),
      },
    });
    return rsp.records.map(recordFromWire);
  }

  async write(record: RecordInput, options: TableOptions = {}): Promise<void> {
    const wire = {
      key: record.key, value: encodeValue(record.value), expiry: ttlMsToExpiry(record.ttlMs, "record.ttlMs"),
      metadata: plainMetadata(record.metadata),
    };
    await this.client.write({ record: wire, options: this.where(options) });
  }

  async delete(key: string, options: TableOptions = {}): Promise<void> {
    await this.client.delete({ key, options: this.where(options) });
  }

  async *list(options: ListOptions = {}): AsyncIterable<string> {
    const request = {
      ...this.where(options), prefix: options.prefix ?? "", suffix: options.suffix ?? "", order: options.order ?? "",
      limit: BigInt(checkCount(options.limit, "limit")), offset: BigInt(checkCount(options.offset, "offset")),
    };
    for await (const rsp of this.client.list({ options: request })) yield* rsp.keys;
  }

  async databases(): Promise<string[]> {
    return (await this.client.databases({})).databases;
  }

  async tables(database?: string): Promise<string[]> {
    return (await this.client.tables({ database: database ?? this.defaults.database ?? "" })).tables;
  }

  private where(options: TableOptions): { database: string; table: string } {
    return { database: options.database || this.defaults.database || "", table: options.table || this.defaults.table || "" };
  }
}

export class RemoteBlobStore implements BlobStore {
  private readonly client: ServiceClient<typeof BlobStoreService>;

  constructor(transport: Transport) {
    this.client = createClient(BlobStoreService, transport);
  }

  async write(key: string, data: BlobSource, options: BlobWriteOptions = {}): Promise<void> {
    const first = {
      key, options: { namespace: options.namespace ?? "", public: !!options.public, contentType: options.contentType ?? "" },
    };
    // The first message carries key and options (with the first chunk, if any); later ones only bytes.
    async function* messages() {
      let sentFirst = false;
      for await (const piece of chunksOf(data)) {
        for (const blob of slices(piece)) {
          yield sentFirst ? { blob } : { ...first, blob };
          sentFirst = true;
        }
      }
      if (!sentFirst) yield first;
    }
    await this.client.write(messages(), { signal: options.signal });
  }

  async *read(key: string, options: BlobOptions = {}): AsyncIterable<Uint8Array> {
    for await (const rsp of this.client.read({ key, options: { namespace: options.namespace ?? "" } })) yield rsp.blob;
  }

  async delete(key: string, options: BlobOptions = {}): Promise<void> {
    await this.client.delete({ key, options: { namespace: options.namespace ?? "" } });
  }

  async list(options: BlobListOptions = {}): Promise<string[]> {
    return (await this.client.list({ options: { namespace: options.namespace ?? "", prefix: options.prefix ?? "" } })).keys;
  }
}
