// A plain HTTP call: body → protobuf request → one gRPC call → JSON (or protobuf bytes) answer, 204 when empty.
// Server-streaming endpoints asked for text/event-stream go to SSE; other streaming needs a WebSocket.
import type * as http from "node:http";
import { MicroError } from "../rpc/errors.js";
import { isProtoType, mediaType, parseBody, readBody } from "./body.js";
import { encodeRequest, parseFields, requestJson, responseJson } from "./codec.js";
import type { Settings } from "./options.js";
import type { Call } from "./prepare.js";
import { sendBytes, sendEmpty, sendJson } from "./reply.js";
import { serveSse, wantsEventStream } from "./sse.js";
import type { Upstream } from "./upstream.js";

export async function serveHttpCall(req: http.IncomingMessage, res: http.ServerResponse, call: Call, rawQuery: string,
  settings: Settings, upstream: Upstream): Promise<void> {
  const { target, route } = call;
  if (target.kind !== "unary") {
    if (target.kind === "server_streaming" && wantsEventStream(req)) return serveSse(req, res, call, rawQuery, settings, upstream);
    throw new MicroError("micro.api", 400, `${target.endpoint} is a streaming endpoint: connect with a WebSocket` +
      (target.kind === "server_streaming" ? ", or send Accept: text/event-stream" : ""));
  }
  const body = await parseBody(await readBody(req, settings.maxBodyBytes), req.headers["content-type"]);
  const bytes = body.kind === "proto" ? body.bytes : encodeRequest(target, requestJson(target, route, parseFields(rawQuery), body));
  const reply = await upstream.unary({
    addresses: target.addresses, path: target.path, metadata: call.metadata, timeoutMs: settings.timeoutMs,
    service: target.service, json: !target.method,
  }, bytes);
  const acceptsProto = isProtoType(req.headers.accept);
  if (body.kind === "proto" || (acceptsProto && !route.responseBody)) {
    return sendBytes(res, mediaType(acceptsProto ? req.headers.accept : req.headers["content-type"]), reply);
  }
  const json = responseJson(target, reply, route.responseBody);
  if (json === undefined) return sendEmpty(res);
  sendJson(res, 200, json);
}
