// grpc-web-text: the same frames, base64-encoded. Requests may be several individually padded base64 chunks
// concatenated (Node's decoder stops at the first padding, so each chunk is decoded on its own); responses are
// encoded as one continuous base64 text, carrying over the bytes that do not fill a 3-byte group.

export function decodeBase64Chunks(text: string): Buffer {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/=]*$/.test(clean)) throw new RangeError("invalid base64 in grpc-web-text body");
  const parts = clean.match(/[A-Za-z0-9+/]+={0,2}/g) ?? [];
  return Buffer.concat(parts.map((p) => Buffer.from(p, "base64")));
}

export class Base64Encoder {
  private carry: Buffer = Buffer.alloc(0);

  /** Base64 of the bytes so far that fill whole 3-byte groups. */
  push(chunk: Buffer): string {
    const all = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = all.length - (all.length % 3);
    this.carry = Buffer.from(all.subarray(whole));
    return all.subarray(0, whole).toString("base64");
  }

  /** The rest, padded. */
  end(): string {
    const rest = this.carry.toString("base64");
    this.carry = Buffer.alloc(0);
    return rest;
  }
}
