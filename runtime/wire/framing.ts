// gRPC's length-prefixed messages (1 flag byte, 4-byte big-endian length, payload), shared by gRPC and
// gRPC-Web: gRPC-Web adds one frame kind, flag 0x80, whose payload is the trailers as HTTP/1 header lines.
// The gateway, the proxy's gRPC-Web bridge and the CLI all frame and unframe with this codec.

export const TRAILER_FLAG = 0x80;
export const COMPRESSED_FLAG = 0x01;

export interface Frame { flags: number; data: Buffer }

export function encodeFrame(data: Uint8Array, flags = 0): Buffer {
  const out = Buffer.allocUnsafe(5 + data.length);
  out[0] = flags;
  out.writeUInt32BE(data.length, 1);
  out.set(data, 5);
  return out;
}

/** A gRPC-Web trailer frame: "name: value\r\n" lines. */
export function encodeTrailerFrame(trailers: Record<string, string>): Buffer {
  const text = Object.entries(trailers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  return encodeFrame(Buffer.from(text, "latin1"), TRAILER_FLAG);
}

export function decodeTrailerFrame(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of data.toString("latin1").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}

export class FrameError extends Error {
  override name = "FrameError";
}

/** Incremental decoder: feed chunks as they arrive, get the frames they complete. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageBytes = 16 * 1024 * 1024) {}

  /** Bytes received that do not yet form a whole frame. */
  get pending(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    while (this.buffered >= 5) {
      const head = this.peek(5);
      const length = head.readUInt32BE(1);
      if (length > this.maxMessageBytes) throw new FrameError(`message of ${length} bytes exceeds the limit of ${this.maxMessageBytes}`);
      if (this.buffered < 5 + length) break;
      const whole = this.take(5 + length);
      frames.push({ flags: whole[0]!, data: whole.subarray(5) });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0]!;
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}
