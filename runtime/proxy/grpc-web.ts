// gRPC-Web for browsers, served on the API gateway's port (:8080) and told apart from its JSON calls by the
// content-type (application/grpc-web, grpc-web+proto, grpc-web-text): a call is admitted exactly as the gRPC proxy
// admits one (same admit hook, same resolver) and forwarded as gRPC. The gateway answers CORS preflights and
// decides the Access-Control-Allow-Origin (cors.ts, MICRO_API_CORS_ORIGINS); this adds the gRPC headers a page
// must be able to read. gRPC-Web admits only a bearer Authorization header, never the micro-token cookie.
import type * as http from "node:http";
import { GRPC_MESSAGE, GRPC_STATUS, MICRO_SERVICE, MicroError } from "../wire/index.js";
import { SessionPool } from "./h2-pool.js";
import { forwardWebCall, respondWithStatus } from "./grpc-web-forward.js";
import { decodeBase64Chunks } from "./grpc-web-text.js";
import { admitByHeader, parseGrpcPath, type ProxyOptions } from "./server.js";

export interface GrpcWebOptions extends ProxyOptions {
  /** HTTP/2 sessions to the instances; share the proxy's. */
  pool?: SessionPool;
  /** Largest request body in bytes (default 4 MiB). */
  maxBodyBytes?: number;
}

/** Handles one gRPC-Web request; every failure is answered as a gRPC status, so the promise never rejects. */
export type GrpcWebHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

const EXPOSE_HEADERS = [GRPC_STATUS, GRPC_MESSAGE, "grpc-status-details-bin", "x-request-id"].join(", ");

/** Whether a request is a gRPC-Web call (what the gateway hands to the handler instead of routing it). */
export function isGrpcWeb(req: Pick<http.IncomingMessage, "headers">): boolean {
  return /^application\/grpc-web/i.test(req.headers["content-type"] ?? "");
}

export function grpcWebHandler(options: GrpcWebOptions): GrpcWebHandler {
  const pool = options.pool ?? new SessionPool();
  const limit = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const admit = options.admit ?? admitByHeader;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, text: boolean): Promise<void> {
    if (res.hasHeader("access-control-allow-origin")) res.setHeader("access-control-expose-headers", EXPOSE_HEADERS);
    if (req.method !== "POST") throw new MicroError("micro.proxy", 405, "gRPC-Web calls are POST requests");
    const path = (req.url ?? "").split("?")[0]!;
    const parsed = parseGrpcPath(path);
    if (!parsed) throw new MicroError("micro.proxy", 400, `not a gRPC method path: ${path.slice(0, 200)}`);
    const raw = await readAll(req, limit);
    const body = text ? decodeText(raw) : raw;
    const service = String(req.headers[MICRO_SERVICE] || parsed.pkg);
    const { namespace, credential } = await admit({ path, service, endpoint: parsed.endpoint, headers: req.headers });
    const found = await options.resolver.resolve(service, namespace);
    if (!found) throw new MicroError("micro.proxy", 404, `service ${service} not found`);
    await forwardWebCall(pool, { req, res, body, text, path, namespace, credential, verifiesTokens: found.verifiesTokens }, found.addresses);
  }

  return (req, res) => {
    const text = /^application\/grpc-web-text/i.test(req.headers["content-type"] ?? "");
    return handle(req, res, text).catch((err) => respondWithStatus(res, text, MicroError.from(err, "micro.proxy")));
  };
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
