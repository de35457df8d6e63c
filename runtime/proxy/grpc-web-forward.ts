// One gRPC-Web call forwarded as gRPC over HTTP/2: the request's frames go upstream unchanged (decoded from
// base64 for grpc-web-text), response frames come back as they arrive, and the gRPC trailers are appended to
// the body as a trailer frame — the one thing browsers cannot read from HTTP trailers.
import type * as http from "node:http";
import * as http2 from "node:http2";
import {
  AUTHORIZATION, CONTENT_TYPE, GRPC_MESSAGE, GRPC_STATUS, GrpcCode, MICRO_NAMESPACE, MICRO_PEER, MicroError, encodeTrailerFrame, grpcCodeFor,
  grpcRequestHeaders, grpcWebContentType, H2_REQUEST_OPTIONS, percentEncodeGrpcMessage,
} from "../wire/index.js";
import type { SessionPool } from "./h2-pool.js";
import { Base64Encoder } from "./grpc-web-text.js";
import { clientAddress } from "./peer.js";

const { NGHTTP2_CANCEL } = http2.constants;

/** Request headers that are HTTP/1-only, connection-level, or rewritten here. */
const NOT_FORWARDED = new Set([
  "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings", "te",
  "content-length", "content-type", "accept", "accept-encoding", "x-grpc-web", "x-user-agent", "origin", "referer",
  MICRO_NAMESPACE,
]);
/** Upstream response headers that must not be copied into the HTTP/1 response. */
const NOT_RETURNED = new Set([CONTENT_TYPE, "content-length", GRPC_STATUS, GRPC_MESSAGE, "grpc-encoding", "grpc-accept-encoding", "date"]);

export interface WebCall {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** The request's frames, already decoded from base64 when text. */
  body: Buffer;
  text: boolean;
  path: string;
  namespace: string;
  /** Sent as the call's Authorization instead of the caller's (the front door's call token, auth/call-tokens.ts). */
  credential?: string;
  /** The service verifies tokens itself (not Micro 3.0's framework: resolver.ts); if not, an anonymous call goes with no token. */
  verifiesTokens?: boolean;
}

/** Answers with a status only (no messages): headers and a trailer frame both carry it. */
export function respondWithStatus(res: http.ServerResponse, text: boolean, err: MicroError): void {
  if (res.headersSent) return void res.destroy();
  const trailers = { [GRPC_STATUS]: String(grpcCodeFor(err.code)), [GRPC_MESSAGE]: percentEncodeGrpcMessage(JSON.stringify(err.toJSON())) };
  const frame = encodeTrailerFrame(trailers);
  const body = text ? Buffer.from(frame.toString("base64")) : frame;
  res.writeHead(200, { ...trailers, [CONTENT_TYPE]: grpcWebContentType(text), "content-length": body.length });
  res.end(body);
}

export async function forwardWebCall(pool: SessionPool, call: WebCall, addresses: string[]): Promise<void> {
  const session = await pool.connectFirst(addresses);
  if (!session) throw new MicroError("micro.proxy", 503, `no reachable instance for ${call.path}`);
  const { req, res, text } = call;
  if (res.destroyed) return;

  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !NOT_FORWARDED.has(k)) metadata[k] = Array.isArray(v) ? v.join(", ") : v;
  metadata[MICRO_NAMESPACE] = call.namespace;
  if (call.credential && call.verifiesTokens) metadata[AUTHORIZATION] = `Bearer ${call.credential}`;
  else if (call.credential) delete metadata[AUTHORIZATION]; // anonymous: the caller's header proved nothing
  metadata[MICRO_PEER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
  const headers = grpcRequestHeaders(call.path, metadata);
  const upstream = session.request(headers, H2_REQUEST_OPTIONS);
  const encoder = text ? new Base64Encoder() : undefined;
  const write = (chunk: Buffer) => (encoder ? res.write(encoder.push(chunk)) : res.write(chunk));
  let status: http2.IncomingHttpHeaders = {};

  upstream.on("response", (h) => {
    const metadata: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(h)) if (!k.startsWith(":") && v !== undefined && !NOT_RETURNED.has(k)) metadata[k] = v;
    if (h[GRPC_STATUS] !== undefined) status = h;
    metadata[CONTENT_TYPE] = grpcWebContentType(text);
    res.writeHead(200, metadata);
  });
  upstream.on("data", (chunk: Buffer) => {
    if (!write(chunk)) {
      upstream.pause();
      res.once("drain", () => upstream.resume());
    }
  });
  upstream.on("trailers", (t) => { status = t; });
  upstream.on("error", () => undefined); // settled on "close"
  upstream.on("close", () => {
    if (res.destroyed) return;
    if (!res.headersSent) {
      return respondWithStatus(res, text, new MicroError("micro.proxy", 502, `upstream closed the call without answering`));
    }
    const trailers: Record<string, string> = {};
    for (const [k, v] of Object.entries(status)) if (!k.startsWith(":") && typeof v === "string") trailers[k] = v;
    if (trailers[GRPC_STATUS] === undefined) Object.assign(trailers, { [GRPC_STATUS]: String(GrpcCode.UNAVAILABLE), [GRPC_MESSAGE]: "upstream closed without status" });
    write(encodeTrailerFrame(trailers));
    res.end(encoder ? encoder.end() : undefined);
  });
  res.on("close", () => { if (!upstream.closed) upstream.close(NGHTTP2_CANCEL); });
  upstream.end(call.body);
}
