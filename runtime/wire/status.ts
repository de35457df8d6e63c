// gRPC status codes and their mapping to Micro's HTTP-style codes, in one place for every side of the wire (the
// services' rpc layer, the gateway, the proxy, the CLI). A plain table: the gRPC spec fixes the numbers, so
// nothing here needs grpc-js (which would cost the CLI's startup and the gateway a heavy import for an enum).

/** gRPC status codes (grpc/doc/statuscodes.md), named as grpc-js names them. */
export const GrpcCode = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
} as const;
export type GrpcCode = (typeof GrpcCode)[keyof typeof GrpcCode];

/** Reason phrases of the HTTP statuses Micro errors use (the envelope's `status`). */
export const HTTP_STATUS_TEXT: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  408: "Request Timeout", 409: "Conflict", 412: "Precondition Failed", 413: "Payload Too Large", 415: "Unsupported Media Type",
  429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
  503: "Service Unavailable", 504: "Gateway Timeout",
};

const MICRO_TO_GRPC: Record<number, GrpcCode> = {
  400: GrpcCode.INVALID_ARGUMENT, 401: GrpcCode.UNAUTHENTICATED, 403: GrpcCode.PERMISSION_DENIED,
  404: GrpcCode.NOT_FOUND, 408: GrpcCode.DEADLINE_EXCEEDED, 409: GrpcCode.ALREADY_EXISTS,
  412: GrpcCode.FAILED_PRECONDITION, 413: GrpcCode.RESOURCE_EXHAUSTED, 429: GrpcCode.RESOURCE_EXHAUSTED,
  500: GrpcCode.INTERNAL, 501: GrpcCode.UNIMPLEMENTED, 503: GrpcCode.UNAVAILABLE, 504: GrpcCode.DEADLINE_EXCEEDED,
};

const GRPC_TO_MICRO: Partial<Record<number, number>> = {
  [GrpcCode.CANCELLED]: 408, [GrpcCode.UNKNOWN]: 500, [GrpcCode.INVALID_ARGUMENT]: 400,
  [GrpcCode.DEADLINE_EXCEEDED]: 408, [GrpcCode.NOT_FOUND]: 404, [GrpcCode.ALREADY_EXISTS]: 409,
  [GrpcCode.PERMISSION_DENIED]: 403, [GrpcCode.RESOURCE_EXHAUSTED]: 429, [GrpcCode.FAILED_PRECONDITION]: 412,
  [GrpcCode.ABORTED]: 409, [GrpcCode.OUT_OF_RANGE]: 400, [GrpcCode.UNIMPLEMENTED]: 501, [GrpcCode.INTERNAL]: 500,
  [GrpcCode.UNAVAILABLE]: 503, [GrpcCode.DATA_LOSS]: 500, [GrpcCode.UNAUTHENTICATED]: 401,
};

/** The gRPC status a Micro error code travels as (UNKNOWN for codes gRPC has no word for). */
export function grpcCodeFor(microCode: number): GrpcCode {
  return MICRO_TO_GRPC[microCode] ?? GrpcCode.UNKNOWN;
}

/** The Micro code a gRPC status stands for, when the message carries no envelope (500 for the rest). */
export function microCodeFor(grpcCode: number): number {
  return GRPC_TO_MICRO[grpcCode] ?? 500;
}

/** grpc-message encoding (gRPC spec): printable ASCII except '%' stays, everything else is %XX of its UTF-8. */
export function percentEncodeGrpcMessage(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** grpc-message as sent → text; a message that is not valid percent-encoding is kept as sent (servers differ). */
export function decodeGrpcMessage(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
