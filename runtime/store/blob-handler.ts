// store.BlobStore over gRPC, in front of any BlobStore. Blobs stream in both directions in chunks of at most
// 64 KiB, so no single message nears gRPC's limit whatever the blob's size.
import { BlobStore as BlobStoreService, type BlobWriteRequest } from "../gen/store/store_pb.js";
import type { ServiceImpl } from "../rpc/index.js";
import { namespaceFor } from "../rpc/access.js";
import { slices } from "./chunks.js";
import { ERROR_ID, badRequest, checkKey } from "./validate.js";
import type { BlobStore } from "./types.js";

/** The blob bytes of a write stream: the first message's, then every later one's. */
async function* blobsOf(first: BlobWriteRequest, rest: AsyncIterator<BlobWriteRequest>): AsyncGenerator<Uint8Array> {
  yield first.blob;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value.blob;
}

export function blobStoreHandler(blobs: BlobStore): ServiceImpl<typeof BlobStoreService> {
  return {
    async *read(req, ctx) {
      const namespace = namespaceFor(ctx, req.options?.namespace, ERROR_ID);
      for await (const chunk of blobs.read(req.key, { namespace })) {
        for (const blob of slices(chunk)) yield { blob };
      }
    },
    async write(requests, ctx) {
      const messages = requests[Symbol.asyncIterator]();
      const first = await messages.next();
      if (first.done) throw badRequest("no blob was sent");
      const { key, options } = first.value;
      const namespace = namespaceFor(ctx, options?.namespace, ERROR_ID);
      checkKey(key, "key");
      await blobs.write(key, blobsOf(first.value, messages), {
        namespace, public: options?.public, contentType: options?.contentType, signal: ctx.signal,
      });
      return {};
    },
    async delete(req, ctx) {
      await blobs.delete(req.key, { namespace: namespaceFor(ctx, req.options?.namespace, ERROR_ID) });
      return {};
    },
    async list(req, ctx) {
      const namespace = namespaceFor(ctx, req.options?.namespace, ERROR_ID);
      return { keys: await blobs.list({ namespace, prefix: req.options?.prefix }) };
    },
  };
}
