// CSRF: a browser attaches the micro-token cookie to every request for the gateway's host, whichever page caused
// it — a link, a form, an <img>, a no-cors fetch, a WebSocket. A request whose token came from that cookie is
// therefore admitted only when the browser says it comes from the gateway's own origin (or from an origin the
// operator listed in MICRO_API_CORS_ORIGINS, which cors.ts already trusts with credentials). "Same-site" is not
// enough: tenants' subdomains (`alpha.<domain>`, `beta.<domain>`) and other ports of the same host are the same
// site but different origins, and one tenant's page must not act as another tenant's logged-in user.
// A bearer token in Authorization is unaffected: another site cannot set that header without a CORS preflight.
import type * as http from "node:http";
import { MicroError } from "../rpc/errors.js";
import { publicUrl } from "./public-url.js";
import { printable } from "./router.js";

/**
 * Throws a 403 unless a cookie-authenticated request is same-origin:
 * - `Sec-Fetch-Site` (every current browser sends it; pages cannot forge it): `same-origin`, or `none` (a
 *   navigation the user started: typed, bookmarked). `same-site` and `cross-site` are refused — unless
 * - the `Origin` is one of `trusted` (the CORS list; never "*"); else, with no Sec-Fetch-Site (older browsers
 *   send at least Origin on a cross-site POST, fetch and WebSocket), the Origin must be the gateway's own
 *   (scheme and Host as the browser reached it); `Origin: null` (sandboxed frames, some redirects) is refused.
 * - Neither header: not a browser's cross-site request (curl, SDKs and scripts send neither) — admitted.
 */
export function checkCookieOrigin(req: Pick<http.IncomingMessage, "headers" | "socket">, trusted: string[] | "*"): void {
  const origin = single(req.headers.origin)?.trim().toLowerCase();
  if (origin && origin !== "null" && Array.isArray(trusted) && trusted.includes(origin)) return;
  const site = single(req.headers["sec-fetch-site"])?.trim().toLowerCase();
  if (site) {
    if (site === "same-origin" || site === "none") return;
    throw refused(`Sec-Fetch-Site: ${printable(site, 40)}`);
  }
  if (origin === undefined) return;
  if (origin !== "null" && origin === publicUrl(req)) return;
  throw refused(`Origin: ${printable(origin, 100)}`);
}

function refused(seen: string): MicroError {
  return new MicroError("micro.api", 403,
    `cross-site request with a cookie credential (${seen}): the micro-token cookie is accepted only from the gateway's own origin; ` +
    "send the token in an Authorization header instead");
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
