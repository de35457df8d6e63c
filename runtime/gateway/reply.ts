// Writing answers: JSON, protobuf bytes, 204, and Micro's error envelope {id, code, detail, status} with the
// HTTP status equal to the code. Errors that are not Micro errors become the 500 of spec §4.
import type * as http from "node:http";
import type { Duplex } from "node:stream";
import { HTTP_STATUS_TEXT, MicroError } from "../wire/index.js";

/** Any thrown value as the envelope to send. */
export function toMicroError(err: unknown): MicroError {
  if (err instanceof MicroError) {
    return err.code >= 400 && err.code <= 599 ? err : new MicroError(err.id, 500, err.detail);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new MicroError("go.micro.api", 500, `error during request: ${message}`);
}

export function sendJson(res: http.ServerResponse, status: number, json: string, extra: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  const headers: http.OutgoingHttpHeaders = Object.assign({}, extra); // not `{ ...extra, more }`: V8's slow path
  headers["content-type"] = "application/json";
  headers["content-length"] = Buffer.byteLength(json);
  res.writeHead(status, headers);
  res.end(json);
}

export function sendBytes(res: http.ServerResponse, contentType: string, bytes: Uint8Array): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, { "content-type": contentType, "content-length": bytes.length });
  res.end(bytes);
}

export function sendEmpty(res: http.ServerResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(204);
  res.end();
}

/** The error answer; `close` asks the client to drop the connection (e.g. after an unread oversize body). */
export function sendError(res: http.ServerResponse, err: unknown, close = false): MicroError {
  const e = toMicroError(err);
  if (res.headersSent) {
    res.destroy();
    return e;
  }
  sendJson(res, e.code, JSON.stringify(e.toJSON()), close ? { connection: "close" } : {});
  return e;
}

/** An error written straight to a socket (before any ServerResponse exists: parse errors, refused upgrades). */
export function writeRawError(socket: Duplex, err: MicroError, extraHeaders: Record<string, string> = {}): void {
  if (socket.destroyed || !socket.writable) return void socket.destroy();
  const body = JSON.stringify(err.toJSON());
  const head = [
    `HTTP/1.1 ${err.code} ${HTTP_STATUS_TEXT[err.code] ?? "Error"}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    ...Object.entries(extraHeaders).map(([k, v]) => `${k}: ${v}`),
  ].join("\r\n");
  socket.end(`${head}\r\n\r\n${body}`);
}
