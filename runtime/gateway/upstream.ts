// The gateway's gRPC client: calls one instance over HTTP/2 (node:http2 sessions pooled per address by the
// proxy's SessionPool; each call is the wire layer's H2Call, as the CLI's are) with raw protobuf bytes. Measured
// faster than grpc-js and @connectrpc/connect-node here (bench/gateway, bench/wire), and it fails over precisely:
// an instance that refuses the connection is skipped before anything is sent, so a call never runs twice.
import type * as http2 from "node:http2";
import { SessionPool } from "../proxy/h2-pool.js";
import { GrpcCode, MicroError, errorFromStatus } from "../wire/index.js";
import { H2Call, type CallEnd } from "../wire/h2-call.js";

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
      const { call, address } = await this.start(request, addresses);
      const { end, replies } = await call.unary(body);
      if (end.kind === "unprocessed") {
        addresses = addresses.filter((a) => a !== address);
        if (addresses.length === 0) throw new MicroError("micro.api", 503, `service ${request.service} is unavailable: its instances are shutting down`);
        continue;
      }
      const failure = failureOf(end, request);
      if (failure) throw failure;
      if (replies.length === 0 && call.pending === 0) throw new MicroError("micro.api", 502, `${request.service} answered without a message`);
      if (replies.length !== 1 || call.pending) throw new MicroError("micro.api", 502, `${request.service} answered with a malformed message`);
      return replies[0]!;
    }
  }

  /** A streaming call of any kind; the request side stays open until `end()`. */
  async open(request: UpstreamRequest): Promise<UpstreamStream> {
    const { call } = await this.start(request, request.addresses);
    return {
      raw: call.stream,
      send: (m) => call.send(m),
      end: () => call.end(),
      cancel: () => call.cancel(),
      messages: async function* () {
        yield* call.messages();
        const failure = failureOf(await call.ended, request);
        if (failure) throw failure;
      },
    };
  }

  /** Opens the call on the first instance that accepts it (a refused connection, or a session closing under us,
   * means nothing was sent: the next instance is tried). */
  private async start(request: UpstreamRequest, addresses: string[]): Promise<{ call: H2Call; address: string }> {
    let reason = "no instance accepts connections";
    for (const address of addresses) {
      let session: http2.ClientHttp2Session;
      try {
        session = await this.pool.connect(address);
      } catch {
        continue;
      }
      try {
        return { call: new H2Call(session, request), address };
      } catch (err) {
        // e.g. stream ids exhausted, or a session going away: drop it so the next call reconnects
        session.destroy();
        reason = (err as Error).message;
      }
    }
    throw new MicroError("micro.api", 503, `service ${request.service} is unavailable: ${reason}`);
  }
}

/** What a finished call failed with, in the gateway's words, or undefined when it succeeded. */
function failureOf(end: CallEnd, request: UpstreamRequest): MicroError | undefined {
  const service = request.service;
  switch (end.kind) {
    case "ok": return undefined;
    // the gateway's word for a deadline is 504 (it timed the call out for its client), not the caller's 408
    case "status": return errorFromStatus(end.status, end.message, service, { [GrpcCode.DEADLINE_EXCEEDED]: 504 });
    case "http": return errorFromStatus(GrpcCode.UNAVAILABLE, `instance answered HTTP ${end.httpStatus}`, service);
    case "deadline": return new MicroError("micro.api", 504, `${service} did not answer within ${request.timeoutMs} ms`);
    case "malformed": return new MicroError("micro.api", 502, `${service} ${end.message}`);
    case "cancelled": case "unprocessed": case "dropped":
      return new MicroError("micro.api", 503, `${service} closed the call without a status`);
  }
}
