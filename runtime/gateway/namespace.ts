// Who is asking, and for which namespace: the Micro-Namespace header, else the host (`foobar.<domain>`; any
// `*.localhost` too), else — decided by the authorize hook — the token's issuer, else "micro".
import type * as http from "node:http";
import { MicroError } from "../rpc/errors.js";
import { MICRO_NAMESPACE } from "../wire/index.js";

export interface NamespaceCandidates {
  /** The Micro-Namespace header. */
  header?: string;
  /** From the Host header: `foobar.<domain>` → "foobar". */
  host?: string;
}

export interface AuthorizeRequest {
  /** Registry name of the target service. */
  service: string;
  /** `ProtoService.Method`. */
  endpoint: string;
  /** What the transport asked for: the header, else the host; undefined when neither says. */
  namespace?: string;
  candidates: NamespaceCandidates;
  /** The bearer token of the Authorization header, else the micro-token cookie. */
  token?: string;
  /** The request headers (Authorization and Cookie included). */
  headers: http.IncomingHttpHeaders;
}

/** Returns the namespace the call runs in, or throws a 401/403 MicroError; `credential`, when given, is sent to the
 * service as the call's Authorization (the front door's call token for an anonymous call, auth/call-tokens.ts). */
export type Authorize = (request: AuthorizeRequest) => Promise<string | { namespace: string; credential?: string }>;

const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidNamespace(ns: string): boolean {
  return NAMESPACE.test(ns);
}

/** No auth: the requested namespace (validated), else "micro"; everything is allowed. */
export const allowAll: Authorize = async (request) => {
  const ns = request.namespace ?? "micro";
  if (!isValidNamespace(ns)) throw new MicroError("micro.api", 400, "invalid namespace: use lowercase letters, digits and dashes");
  return ns;
};

export function namespaceCandidates(headers: http.IncomingHttpHeaders, domains: readonly string[]): NamespaceCandidates {
  const header = headers[MICRO_NAMESPACE];
  return {
    header: typeof header === "string" && header !== "" ? header.trim() : undefined,
    host: namespaceFromHost(headers.host, domains),
  };
}

/** `foobar.<domain>[:port]` → "foobar" for each configured domain (and always "localhost"). */
export function namespaceFromHost(host: string | undefined, domains: readonly string[]): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d*$/, "").toLowerCase().replace(/\.$/, "");
  for (const domain of domains) {
    if (!name.endsWith("." + domain)) continue;
    const label = name.slice(0, -(domain.length + 1));
    if (isValidNamespace(label)) return label;
  }
  return undefined;
}

/** The token (`Authorization: Bearer <tok>`, else the `micro-token` cookie) and where it came from: the browser
 * attaches a cookie on its own, so only a cookie can be ridden by another site (same-origin.ts). */
export function credentialOf(headers: http.IncomingHttpHeaders): { token: string; from: "authorization" | "cookie" } | undefined {
  const auth = headers.authorization;
  if (auth) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return { token: m[1]!, from: "authorization" };
  }
  const token = cookie(headers.cookie, "micro-token");
  return token === undefined ? undefined : { token, from: "cookie" };
}

/** One cookie's value from a Cookie header (an empty value counts as none). */
export function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
