// Answers a gRPC call from the proxy itself (no upstream): a trailers-only response carrying Micro's envelope.
import type * as http2 from "node:http2";
import { MicroError, grpcCodeFor, percentEncodeGrpcMessage } from "../rpc/errors.js";

export function respondWithError(stream: http2.ServerHttp2Stream, err: MicroError): void {
  if (stream.destroyed || stream.closed) return;
  const headers = {
    ":status": 200,
    "content-type": "application/grpc",
    "grpc-status": String(grpcCodeFor(err.code)),
    "grpc-message": percentEncodeGrpcMessage(JSON.stringify(err.toJSON())),
  };
  if (stream.headersSent) {
    stream.close();
    return;
  }
  stream.respond(headers, { endStream: true });
}
