// One gRPC call over a node:http2 session: the client core the gateway (to instances) and the CLI (to the proxy)
// share — request headers, length-prefixed messages both ways, the status from response headers or trailers, a
// deadline that cancels the stream. It reports how the call ended (CallEnd) and leaves the wording to the caller:
// a deadline is the gateway's 504 but the CLI's 408, and only the gateway retries a call an instance refused.
// Not in the wire index: this module loads node:http2, which the CLI's startup snapshot must not (it is imported
// lazily there, as the gateway imports it directly).
import * as http2 from "node:http2";
import { COMPRESSED_FLAG, FrameDecoder, FrameError, encodeFrame } from "./framing.js";
import { GRPC_MESSAGE, GRPC_STATUS, H2_REQUEST_OPTIONS, grpcRequestHeaders } from "./metadata.js";

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM } = http2.constants;

export interface CallSpec {
  /** gRPC method path, "/pkg.Service/Method". */
  path: string;
  /** Metadata, lower-case keys. */
  metadata: Record<string, string>;
  /** Deadline: sent as grpc-timeout and enforced here; none when 0 or absent. */
  timeoutMs?: number;
  /** JSON messages (application/grpc+json) instead of protobuf. */
  json?: boolean;
  /** Largest response message accepted (default 16 MiB). */
  maxMessageBytes?: number;
}

/** How a call ended. */
export type CallEnd =
  | { kind: "ok" }
  /** A non-OK grpc-status (message still percent-encoded, as sent). */
  | { kind: "status"; status: number; message: string }
  /** An HTTP answer other than 200: not a gRPC server. */
  | { kind: "http"; httpStatus: string }
  | { kind: "deadline" }
  /** Cancelled from this side (cancel()). */
  | { kind: "cancelled" }
  /** A response frame too large, or compressed though nobody asked for compression. */
  | { kind: "malformed"; message: string }
  /** Refused before any answer (the stream, or the session going away): the server provably did not run it. */
  | { kind: "unprocessed" }
  /** The stream ended without a status (a broken connection, a server that died mid-call). */
  | { kind: "dropped"; message: string };

export class H2Call {
  readonly stream: http2.ClientHttp2Stream;
  /** Resolves when the stream has closed, with how the call ended. */
  readonly ended: Promise<CallEnd>;
  private decided?: CallEnd;
  private answered = false;
  private status?: number;
  private message = "";
  private httpStatus?: string;
  private error?: Error;
  private readonly decoder: FrameDecoder;

  /** Opens the stream; throws when the session cannot take one (closing, stream ids exhausted). */
  constructor(session: http2.ClientHttp2Session, spec: CallSpec) {
    this.decoder = new FrameDecoder(spec.maxMessageBytes);
    const stream = session.request(grpcRequestHeaders(spec.path, spec.metadata, spec.timeoutMs, spec.json), H2_REQUEST_OPTIONS);
    this.stream = stream;
    const timer = spec.timeoutMs ? setTimeout(() => this.fail({ kind: "deadline" }), spec.timeoutMs) : undefined;
    stream.on("response", (h) => { this.answered = true; this.take(h); });
    stream.on("trailers", (h) => this.take(h));
    stream.on("error", (err: Error) => { this.error ??= err; }); // the outcome on "close" says what it meant
    this.ended = new Promise((resolve) => stream.once("close", () => {
      clearTimeout(timer);
      resolve(this.outcome());
    }));
  }

  /** Sends one message; false when the caller should wait for "drain" on `stream`. */
  send(message: Uint8Array): boolean {
    return !this.stream.writableEnded && !this.stream.destroyed && this.stream.write(encodeFrame(message));
  }

  /** Half-closes the request side, optionally with a last message. */
  end(message?: Uint8Array): void {
    if (this.stream.writableEnded || this.stream.destroyed) return;
    if (message) this.stream.end(encodeFrame(message));
    else this.stream.end();
  }

  /** A unary call: sends `body` as the only message and half-closes, then collects every response message until
   * the stream closes. The caller words the failures (and checks that exactly one reply came, `pending` empty). */
  async unary(body: Uint8Array): Promise<{ end: CallEnd; replies: Uint8Array[] }> {
    const replies: Uint8Array[] = [];
    this.stream.on("data", (chunk: Buffer) => replies.push(...this.decode(chunk)));
    this.end(body);
    return { end: await this.ended, replies };
  }

  cancel(): void {
    this.fail({ kind: "cancelled" });
  }

  /** Ends the call from this side; the first reason stands. */
  fail(end: CallEnd): void {
    this.decided ??= end;
    if (!this.stream.closed) this.stream.close(NGHTTP2_CANCEL);
  }

  /** Bytes received that do not form a whole message (a reply cut short when the call has ended). */
  get pending(): number {
    return this.decoder.pending;
  }

  /** The messages a chunk of the response completes; a malformed or compressed one fails the call. */
  decode(chunk: Buffer): Uint8Array[] {
    let frames;
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.fail({ kind: "malformed", message: `sent a malformed message: ${err.message}` });
      return [];
    }
    if (frames.some((f) => f.flags & COMPRESSED_FLAG)) {
      this.fail({ kind: "malformed", message: "sent a compressed message, which was not asked for" });
      return [];
    }
    return frames.map((f) => f.data);
  }

  /** Every response message as it arrives; leaving the loop early cancels the call. The end is in `ended`. */
  async *messages(): AsyncGenerator<Uint8Array> {
    let finished = false;
    try {
      for await (const chunk of this.stream as AsyncIterable<Buffer>) {
        yield* this.decode(chunk);
        if (this.decided) break;
      }
      finished = true;
    } catch {
      finished = true; // the stream broke: `ended` says how
    } finally {
      if (!finished) this.cancel();
    }
  }

  private take(h: http2.IncomingHttpHeaders): void {
    if (h[":status"] !== undefined && Number(h[":status"]) !== 200) this.httpStatus ??= String(h[":status"]);
    else if (h[GRPC_STATUS] !== undefined) {
      this.status = Number(h[GRPC_STATUS]);
      this.message = String(h[GRPC_MESSAGE] ?? "");
    }
  }

  private outcome(): CallEnd {
    if (this.decided) return this.decided;
    const session = this.stream.session;
    if (!this.answered && (this.stream.rstCode === NGHTTP2_REFUSED_STREAM || session?.closed || session?.destroyed)) return { kind: "unprocessed" };
    if (this.httpStatus !== undefined) return { kind: "http", httpStatus: this.httpStatus };
    if (this.status === undefined) return { kind: "dropped", message: this.error?.message ?? "the call ended without a status" };
    return this.status === 0 ? { kind: "ok" } : { kind: "status", status: this.status, message: this.message };
  }
}
