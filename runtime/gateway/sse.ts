// Server-streaming endpoints over Server-Sent Events: the request comes from the query (and body), each
// response message is one `data:` event of canonical JSON, a failure is an `error` event carrying Micro's
// envelope, and the end of the stream an `end` event. A client that goes away cancels the call.
import type * as http from "node:http";
import { parseBody, readBody } from "./body.js";
import { encodeRequest, parseFields, requestJson, responseJson } from "./codec.js";
import type { Settings } from "./options.js";
import type { Call } from "./prepare.js";
import { toMicroError } from "./reply.js";
import type { Upstream } from "./upstream.js";

export function wantsEventStream(req: http.IncomingMessage): boolean {
  return (req.headers.accept ?? "").toLowerCase().includes("text/event-stream");
}

export async function serveSse(req: http.IncomingMessage, res: http.ServerResponse, call: Call, rawQuery: string,
  settings: Settings, upstream: Upstream): Promise<void> {
  const { target, route } = call;
  const body = await parseBody(await readBody(req, settings.maxBodyBytes), req.headers["content-type"]);
  const bytes = body.kind === "proto" ? body.bytes : encodeRequest(target, requestJson(target, route, parseFields(rawQuery), body));
  const stream = await upstream.open({
    addresses: target.addresses, path: target.path, metadata: call.metadata, timeoutMs: 0, service: target.service, json: !target.method,
  });
  res.on("close", () => stream.cancel());
  stream.send(bytes);
  stream.end();
  // Headers wait for the first message, so a call that fails at once is a plain HTTP error with its status.
  const messages = stream.messages();
  const first = await messages.next();
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" });
  try {
    for (let next = first; !next.done; next = await messages.next()) {
      const json = responseJson(target, next.value, route.responseBody) ?? "{}";
      if (!res.write(`data: ${json}\n\n`)) await drained(res);
      if (res.destroyed) return;
    }
    res.end("event: end\ndata: {}\n\n");
  } catch (err) {
    if (!res.destroyed) res.end(`event: error\ndata: ${JSON.stringify(toMicroError(err).toJSON())}\n\n`);
  }
}

/** Resolves when the client can take more, or has gone. */
export function drained(out: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { out.off("drain", done); out.off("close", done); resolve(); };
    out.on("drain", done);
    out.on("close", done);
  });
}
