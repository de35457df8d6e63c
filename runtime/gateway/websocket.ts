// Streaming endpoints over WebSocket (any kind). Client → server: each text frame is one JSON request, each
// binary frame one protobuf request, an empty frame ends the request side (half-close). For server-streaming
// the upgrade's query string, when present, is the request. Server → client: one frame per response message
// (JSON text, or binary when the client writes binary), then close 1000; a failure sends Micro's error JSON
// and closes with 4000 + code (e.g. 4404).
import type * as http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { MicroError } from "../rpc/errors.js";
import { encodeRequest, isPlainObject, parseFields, requestJson, responseJson } from "./codec.js";
import type { Settings } from "./options.js";
import type { Call } from "./prepare.js";
import { toMicroError, writeRawError } from "./reply.js";
import type { Upstream, UpstreamStream } from "./upstream.js";

/** How to log the upgrades ws refuses (the callback of upgradeToCall is never called for them). */
const refusals = new WeakMap<http.IncomingMessage, (code: number) => void>();

export function createWebSocketServer(settings: Settings): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxBodyBytes, perMessageDeflate: false });
  // ws answers a bad handshake (no key, wrong version, not GET) with a text page of its own; with this listener
  // it leaves the answer to us, and the client gets the error envelope like for any other refusal.
  wss.on("wsClientError", (err: Error, socket: Duplex, req: http.IncomingMessage) => {
    const code = req.method === "GET" ? 400 : 405;
    const headers: Record<string, string> = /version/i.test(err.message) ? { "sec-websocket-version": "13, 8" } : {};
    writeRawError(socket, new MicroError("micro.api", code, `WebSocket handshake refused: ${err.message}`), headers);
    refusals.get(req)?.(code);
  });
  return wss;
}

export function upgradeToCall(wss: WebSocketServer, req: http.IncomingMessage, socket: Duplex, head: Buffer,
  call: Call, rawQuery: string, upstream: Upstream, onDone: (code: number) => void): void {
  if (call.target.kind === "unary") throw new MicroError("micro.api", 400, `${call.target.endpoint} is not a streaming endpoint`);
  refusals.set(req, onDone);
  wss.handleUpgrade(req, socket, head, (ws) => {
    pump(ws, call, rawQuery, upstream).then(onDone, (err) => onDone(toMicroError(err).code));
  });
}

async function pump(ws: WebSocket, call: Call, rawQuery: string, upstream: Upstream): Promise<number> {
  const { target, route } = call;
  let binary = false;
  let stream: UpstreamStream | undefined;
  let failed: number | undefined;
  // Frames may arrive before the upstream call is open: hold them until it is.
  const early: Array<[Buffer, boolean]> = [];
  const onFrame = (bytes: Buffer, isBinary: boolean) => {
    if (!stream) return void early.push([bytes, isBinary]);
    try {
      if (bytes.length === 0) return stream.end();
      binary = isBinary;
      stream.send(isBinary ? bytes : encodeRequest(target, parseMessage(bytes)));
      // A server-streaming call takes exactly one request: half-close after it.
      if (target.kind === "server_streaming") stream.end();
    } catch (err) {
      stream.cancel();
      failed = fail(ws, err);
    }
  };
  ws.on("message", (data: RawData, isBinary: boolean) => onFrame(toBuffer(data), isBinary));
  ws.on("close", () => stream?.cancel());
  ws.on("error", () => stream?.cancel());

  try {
    stream = await upstream.open({
      addresses: target.addresses, path: target.path, metadata: call.metadata, timeoutMs: 0, service: target.service, json: !target.method,
    });
    if (ws.readyState !== ws.OPEN) {
      stream.cancel();
      return 499;
    }
    if (target.kind === "server_streaming" && rawQuery !== "") {
      stream.send(encodeRequest(target, requestJson(target, route, parseFields(rawQuery), { kind: "none" })));
      stream.end();
    }
    for (const [bytes, isBinary] of early.splice(0)) onFrame(bytes, isBinary);
    for await (const message of stream.messages()) {
      if (ws.readyState !== ws.OPEN) break;
      if (binary) ws.send(message, { binary: true });
      else ws.send(responseJson(target, message, route.responseBody) ?? "{}");
    }
    if (ws.readyState === ws.OPEN) ws.close(1000, "end of stream");
    return failed ?? 200;
  } catch (err) {
    stream?.cancel();
    return failed ?? fail(ws, err);
  }
}

function parseMessage(bytes: Buffer): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new MicroError("micro.api", 400, `invalid JSON message: ${(err as Error).message}`);
  }
  if (!isPlainObject(json)) throw new MicroError("micro.api", 400, "each message must be a JSON object");
  return json;
}

function fail(ws: WebSocket, err: unknown): number {
  const e = toMicroError(err);
  if (ws.readyState === ws.OPEN) {
    ws.send(JSON.stringify(e.toJSON()));
    ws.close(4000 + e.code, e.status.slice(0, 100));
  }
  return e.code;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
