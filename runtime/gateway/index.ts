// The HTTP API gateway (:8080): Micro 3.0's HTTP → gRPC bridge. A request is routed with the route tables of the
// namespace's services (generated from the descriptors they register: google.api.http bindings, then default
// paths; Micro's path rule for services without one), admitted by the authorize hook, converted to protobuf with the schema the
// service registered, and sent over HTTP/2 to an instance; the reply comes back as proto3 JSON. Streaming
// endpoints are served over SSE and WebSocket. Every answer, including to malformed requests, is JSON — except
// gRPC-Web calls (content-type application/grpc-web*), which the grpcWeb hook serves on this same port.
// Against CSRF (docs/csrf.md): a micro-token cookie counts only same-origin (same-origin.ts), bodies are read only
// as JSON, form or protobuf (body.ts), and builtins' endpoints that change state are never served on GET.
import * as http from "node:http";
import type { Duplex } from "node:stream";
import { performance } from "node:perf_hooks";
import { MicroError } from "../rpc/errors.js";
import { AccessLog, loggedPath } from "./access-log.js";
import { refuseUnsafeGet } from "./builtin-reads.js";
import { ServiceCatalog } from "./catalog.js";
import { answerPreflight, applyCors, isPreflight } from "./cors.js";
import { isGrpcWeb } from "../proxy/grpc-web.js";
import { anonymousHeaders, openApiDocument } from "./openapi.js";
import { publicUrl } from "./public-url.js";
import { settingsOf, type GatewayOptions } from "./options.js";
import { CallPreparer, requestIdOf } from "./prepare.js";
import { sendError, sendJson, toMicroError, writeRawError } from "./reply.js";
import { Router } from "./router.js";
import { ROUTES_PATH, routeListing } from "./route-listing.js";
import { ENDPOINTS_PATH, endpointListing } from "./endpoint-listing.js";
import { serveHttpCall } from "./unary.js";
import { Upstream } from "./upstream.js";
import { createWebSocketServer, upgradeToCall } from "./websocket.js";
import type { McpHttp } from "../mcp/http.js";
import { MCP_PATH } from "../mcp/path.js";

export type { GatewayOptions } from "./options.js";
export type { Authorize, AuthorizeRequest, NamespaceCandidates } from "./namespace.js";
export { resolveMicroPath, titleWord as titleCase } from "../../generators/rules/index.js";

/** The gateway's server; `serveMcp` serves a `/mcp` request with this gateway's MCP sessions (the main thread's,
 * for the requests a gateway thread relays: runtime/server/mcp-relay.ts). */
export type Gateway = http.Server & { serveMcp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> };

export function createGateway(options: GatewayOptions): Gateway {
  const settings = settingsOf(options);
  const catalog = new ServiceCatalog(options.registry, options.resolver);
  const router = new Router(options.registry);
  const preparer = new CallPreparer(settings, router, catalog);
  const upstream = new Upstream(options.pool);
  const wss = createWebSocketServer(settings);
  const log = new AccessLog(options.log ?? ((text) => process.stdout.write(text + "\n")));
  // MCP (Streamable HTTP) for AI agents: the namespace's endpoints as tools, admitted like every call here
  // loaded on the first /mcp request: MCP's SDK (with ajv, zod, hono) costs ~140 ms and ~28 MB at start otherwise
  let mcp: Promise<{ http: McpHttp; serve: typeof import("../mcp/http.js").serveMcp }> | undefined;
  const loadMcp = () => (mcp ??= import("../mcp/http.js").then(({ McpHttp, serveMcp }) => ({
    http: new McpHttp({ registry: options.registry, preparer, upstream, settings }, options.version), serve: serveMcp,
  })));
  const serveOwnMcp = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const { http: m, serve } = await loadMcp();
    return serve(m, req, res);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, state: { namespace: string }): Promise<void> {
    if (applyCors(req, res, settings.corsOrigins) === "refused" && isPreflight(req)) {
      throw new MicroError("micro.api", 403, "origin not allowed");
    }
    if (isPreflight(req)) return answerPreflight(req, res);
    if (options.grpcWeb && isGrpcWeb(req)) return options.grpcWeb(req, res);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? "" : url.slice(q + 1);
    const method = req.method ?? "GET";
    if (rawPath === "/" && (method === "GET" || method === "HEAD")) return sendJson(res, 200, JSON.stringify({ version: options.version }));
    if (rawPath === MCP_PATH) return (options.mcp ?? serveOwnMcp)(req, res);
    if ((rawPath === "/openapi.json" || rawPath === ROUTES_PATH || rawPath === ENDPOINTS_PATH) && (method === "GET" || method === "HEAD")) {
      // Listing a namespace's API is admitted like a call to its services, and lists only the endpoints this
      // caller may call: another tenant or an anonymous caller learns nothing of what the namespace keeps closed.
      const [service, endpoint] = rawPath === ROUTES_PATH ? ["routes", "Routes.Read"] : ["openapi", "Openapi.Read"];
      const admit = preparer.admitter(req);
      state.namespace = await admit(service, endpoint);
      const namespace = state.namespace;
      const callable = (service: string, endpoint: string) => admit(service, endpoint).then(() => true, () => false);
      if (rawPath === ROUTES_PATH) {
        return sendJson(res, 200, JSON.stringify(await routeListing(await router.routesOf(namespace), namespace, callable)));
      }
      // Public: admitted into the same namespace with no token at all (operations that need none carry no security).
      const admitAnonymous = preparer.admitter({ headers: anonymousHeaders(req.headers, namespace) } as http.IncomingMessage);
      const isPublic = (service: string, endpoint: string) => admitAnonymous(service, endpoint).then((ns) => ns === namespace, () => false);
      if (rawPath === ENDPOINTS_PATH) {
        return sendJson(res, 200, JSON.stringify(await endpointListing(options.registry, { namespace, callable, anonymous: isPublic })));
      }
      const document = await openApiDocument(options.registry, { namespace, version: options.version, server: publicUrl(req), callable, anonymous: isPublic });
      return sendJson(res, 200, JSON.stringify(document));
    }
    const call = await preparer.prepare(req, method, rawPath, requestId, state);
    refuseUnsafeGet(method, call.route, res);
    await serveHttpCall(req, res, call, rawQuery, settings, upstream);
  }

  // Node would answer a request without Host with a bare 400 of its own; the gateway needs no Host, and
  // whatever it refuses it refuses with the JSON envelope.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const state = { namespace: "" };
    res.setHeader("x-request-id", requestId);
    res.on("close", () => log.record(req.method ?? "-", loggedPath(req.url), res.headersSent ? res.statusCode : 499, performance.now() - started, state.namespace, requestId));
    handle(req, res, requestId, state).catch((err) => sendError(res, err, toMicroError(err).code === 413));
  });

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    socket.on("error", () => undefined);
    const seen = { namespace: "" };
    const done = (code: number) => log.record("WS", loggedPath(req.url), code, performance.now() - started, seen.namespace, requestId);
    (async () => {
      if ((req.headers.upgrade ?? "").toLowerCase() !== "websocket") throw new MicroError("micro.api", 400, "only WebSocket upgrades are supported");
      const origin = req.headers.origin;
      if (origin && settings.corsOrigins !== "*" && !settings.corsOrigins.includes(origin.toLowerCase())) throw new MicroError("micro.api", 403, "origin not allowed");
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const call = await preparer.prepare(req, "GET", q < 0 ? url : url.slice(0, q), requestId, seen);
      upgradeToCall(wss, req, socket, head, call, q < 0 ? "" : url.slice(q + 1), upstream, done);
    })().catch((err) => {
      const e = toMicroError(err);
      writeRawError(socket, e, { "x-request-id": requestId });
      done(e.code);
    });
  });

  // Requests node cannot parse (bad methods, bad headers, oversize headers) still get the JSON envelope.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    socket.on("error", () => undefined);
    // node reports a client's reset here too: nobody is left to answer, and the log says 499 (gone), not 400
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return log.record("-", "-", 499, 0, "", "-");
    }
    const code = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    writeRawError(socket, code === 431
      ? new MicroError("micro.api", 431, "request headers too large", "Request Header Fields Too Large")
      : new MicroError("micro.api", code, `malformed request: ${err.code ?? err.message}`));
    log.record("-", "-", code, 0, "", "-");
  });
  server.on("connect", (req: http.IncomingMessage, socket: Duplex) => {
    socket.on("error", () => undefined);
    writeRawError(socket, new MicroError("micro.api", 405, "CONNECT is not supported"));
    log.record("CONNECT", "-", 405, 0, "", "-");
  });
  server.on("checkContinue", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (Number(req.headers["content-length"] ?? 0) > settings.maxBodyBytes) {
      return void sendError(res, new MicroError("micro.api", 413, `request body exceeds the limit of ${settings.maxBodyBytes} bytes`), true);
    }
    res.writeContinue();
    server.emit("request", req, res);
  });
  server.on("close", () => {
    void mcp?.then(({ http: m }) => m.close());
    log.flush();
    wss.close();
    if (!options.pool) upstream.close();
  });
  return Object.assign(server, { serveMcp: serveOwnMcp });
}
