// The web interface (:8082, MICRO_WEB_PORT): a browser app (web/, bundled into dist/web by scripts/build-web.mjs)
// and, on the same origin, everything it calls — so the page needs no CORS and its cookie-held token is
// accepted by the gateway's same-origin rule (docs/csrf.md):
//   /api/…      the API gateway's own handler (the path less /api): calls, /openapi.json, the endpoint listing
//               the forms are built from (/.well-known/micro/endpoints); WebSocket upgrades too (streams), their
//               namespace named by the subprotocol micro-namespace.<ns>
//   /session…   sign in, who is signed in, refresh, sign out (session.ts)
//   /assets/…   the bundle's hashed files; any other GET is the app's page (it routes in the browser)
import * as http from "node:http";
import type { Duplex } from "node:stream";
import { MicroError } from "../rpc/errors.js";
import { sendError, writeRawError } from "../gateway/reply.js";
import { Assets, SECURITY_HEADERS } from "./assets.js";
import { serveSession, type SessionAuth } from "./session.js";

export const API_PREFIX = "/api";
export const NAMESPACE_PROTOCOL = "micro-namespace.";

export interface WebServerOptions {
  /** The API gateway (createGateway): its request and upgrade handlers serve /api. */
  gateway: http.Server;
  auth: SessionAuth;
  /** Where the bundle is (default dist/web). */
  dir?: string;
}

export function createWebServer(options: WebServerOptions): http.Server {
  const assets = new Assets(options.dir);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const api = apiPath(url);
    if (api !== undefined) {
      req.url = api;
      return void options.gateway.emit("request", req, res);
    }
    if (await serveSession(options.auth, req, res, path)) return;
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") throw new MicroError("micro.web", 405, `${method} ${path.slice(0, 200)}: the web interface's pages take GET`);
    if (path.startsWith("/assets/")) {
      if (await assets.asset(path, req, res, method === "HEAD")) return;
      throw new MicroError("micro.web", 404, `no such asset: ${path.slice(0, 200)}`);
    }
    await assets.page(res, method === "HEAD");
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!res.headersSent) res.setHeader(k, v!);
      sendError(res, err);
    });
  });
  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const api = apiPath(req.url ?? "/");
    if (api === undefined) {
      socket.on("error", () => undefined);
      return writeRawError(socket, new MicroError("micro.web", 404, "WebSockets are served under /api"));
    }
    req.url = api;
    namespaceFromProtocol(req);
    options.gateway.emit("upgrade", req, socket, head);
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  return server;
}

/** A page's WebSocket cannot set headers: it names its namespace as the subprotocol `micro-namespace.<ns>`
 * (web/stream.ts), which becomes the Micro-Namespace header the gateway reads (validated there like any other).
 * The gateway's WebSocket server answers with that subprotocol (the first offered), as the browser requires. */
function namespaceFromProtocol(req: http.IncomingMessage): void {
  const offered = String(req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
  const ns = offered.find((p) => p.startsWith(NAMESPACE_PROTOCOL))?.slice(NAMESPACE_PROTOCOL.length);
  if (ns && req.headers["micro-namespace"] === undefined) req.headers["micro-namespace"] = ns;
}

/** The gateway's URL for a URL under /api ("/api/x?y" → "/x?y", "/api" → "/"); undefined for any other. */
function apiPath(url: string): string | undefined {
  if (url === API_PREFIX || url.startsWith(API_PREFIX + "?")) return "/" + url.slice(API_PREFIX.length);
  return url.startsWith(API_PREFIX + "/") ? url.slice(API_PREFIX.length) : undefined;
}
