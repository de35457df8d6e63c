// Answers a gRPC call from the proxy itself (no upstream): a trailers-only response carrying Micro's envelope.
import type * as http2 from "node:http2";
import { CONTENT_TYPE, GRPC_CONTENT_TYPE, GRPC_MESSAGE, GRPC_STATUS, type MicroError, grpcCodeFor, percentEncodeGrpcMessage } from "../wire/index.js";

export function respondWithError(stream: http2.ServerHttp2Stream, err: MicroError): void {
  if (stream.destroyed || stream.closed) return;
  const headers = {
    ":status": 200,
    [CONTENT_TYPE]: GRPC_CONTENT_TYPE,
    [GRPC_STATUS]: String(grpcCodeFor(err.code)),
    [GRPC_MESSAGE]: percentEncodeGrpcMessage(JSON.stringify(err.toJSON())),
  };
  if (stream.headersSent) {
    stream.close();
    return;
  }
  stream.respond(headers, { endStream: true });
}
