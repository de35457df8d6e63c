// The gateway's gRPC client: calls one instance over HTTP/2 (node:http2, sessions pooled per address by the
// proxy's SessionPool) with raw protobuf bytes. Measured faster than grpc-js here (see bench/gateway), and it
// fails over precisely: an instance that refuses the connection is skipped before anything is sent, so a call
// never runs twice.
import * as http2 from "node:http2";
import { SessionPool } from "../proxy/h2-pool.js";
import {
  COMPRESSED_FLAG, FrameDecoder, FrameError, GRPC_MESSAGE, GRPC_STATUS, GrpcCode, MicroError, encodeFrame, errorFromStatus,
  grpcRequestHeaders,
} from "../wire/index.js";

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM } = http2.constants;

export interface UpstreamRequest {
  /** Instances to try, in order. */
  addresses: string[];
  /** gRPC method path. */
  path: string;
  /** Metadata (lower-case keys). */
  metadata: Record<string, string>;
  /** Deadline sent as grpc-timeout and enforced here (504); none when 0. */
  timeoutMs: number;
  /** Service name, the error envelope's id. */
  service: string;
  /** Send JSON with application/grpc+json (services without a descriptor). */
  json?: boolean;
  maxMessageBytes?: number;
}

export interface UpstreamStream {
  /** Sends one message; false when the caller should wait for "drain" on `raw`. */
  send(message: Uint8Array): boolean;
  /** Half-closes the request side. */
  end(): void;
  cancel(): void;
  /** Response messages; throws the call's MicroError when it fails. */
  messages(): AsyncGenerator<Uint8Array>;
  readonly raw: http2.ClientHttp2Stream;
}

export class Upstream {
  constructor(private readonly pool = new SessionPool()) {}

  close(): void {
    this.pool.close();
  }

  /** One unary call. A call the instance provably did not process (refused stream, session going away before any
   * answer — e.g. an instance draining during `micro update`) moves on to the next instance; nothing runs twice. */
  async unary(request: UpstreamRequest, body: Uint8Array): Promise<Uint8Array> {
    let addresses = request.addresses;
    for (;;) {
      const { stream, address } = await this.start({ ...request, addresses });
      const outcome = await this.unaryOn(stream, request, body);
      if (!("unprocessed" in outcome)) return outcome.reply;
      addresses = addresses.filter((a) => a !== address);
      if (addresses.length === 0) throw new MicroError("micro.api", 503, `service ${request.service} is unavailable: its instances are shutting down`);
    }
  }

  private unaryOn(stream: http2.ClientHttp2Stream, request: UpstreamRequest, body: Uint8Array): Promise<{ reply: Uint8Array } | { unprocessed: true }> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const call = trackStatus(stream);
      let timedOut = false;
      const timer = request.timeoutMs ? setTimeout(() => { timedOut = true; stream.close(NGHTTP2_CANCEL); }, request.timeoutMs) : undefined;
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", () => undefined); // reported through "close" below
      stream.on("close", () => {
        clearTimeout(timer);
        if (timedOut) return reject(new MicroError("micro.api", 504, `${request.service} did not answer within ${request.timeoutMs} ms`));
        if (!call.answered && (stream.rstCode === NGHTTP2_REFUSED_STREAM || stream.session?.closed || stream.session?.destroyed)) return resolve({ unprocessed: true });
        const failure = failureOf(call, request.service);
        if (failure) return reject(failure);
        try {
          resolve({ reply: singleMessage(Buffer.concat(chunks), request) });
        } catch (err) {
          reject(err);
        }
      });
      stream.end(encodeFrame(body));
    });
  }

  /** A streaming call of any kind; the request side stays open until `end()`. */
  async open(request: UpstreamRequest): Promise<UpstreamStream> {
    const { stream } = await this.start(request);
    const call = trackStatus(stream);
    const closed = new Promise<void>((resolve) => stream.once("close", resolve));
    return {
      raw: stream,
      send: (m) => !stream.writableEnded && !stream.destroyed && stream.write(encodeFrame(m)),
      end: () => { if (!stream.writableEnded) stream.end(); },
      cancel: () => { if (!stream.closed) stream.close(NGHTTP2_CANCEL); },
      messages: async function* () {
        const decoder = new FrameDecoder(request.maxMessageBytes);
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            for (const frame of decoder.push(chunk)) yield unpack(frame.flags, frame.data, request);
          }
        } catch (err) {
          if (err instanceof MicroError) throw err;
          if (err instanceof FrameError) throw new MicroError("micro.api", 502, `${request.service}: ${err.message}`);
        }
        await closed;
        const failure = failureOf(call, request.service);
        if (failure) throw failure;
      },
    };
  }

  /** Opens the HTTP/2 stream on the first instance that accepts it (a refused connection, or a session closing
   * under us, means nothing was sent: the next instance is tried). */
  private async start(request: UpstreamRequest): Promise<{ stream: http2.ClientHttp2Stream; address: string }> {
    const headers = grpcRequestHeaders(request.path, request.metadata, request.timeoutMs, request.json);
    let reason = "no instance accepts connections";
    for (const address of request.addresses) {
      let session: http2.ClientHttp2Session;
      try {
        session = await this.pool.connect(address);
      } catch {
        continue;
      }
      try {
        return { stream: session.request(headers, { endStream: false }), address };
      } catch (err) {
        // e.g. stream ids exhausted, or a session going away: drop it so the next call reconnects
        session.destroy();
        reason = (err as Error).message;
      }
    }
    throw new MicroError("micro.api", 503, `service ${request.service} is unavailable: ${reason}`);
  }
}

const GATEWAY_CODES = { [GrpcCode.DEADLINE_EXCEEDED]: 504 };

interface CallStatus { answered: boolean; status?: number; message: string }

/** The call's gRPC status as its response headers and trailers give it; an HTTP answer other than 200 is UNAVAILABLE. */
function trackStatus(stream: http2.ClientHttp2Stream): CallStatus {
  const call: CallStatus = { answered: false, message: "" };
  const take = (h: http2.IncomingHttpHeaders) => {
    if (h[":status"] !== undefined && Number(h[":status"]) !== 200) { call.status = GrpcCode.UNAVAILABLE; call.message = `instance answered HTTP ${h[":status"]}`; }
    else if (h[GRPC_STATUS] !== undefined) { call.status = Number(h[GRPC_STATUS]); call.message = String(h[GRPC_MESSAGE] ?? ""); }
  };
  stream.on("response", (h) => { call.answered = true; take(h); });
  stream.on("trailers", take);
  return call;
}

/** What a finished call failed with, or undefined when it succeeded. */
function failureOf(call: CallStatus, service: string): MicroError | undefined {
  if (call.status === undefined) return new MicroError("micro.api", 503, `${service} closed the call without a status`);
  // the gateway's word for a deadline is 504 (it timed the call out for its client), not the caller's 408
  if (call.status !== GrpcCode.OK) return errorFromStatus(call.status, call.message, service, GATEWAY_CODES);
  return undefined;
}

function unpack(flags: number, data: Buffer, request: UpstreamRequest): Uint8Array {
  if (flags & COMPRESSED_FLAG) throw new MicroError("micro.api", 502, `${request.service} sent a compressed message, which was not asked for`);
  return data;
}

function singleMessage(body: Buffer, request: UpstreamRequest): Uint8Array {
  if (body.length === 0) throw new MicroError("micro.api", 502, `${request.service} answered without a message`);
  const decoder = new FrameDecoder(request.maxMessageBytes);
  let frames;
  try {
    frames = decoder.push(body);
  } catch (err) {
    throw new MicroError("micro.api", 502, `${request.service}: ${(err as Error).message}`);
  }
  if (frames.length !== 1 || decoder.pending) throw new MicroError("micro.api", 502, `${request.service} answered with a malformed message`);
  return unpack(frames[0]!.flags, frames[0]!.data, request);
}
