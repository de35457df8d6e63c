// Gateway settings: explicit options win, then MICRO_API_* environment variables, then defaults.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "../registry/types.js";
import type { Resolver } from "../proxy/resolver.js";
import type { SessionPool } from "../proxy/h2-pool.js";
import type { GrpcWebHandler } from "../proxy/grpc-web.js";
import { allowAll, type Authorize } from "./namespace.js";

export interface GatewayOptions {
  registry: Registry;
  resolver: Resolver;
  version: string;
  /** Admits a call and settles its namespace (throw a 401/403 MicroError to refuse). Default: allow all,
   * namespace from the Micro-Namespace header, else the host, else "micro". */
  authorize?: Authorize;
  /** Domains whose subdomains name namespaces (`foobar.<domain>`); "localhost" is always one.
   * Default: MICRO_API_DOMAIN (comma-separated). */
  domains?: string[];
  /** Largest request body in bytes (413 beyond). Default: MICRO_API_MAX_BODY_BYTES, else 4 MiB. */
  maxBodyBytes?: number;
  /** Deadline of a unary call in ms (504 beyond). Default: MICRO_API_TIMEOUT_MS, else 30 s. */
  timeoutMs?: number;
  /** Origins allowed by CORS: a list, or "*" for any. Default: MICRO_API_CORS_ORIGINS (comma-separated), else "*". */
  corsOrigins?: string[] | "*";
  /** One line per request. Default: standard output. */
  log?: (line: string) => void;
  /** HTTP/2 sessions to the instances (e.g. the proxy's pool); default: the gateway's own. */
  pool?: SessionPool;
  /** Serves the requests whose content-type is application/grpc-web* (gRPC-Web shares the gateway's port). */
  grpcWeb?: GrpcWebHandler;
  /** Serves `/mcp` in place of this gateway's own MCP sessions (a gateway thread relays to the main thread's). */
  mcp?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export interface Settings {
  authorize: Authorize;
  domains: string[];
  maxBodyBytes: number;
  timeoutMs: number;
  corsOrigins: string[] | "*";
}

export function settingsOf(options: GatewayOptions, env: NodeJS.ProcessEnv = process.env): Settings {
  const list = (text: string | undefined) => (text ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const domains = options.domains ?? list(env.MICRO_API_DOMAIN);
  const cors = options.corsOrigins ?? (env.MICRO_API_CORS_ORIGINS ? list(env.MICRO_API_CORS_ORIGINS) : "*");
  return {
    authorize: options.authorize ?? allowAll,
    domains: [...new Set([...domains.map((d) => d.replace(/^\*?\./, "")), "localhost"])],
    maxBodyBytes: options.maxBodyBytes ?? positive(env.MICRO_API_MAX_BODY_BYTES, "MICRO_API_MAX_BODY_BYTES") ?? 4 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? positive(env.MICRO_API_TIMEOUT_MS, "MICRO_API_TIMEOUT_MS") ?? 30_000,
    corsOrigins: Array.isArray(cors) && cors.includes("*") ? "*" : cors,
  };
}

function positive(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`${name}=${text} is not a positive integer`);
  return n;
}
