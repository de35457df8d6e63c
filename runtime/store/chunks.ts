// Byte plumbing for blobs: any BlobSource as a stream of chunks, and re-chunking to a fixed size so that
// storage and the wire never handle a blob whole.
import type { BlobSource } from "./types.js";

/** 64 KiB: the chunk size blobs are stored and streamed in. */
export const BLOB_CHUNK_BYTES = 64 * 1024;

export async function* chunksOf(data: BlobSource): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) yield data;
  else if (typeof data === "string") yield Buffer.from(data, "utf8");
  else yield* data;
}

/** Pieces of any size in, chunks of exactly `size` bytes out (the last may be shorter). Chunks are fresh
 * copies, so callers may reuse the buffers they pass in. */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size = BLOB_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(size);
  let fill = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const n = Math.min(size - fill, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + n), fill);
      fill += n;
      offset += n;
      if (fill === size) {
        yield buffer;
        buffer = Buffer.allocUnsafe(size);
        fill = 0;
      }
    }
  }
  if (fill > 0) yield buffer.subarray(0, fill);
}

/** Views (no copies) of `bytes` at most `size` long: how a byte array goes on the wire. */
export function* slices(bytes: Uint8Array, size = BLOB_CHUNK_BYTES): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
