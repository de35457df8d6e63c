// Micro's error envelope for service code: the MicroError class and its status codes live in the wire layer
// (runtime/wire, shared with the gateway, proxy and CLI); here are the constructors handlers throw and the
// translation of a grpc-js client failure.
import { MicroError, microCodeFor } from "../wire/index.js";

export { MicroError, type MicroErrorJson } from "../wire/index.js";
export { HTTP_STATUS_TEXT, grpcCodeFor, microCodeFor, percentEncodeGrpcMessage } from "../wire/index.js";

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

/** Turns a grpc-js ServiceError (or anything) received by a client into a MicroError (grpc-js has already
 * decoded grpc-message into `details`). */
export function fromGrpcError(err: unknown, id: string): MicroError {
  if (err instanceof MicroError) return err;
  const e = err as { code?: number; details?: string; message?: string };
  if (typeof e?.code === "number") {
    const parsed = MicroError.parse(e.details ?? "");
    if (parsed) return parsed;
    return new MicroError(id, microCodeFor(e.code), e.details || e.message || "unknown error");
  }
  return MicroError.from(err, id);
}
