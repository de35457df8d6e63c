// The web interface's sign-in: POST /session trades an account's id and secret (in a namespace) for tokens and
// keeps them where page scripts cannot read them — the access token in the `micro-token` cookie the gateway
// already accepts (HttpOnly, SameSite=Strict, Path=/), the refresh token in `micro-refresh` (HttpOnly,
// SameSite=Strict, sent to /session only). The page itself never sees either. GET /session says who is signed
// in, POST /session/refresh renews the access token, POST /session/signout clears both. Every request that sets
// or clears a cookie must come from this origin (runtime/gateway/same-origin.ts): no other page can sign a
// visitor in or out.
import type * as http from "node:http";
import type { Token, TokenRequest } from "../auth/types.js";
import type { CallerAccount } from "../rpc/types.js";
import { checkCookieOrigin } from "../gateway/same-origin.js";
import { cookie } from "../gateway/namespace.js";
import { publicUrl } from "../gateway/public-url.js";
import { clientAddress } from "../proxy/peer.js";
import { MicroError } from "../rpc/errors.js";
import { isPlatformAdmin } from "../auth/policy.js";

/** What sign-in needs of auth (the server passes its EmbeddedAuth). */
export interface SessionAuth {
  token(request: TokenRequest, info?: { peer?: string }): Promise<Token>;
  verifyAccessToken(token: string): Promise<CallerAccount | undefined>;
  /** The server's namespaces (EmbeddedAuth has them; a remote auth may not). */
  namespaces?(): string[] | Promise<string[]>;
}

export const TOKEN_COOKIE = "micro-token";
export const REFRESH_COOKIE = "micro-refresh";
export const SESSION_PATH = "/session";
const MAX_BODY = 16 * 1024;

/** The namespaces an account can use, for the page's switcher: its own; for an admin of the micro namespace (who
 * may act in any, rpc/access.ts), every namespace on the server. What each page shows there is still the server's
 * call, made with the account's token. */
async function usableNamespaces(auth: SessionAuth, caller: CallerAccount): Promise<string[]> {
  if (!isPlatformAdmin(caller) || !auth.namespaces) return [caller.issuer];
  return [...new Set([caller.issuer, ...await auth.namespaces()])].sort();
}

/** Serves /session and /session/*; false when the path is not one of them. */
export async function serveSession(auth: SessionAuth, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
  const method = req.method ?? "GET";
  if (path === SESSION_PATH && method === "GET") {
    const caller = await callerOf(auth, req);
    send(res, 200, caller
      ? { signedIn: true, id: caller.id, namespace: caller.issuer, scopes: caller.scopes, name: caller.name ?? "", namespaces: await usableNamespaces(auth, caller) }
      : { signedIn: false });
    return true;
  }
  if (path !== SESSION_PATH && !path.startsWith(SESSION_PATH + "/")) return false;
  if (method !== "POST") throw new MicroError("micro.web", 405, `${path} takes POST`);
  checkCookieOrigin(req, []);
  if (path === SESSION_PATH) {
    const body = await readJson(req);
    const field = (name: string) => {
      const v = body[name];
      if (typeof v !== "string" || v === "") throw new MicroError("micro.web", 400, `sign-in needs ${name} (a non-empty string)`);
      return v;
    };
    const namespace = typeof body.namespace === "string" && body.namespace ? body.namespace : "micro";
    const token = await auth.token({ id: field("id"), secret: field("secret"), namespace }, { peer: clientAddress(req.socket.remoteAddress, undefined) });
    setTokens(req, res, token);
    const caller = await auth.verifyAccessToken(token.accessToken);
    send(res, 200, { signedIn: true, id: caller?.id, namespace: caller?.issuer ?? namespace, scopes: caller?.scopes ?? [], namespaces: caller ? await usableNamespaces(auth, caller) : [namespace] });
  } else if (path === `${SESSION_PATH}/refresh`) {
    const refresh = cookie(req.headers.cookie, REFRESH_COOKIE);
    if (!refresh) throw new MicroError("micro.web", 401, "not signed in");
    setTokens(req, res, await auth.token({ refreshToken: refresh }));
    send(res, 200, { refreshed: true });
  } else if (path === `${SESSION_PATH}/signout`) {
    res.setHeader("set-cookie", [clear(req, TOKEN_COOKIE, "/"), clear(req, REFRESH_COOKIE, SESSION_PATH)]);
    send(res, 200, { signedIn: false });
  } else {
    throw new MicroError("micro.web", 404, `no such session action: ${path}`);
  }
  return true;
}

async function callerOf(auth: SessionAuth, req: http.IncomingMessage): Promise<CallerAccount | undefined> {
  const token = cookie(req.headers.cookie, TOKEN_COOKIE);
  return token ? auth.verifyAccessToken(token).catch(() => undefined) : undefined;
}

function setTokens(req: http.IncomingMessage, res: http.ServerResponse, token: Token): void {
  const now = Math.floor(Date.now() / 1000);
  res.setHeader("set-cookie", [
    attributes(req, `${TOKEN_COOKIE}=${token.accessToken}`, "/", Math.max(1, token.expiry - now)),
    // the refresh token's own lifetime is the auth service's (30 days by default); the cookie keeps it that long
    attributes(req, `${REFRESH_COOKIE}=${token.refreshToken}`, SESSION_PATH, 30 * 24 * 3600),
  ]);
}

function clear(req: http.IncomingMessage, name: string, path: string): string {
  return attributes(req, `${name}=`, path, 0);
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), Secure over https. */
function attributes(req: http.IncomingMessage, pair: string, path: string, maxAge: number): string {
  const secure = publicUrl(req)?.startsWith("https:") ? "; Secure" : "";
  return `${pair}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) throw new MicroError("micro.web", 415, "sign-in takes application/json");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw new MicroError("micro.web", 413, `sign-in body exceeds ${MAX_BODY} bytes`);
    chunks.push(c);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new MicroError("micro.web", 400, "sign-in body is not JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new MicroError("micro.web", 400, "sign-in body must be a JSON object");
  return body as Record<string, unknown>;
}
