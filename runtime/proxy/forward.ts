// Forwards one gRPC call, HTTP/2 stream to HTTP/2 stream, without decoding messages: bodies are piped,
// headers and trailers copied, so every streaming kind, deadline (grpc-timeout) and metadata pass through.
import * as http2 from "node:http2";
import { GRPC_MESSAGE, GRPC_STATUS, GrpcCode, H2_REQUEST_OPTIONS, MicroError } from "../wire/index.js";
import type { SessionPool } from "./h2-pool.js";
import { respondWithError } from "./grpc-status.js";

const { NGHTTP2_CANCEL } = http2.constants;

/** Request headers that must not be copied upstream (pseudo headers are set by node itself); `extra` overrides,
 * and an extra header set to undefined is removed. */
export function upstreamHeaders(headers: http2.IncomingHttpHeaders, extra: Record<string, string | undefined>): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!k.startsWith(":") && v !== undefined) out[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  out[":method"] = "POST";
  out[":path"] = headers[":path"];
  return out;
}

function withoutPseudo(headers: http2.IncomingHttpHeaders): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!k.startsWith(":") && v !== undefined) out[k] = v;
  return out;
}

/**
 * Connects to the first address that accepts a connection (a refused instance is skipped), then forwards.
 * Nothing is sent upstream before a session is up, so a call is never executed twice.
 */
export async function forward(pool: SessionPool, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders,
  addresses: string[], extraHeaders: Record<string, string | undefined>): Promise<void> {
  const session = await pool.connectFirst(addresses);
  if (!session) throw new MicroError("micro.proxy", 503, `no reachable instance for ${headers[":path"]}`);
  if (stream.destroyed) return;

  const upstream = session.request(upstreamHeaders(headers, extraHeaders), H2_REQUEST_OPTIONS);
  let trailers: http2.OutgoingHttpHeaders | undefined;
  upstream.on("response", (h, flags) => {
    if (stream.destroyed) return upstream.close(NGHTTP2_CANCEL);
    const trailersOnly = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0 || h[GRPC_STATUS] !== undefined;
    const headers = withoutPseudo(h);
    headers[":status"] = 200;
    if (trailersOnly) return stream.respond(headers, { endStream: true });
    stream.respond(headers, { waitForTrailers: true });
    upstream.pipe(stream);
  });
  upstream.on("trailers", (t) => { trailers = withoutPseudo(t); });
  stream.on("wantTrailers", () => stream.sendTrailers(trailers ?? { [GRPC_STATUS]: String(GrpcCode.INTERNAL), [GRPC_MESSAGE]: "upstream closed without status" }));
  upstream.on("error", (err) => {
    if (!stream.headersSent && !stream.destroyed) {
      respondWithError(stream, new MicroError("micro.proxy", 502, `upstream failed: ${err.message}`));
    } else if (!stream.destroyed) stream.close(NGHTTP2_CANCEL);
  });
  stream.on("close", () => { if (!upstream.closed) upstream.close(NGHTTP2_CANCEL); });
  stream.pipe(upstream);
}
