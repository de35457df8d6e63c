// The wire layer: what every hop of a gRPC call agrees on — status codes and Micro's error envelope, message
// framing, metadata names — in one dependency-free module (node:buffer only), so that the CLI's startup
// snapshot, the gateway, the proxy and the services' rpc layer all share it without loading a gRPC library.
export { GrpcCode, HTTP_STATUS_TEXT, grpcCodeFor, microCodeFor, percentEncodeGrpcMessage, decodeGrpcMessage } from "./status.js";
export { MicroError, errorFromStatus, type MicroErrorJson } from "./envelope.js";
export { COMPRESSED_FLAG, TRAILER_FLAG, FrameDecoder, FrameError, encodeFrame, encodeTrailerFrame, decodeTrailerFrame, type Frame } from "./framing.js";
export {
  MICRO_NAMESPACE, MICRO_SERVICE, MICRO_PEER, AUTHORIZATION, REQUEST_ID, CONTENT_TYPE, GRPC_STATUS, GRPC_MESSAGE,
  GRPC_TIMEOUT, GRPC_CONTENT_TYPE, GRPC_JSON_CONTENT_TYPE, grpcWebContentType, encodeGrpcTimeout, grpcRequestHeaders,
  H2_REQUEST_OPTIONS,
} from "./metadata.js";
