// Micro's universal error envelope {id, code, detail, status} and its mapping to gRPC status codes.
// One error class with a closed set of codes (as connect-es does); conversion to wire formats only at the edges.
import { status as GrpcStatus } from "@grpc/grpc-js";

export const HTTP_STATUS_TEXT: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  408: "Request Timeout", 409: "Conflict", 412: "Precondition Failed", 413: "Payload Too Large",
  429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
  503: "Service Unavailable", 504: "Gateway Timeout",
};

export interface MicroErrorJson { id: string; code: number; detail: string; status: string }

export class MicroError extends Error {
  readonly id: string;
  readonly code: number;
  readonly detail: string;
  readonly status: string;

  constructor(id: string, code: number, detail: string, status?: string) {
    super(detail);
    this.name = "MicroError";
    this.id = id;
    this.code = code;
    this.detail = detail;
    this.status = status ?? HTTP_STATUS_TEXT[code] ?? "";
  }

  toJSON(): MicroErrorJson {
    return { id: this.id, code: this.code, detail: this.detail, status: this.status };
  }

  /** Anything thrown becomes a MicroError; unknown errors are 500s that keep their message. */
  static from(err: unknown, id = "micro"): MicroError {
    if (err instanceof MicroError) return err;
    if (isMicroErrorJson(err)) return new MicroError(err.id, err.code, err.detail, err.status);
    const message = err instanceof Error ? err.message : String(err);
    return new MicroError(id, 500, message);
  }

  /** Parses the JSON envelope if `text` is one (Micro puts it in grpc-message), else undefined. */
  static parse(text: string): MicroError | undefined {
    if (!text.startsWith("{")) return undefined;
    try {
      const v: unknown = JSON.parse(text);
      return isMicroErrorJson(v) ? new MicroError(v.id, v.code, v.detail, v.status) : undefined;
    } catch {
      return undefined;
    }
  }
}

function isMicroErrorJson(v: unknown): v is MicroErrorJson {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.code === "number" && typeof o.detail === "string" && typeof o.id === "string";
}

const make = (code: number) => (id: string, detail: string) => new MicroError(id, code, detail);
export const BadRequest = make(400);
export const Unauthorized = make(401);
export const Forbidden = make(403);
export const NotFound = make(404);
export const MethodNotAllowed = make(405);
export const Timeout = make(408);
export const Conflict = make(409);
export const InternalServerError = make(500);
export const NotImplemented = make(501);
export const BadGateway = make(502);
export const ServiceUnavailable = make(503);
export const GatewayTimeout = make(504);

const MICRO_TO_GRPC: Record<number, GrpcStatus> = {
  400: GrpcStatus.INVALID_ARGUMENT, 401: GrpcStatus.UNAUTHENTICATED, 403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND, 408: GrpcStatus.DEADLINE_EXCEEDED, 409: GrpcStatus.ALREADY_EXISTS,
  412: GrpcStatus.FAILED_PRECONDITION, 413: GrpcStatus.RESOURCE_EXHAUSTED, 429: GrpcStatus.RESOURCE_EXHAUSTED,
  500: GrpcStatus.INTERNAL, 501: GrpcStatus.UNIMPLEMENTED, 503: GrpcStatus.UNAVAILABLE, 504: GrpcStatus.DEADLINE_EXCEEDED,
};

const GRPC_TO_MICRO: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400, [GrpcStatus.UNAUTHENTICATED]: 401, [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.NOT_FOUND]: 404, [GrpcStatus.DEADLINE_EXCEEDED]: 408, [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.FAILED_PRECONDITION]: 412, [GrpcStatus.RESOURCE_EXHAUSTED]: 429, [GrpcStatus.INTERNAL]: 500,
  [GrpcStatus.UNIMPLEMENTED]: 501, [GrpcStatus.UNAVAILABLE]: 503, [GrpcStatus.CANCELLED]: 408,
  [GrpcStatus.UNKNOWN]: 500, [GrpcStatus.DATA_LOSS]: 500, [GrpcStatus.ABORTED]: 409, [GrpcStatus.OUT_OF_RANGE]: 400,
};

export function grpcCodeFor(microCode: number): GrpcStatus {
  return MICRO_TO_GRPC[microCode] ?? GrpcStatus.UNKNOWN;
}

export function microCodeFor(grpcCode: GrpcStatus): number {
  return GRPC_TO_MICRO[grpcCode] ?? 500;
}

/** Turns a grpc-js ServiceError (or anything) received by a client into a MicroError. */
export function fromGrpcError(err: unknown, id: string): MicroError {
  if (err instanceof MicroError) return err;
  const e = err as { code?: GrpcStatus; details?: string; message?: string };
  if (typeof e?.code === "number") {
    const parsed = MicroError.parse(e.details ?? "");
    if (parsed) return parsed;
    return new MicroError(id, microCodeFor(e.code), e.details || e.message || "unknown error");
  }
  return MicroError.from(err, id);
}

/** grpc-message encoding (gRPC spec): printable ASCII except '%' stays, everything else is %XX of its UTF-8. */
export function percentEncodeGrpcMessage(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
