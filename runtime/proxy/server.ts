// The identity proxy / network entry point: a gRPC server for any method path. It works out the target
// service (micro-service header, else the proto package), lets the auth layer admit the call and fix its
// namespace, and forwards to a live instance.
import * as http2 from "node:http2";
import { AUTHORIZATION, MICRO_NAMESPACE, MICRO_PEER, MICRO_SERVICE, MicroError } from "../wire/index.js";
import { SessionPool } from "./h2-pool.js";
import { forward, upstreamHeaders } from "./forward.js";
import { clientAddress } from "./peer.js";
import { respondWithError } from "./grpc-status.js";
import type { Resolver } from "./resolver.js";
import { CALLS_PER_TURN, TurnQueue } from "../rpc/turns.js";

export interface ProxyCall {
  path: string;
  /** Registry name of the target service. */
  service: string;
  /** Micro endpoint, `ProtoService.Method`. */
  endpoint: string;
  headers: http2.IncomingHttpHeaders;
}

export interface Admission {
  /** The namespace the call runs in (sent upstream as micro-namespace). */
  namespace: string;
  /** Sent upstream as the call's Authorization instead of the caller's: the front door's call token for an anonymous
   * call to a user service (auth/call-tokens.ts), which admits no call without a token the platform signed. */
  credential?: string;
}

export interface ProxyOptions {
  resolver: Resolver;
  /** Authenticates and authorizes; throws a MicroError (401/403) to refuse. Default: header namespace. */
  admit?: (call: ProxyCall) => Promise<Admission>;
  /** A gRPC server in this process (`micro server`'s builtins): a call resolved to its address is handed to `serve`
   * with the headers it would have been forwarded with, instead of through a second HTTP/2 connection. It admits
   * the call itself, as it would one from the socket. */
  local?: { address: () => string; serve: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void };
}

/** Without an auth layer: every call is admitted, in the namespace its micro-namespace header names (else micro). */
export const admitByHeader = async (c: ProxyCall): Promise<Admission> => ({ namespace: String(c.headers[MICRO_NAMESPACE] || "micro") });

/** Parses "/pkg.sub.Service/Method" into registry service ("pkg.sub") and endpoint ("Service.Method"). */
export function parseGrpcPath(path: string): { pkg: string; endpoint: string } | undefined {
  const m = /^\/([A-Za-z0-9_.]+)\/([A-Za-z0-9_]+)$/.exec(path);
  if (!m) return undefined;
  const full = m[1];
  const dot = full.lastIndexOf(".");
  const pkg = dot > 0 ? full.slice(0, dot) : full;
  const svc = dot > 0 ? full.slice(dot + 1) : full;
  return { pkg, endpoint: `${svc}.${m[2]}` };
}

export function createProxyServer(options: ProxyOptions): http2.Http2Server & { pool: SessionPool } {
  const pool = new SessionPool();
  const admit = options.admit ?? admitByHeader;
  const server = http2.createServer();

  // calls start CALLS_PER_TURN per event-loop turn, so the first answers of a big read leave early (rpc/turns.ts)
  const turns = new TurnQueue<[http2.ServerHttp2Stream, http2.IncomingHttpHeaders]>(CALLS_PER_TURN, ([stream, headers]) => {
    if (stream.destroyed || stream.closed) return; // reset by the client while it waited
    handle(stream, headers).catch((err) => respondWithError(stream, MicroError.from(err, "micro.proxy")));
  });
  server.on("stream", (stream, headers) => {
    stream.on("error", () => undefined);
    turns.push([stream, headers]);
  });

  async function handle(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): Promise<void> {
    const path = String(headers[":path"] ?? "");
    const parsed = parseGrpcPath(path);
    if (headers[":method"] !== "POST" || !parsed) throw new MicroError("micro.proxy", 400, `not a gRPC method path: ${path.slice(0, 200)}`);
    const service = String(headers[MICRO_SERVICE] || parsed.pkg);
    const call: ProxyCall = { path, service, endpoint: parsed.endpoint, headers };
    const { namespace, credential } = await admit(call);
    const found = await options.resolver.resolve(service, namespace);
    if (!found) throw new MicroError("micro.proxy", 404, `service ${service} not found`);
    const peer = clientAddress(stream.session?.socket?.remoteAddress, headers["x-forwarded-for"]);
    const extra: Record<string, string | undefined> = { [MICRO_NAMESPACE]: namespace, [MICRO_PEER]: peer };
    // an anonymous call: the call token to a service that verifies it, else no token at all (the caller's proved nothing)
    if (credential) extra[AUTHORIZATION] = found.verifiesTokens ? `Bearer ${credential}` : undefined;
    const local = options.local;
    if (local && found.addresses.length === 1 && found.addresses[0] === local.address()) {
      return local.serve(stream, upstreamHeaders(headers, extra) as http2.IncomingHttpHeaders);
    }
    await forward(pool, stream, headers, found.addresses, extra);
  }

  return Object.assign(server, { pool });
}
