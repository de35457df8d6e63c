// A gRPC status from an instance → Micro's error. Services built on this framework (and Go Micro) put the
// JSON envelope in grpc-message; other servers send text, mapped by code. Deadlines are the gateway's 504.
import { status as GrpcStatus } from "@grpc/grpc-js";
import { MicroError, microCodeFor } from "../rpc/errors.js";

export function statusError(status: string, encodedMessage: string, service: string): MicroError {
  let message = encodedMessage;
  try {
    message = decodeURIComponent(encodedMessage);
  } catch {
    // not percent-encoded after all: keep it as sent
  }
  const parsed = MicroError.parse(message);
  if (parsed) return parsed;
  const code = Number(status);
  if (code === GrpcStatus.DEADLINE_EXCEEDED) return new MicroError(service, 504, message || "deadline exceeded");
  if (code === GrpcStatus.UNAVAILABLE) return new MicroError(service, 503, message || "service unavailable");
  return new MicroError(service, Number.isInteger(code) ? microCodeFor(code) : 502, message || `gRPC status ${status}`);
}
