// MCP over the gateway's other threads. An MCP session (runtime/mcp/http.ts) lives in the process that opened it —
// its transport, its watch of the registry, its notifications — while a client's next request may arrive on a
// connection another thread accepted. So the main thread keeps every session, and a gateway thread relays `/mcp`
// requests to it, streamed both ways (SSE answers included), over loopback HTTP to a listener that serves MCP only
// and only to the threads: each request carries the server's relay secret, which the listener strips.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import * as http from "node:http";
import { sendError } from "../gateway/reply.js";
import { MicroError } from "../rpc/errors.js";

const SECRET_HEADER = "x-micro-mcp-relay";
/** Hop-by-hop headers of the relayed answer: the thread's own connection has its own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

export interface RelayTarget { port: number; secret: string }

/** The main thread's side: a loopback listener that hands relayed requests to `serve` (the gateway's own MCP). */
export async function listenForRelays(serve: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<{ target: RelayTarget; close(): void }> {
  const secret = randomBytes(24).toString("base64url");
  const server = http.createServer((req, res) => {
    if (req.headers[SECRET_HEADER] !== secret) return void sendError(res, new MicroError("micro.api", 403, "not a relayed MCP request"));
    delete req.headers[SECRET_HEADER];
    serve(req, res).catch((err) => sendError(res, err));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { target: { port, secret }, close: () => { server.close(); server.closeAllConnections(); } };
}

const agent = new http.Agent({ keepAlive: true });

/** A gateway thread's side: relays one `/mcp` request to the main thread and streams its answer back. */
export function relayMcp(target: RelayTarget, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let ended = false;
    const relayed = http.request({
      host: "127.0.0.1", port: target.port, method: req.method, path: req.url, agent,
      headers: { ...req.headers, [SECRET_HEADER]: target.secret },
    }, (answer) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.once("end", () => { ended = true; resolve(); });
      answer.pipe(res);
      answer.once("error", () => { res.destroy(); resolve(); });
    });
    relayed.once("error", (err) => (res.headersSent ? (res.destroy(), resolve()) : reject(new MicroError("micro.api", 502, `MCP relay: ${err.message}`))));
    // the client went away (an SSE stream it closed): so does the relayed request
    res.once("close", () => { if (!ended) relayed.destroy(); });
    req.pipe(relayed);
  });
}
