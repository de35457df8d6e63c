// The gateway's URL as a caller reached it (the `servers` of /openapi.json): scheme and host from the request —
// from X-Forwarded-Proto and X-Forwarded-Host only when the peer is a proxy the operator trusts
// (MICRO_TRUSTED_PROXIES), as for micro-peer. Anything but a plain host[:port] gives undefined, and the document
// then says "/" (relative to where it was fetched) rather than echo a header it cannot vouch for.
import type * as http from "node:http";
import { isTrustedProxy } from "../proxy/peer.js";

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/;

export function publicUrl(req: Pick<http.IncomingMessage, "headers" | "socket">, trusted = isTrustedProxy(req.socket.remoteAddress)): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]!.trim();
  const proto = trusted ? first(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const host = (trusted ? first(req.headers["x-forwarded-host"]) : undefined) || req.headers.host;
  if (!host || !HOST.test(host)) return undefined;
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${proto === "https" || proto === "http" ? proto : tls ? "https" : "http"}://${host.toLowerCase()}`;
}
