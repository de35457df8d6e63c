// gRPC-Web for browsers (:8082, MICRO_GRPC_WEB_PORT overrides): an HTTP/1.1 server that takes
// application/grpc-web(+proto) and grpc-web-text calls, admits them exactly as the gRPC proxy does (same admit
// hook, same resolver) and forwards them as gRPC, with CORS so that pages on other origins can call.
import * as http from "node:http";
import { AUTHORIZATION, GRPC_MESSAGE, GRPC_STATUS, GRPC_TIMEOUT, MICRO_NAMESPACE, MICRO_SERVICE, MicroError } from "../wire/index.js";
import { SessionPool } from "./h2-pool.js";
import { forwardWebCall, respondWithStatus } from "./grpc-web-forward.js";
import { decodeBase64Chunks } from "./grpc-web-text.js";
import { admitByHeader, parseGrpcPath, type ProxyOptions } from "./server.js";

export interface GrpcWebOptions extends ProxyOptions {
  /** HTTP/2 sessions to the instances; share the proxy's. */
  pool?: SessionPool;
  /** Origins allowed by CORS: a list, or "*" (default). */
  corsOrigins?: string[] | "*";
  /** Largest request body in bytes (default 4 MiB). */
  maxBodyBytes?: number;
}

const ALLOW_HEADERS = ["content-type", "x-grpc-web", "x-user-agent", GRPC_TIMEOUT, AUTHORIZATION, MICRO_NAMESPACE, MICRO_SERVICE].join(", ");
const EXPOSE_HEADERS = [GRPC_STATUS, GRPC_MESSAGE, "grpc-status-details-bin"].join(", ");

/** The gRPC-Web port: MICRO_GRPC_WEB_PORT, else a free one when the proxy's is (tests), else 8082. `explicit`
 * says whether someone asked for it (then failing to bind it is fatal). */
export function grpcWebPort(proxyPort: number, env: NodeJS.ProcessEnv = process.env): { port: number; explicit: boolean } {
  const v = env.MICRO_GRPC_WEB_PORT;
  if (v === undefined || v === "") return { port: proxyPort === 0 ? 0 : 8082, explicit: false };
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new RangeError(`MICRO_GRPC_WEB_PORT=${v} is not a port number`);
  return { port: n, explicit: true };
}

export function createGrpcWebServer(options: GrpcWebOptions): http.Server {
  const pool = options.pool ?? new SessionPool();
  const origins = options.corsOrigins ?? "*";
  const limit = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const admit = options.admit ?? admitByHeader;

  const server = http.createServer((req, res) => {
    const text = /^application\/grpc-web-text/i.test(req.headers["content-type"] ?? "");
    handle(req, res, text).catch((err) => respondWithStatus(res, text, MicroError.from(err, "micro.proxy")));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, text: boolean): Promise<void> {
    const origin = req.headers.origin;
    if (origin) {
      if (origins !== "*" && !origins.includes(origin.toLowerCase())) throw new MicroError("micro.proxy", 403, "origin not allowed");
      res.setHeader("access-control-allow-origin", origins === "*" ? "*" : origin);
      res.setHeader("access-control-expose-headers", EXPOSE_HEADERS);
      if (origins !== "*") res.setHeader("vary", "Origin");
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-methods": "POST, OPTIONS", "access-control-allow-headers": ALLOW_HEADERS, "access-control-max-age": "600" });
      return void res.end();
    }
    if (req.method !== "POST") throw new MicroError("micro.proxy", 405, "gRPC-Web calls are POST requests");
    if (!/^application\/grpc-web/i.test(req.headers["content-type"] ?? "")) {
      throw new MicroError("micro.proxy", 415, "expected content-type application/grpc-web or application/grpc-web-text");
    }
    const path = (req.url ?? "").split("?")[0]!;
    const parsed = parseGrpcPath(path);
    if (!parsed) throw new MicroError("micro.proxy", 400, `not a gRPC method path: ${path.slice(0, 200)}`);
    const raw = await readAll(req, limit);
    const body = text ? decodeText(raw) : raw;
    const service = String(req.headers[MICRO_SERVICE] || parsed.pkg);
    const { namespace, credential } = await admit({ path, service, endpoint: parsed.endpoint, headers: req.headers });
    const found = await options.resolver.resolve(service, namespace);
    if (!found) throw new MicroError("micro.proxy", 404, `service ${service} not found`);
    await forwardWebCall(pool, { req, res, body, text, path, namespace, credential }, found.addresses);
  }

  server.on("clientError", (_err, socket) => socket.destroy());
  return server;
}

function decodeText(raw: Buffer): Buffer {
  try {
    return decodeBase64Chunks(raw.toString("latin1"));
  } catch (err) {
    throw new MicroError("micro.proxy", 400, (err as Error).message);
  }
}

/** gRPC-Web requests carry one message (browsers cannot stream requests): read it whole, within the limit. */
function readAll(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new MicroError("micro.proxy", 413, `request exceeds ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
