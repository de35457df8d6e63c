// Micro's universal error envelope {id, code, detail, status}: what every failed call carries, as the JSON body
// of an HTTP answer or as the grpc-message of a gRPC status. One error class with a closed set of codes (as
// connect-es does); conversion to wire formats happens only at the edges (status.ts has the code tables).
import { GrpcCode, HTTP_STATUS_TEXT, decodeGrpcMessage, microCodeFor } from "./status.js";

const CODE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(GrpcCode).map(([name, code]) => [code, name]));

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

export function isMicroErrorJson(v: unknown): v is MicroErrorJson {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.code === "number" && typeof o.detail === "string" && typeof o.id === "string";
}

/**
 * A non-OK gRPC status received by a client → Micro's error. Services built on this framework (and Go Micro)
 * put the envelope in grpc-message; other servers send text, mapped by code. `overrides` lets an edge say what a
 * code means there (the gateway answers a deadline with 504, its own timeout, not the caller's 408).
 */
export function errorFromStatus(status: number, encodedMessage: string, id: string, overrides: Partial<Record<number, number>> = {}): MicroError {
  const message = decodeGrpcMessage(encodedMessage);
  const parsed = MicroError.parse(message);
  if (parsed) return parsed;
  const code = Number.isInteger(status) ? overrides[status] ?? microCodeFor(status) : 502;
  return new MicroError(id, code, message || `gRPC status ${status}${CODE_NAMES[status] ? ` (${CODE_NAMES[status]})` : ""}`);
}
