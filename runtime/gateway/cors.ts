// CORS: allowed origins are configured ("*" by default). With "*" no credentials are allowed, so a page on
// another site can never call with the user's micro-token cookie; listed origins are echoed with credentials.
import type * as http from "node:http";

const ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const DEFAULT_ALLOW_HEADERS = "authorization, content-type, micro-namespace, x-request-id";
const EXPOSE_HEADERS = "x-request-id";

export type CorsOutcome = "none" | "allowed" | "refused";

/** Adds the CORS response headers for the request's Origin; "refused" for an origin not on the list. */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, origins: string[] | "*"): CorsOutcome {
  const origin = req.headers.origin;
  if (!origin) return "none";
  if (origins === "*") {
    res.setHeader("access-control-allow-origin", "*");
  } else if (origins.includes(origin.toLowerCase())) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-allow-credentials", "true");
    res.setHeader("vary", "Origin");
  } else {
    return "refused";
  }
  res.setHeader("access-control-expose-headers", EXPOSE_HEADERS);
  return "allowed";
}

export function isPreflight(req: http.IncomingMessage): boolean {
  return req.method === "OPTIONS" && !!req.headers.origin && !!req.headers["access-control-request-method"];
}

/** Answers an allowed preflight: 204 with the methods and the headers the browser asked for. */
export function answerPreflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const asked = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-methods": ALLOW_METHODS,
    "access-control-allow-headers": typeof asked === "string" && /^[\w\-, ]{0,1000}$/.test(asked) ? asked : DEFAULT_ALLOW_HEADERS,
    "access-control-max-age": "600",
  });
  res.end();
}
