// HTTP request headers → gRPC metadata for the instance (Micro forwards headers as metadata). Connection-level
// and gRPC-reserved headers stay behind; the namespace and the peer are the ones decided here, never the
// client's word, and a micro-token cookie travels as the Authorization header the services understand. An anonymous
// call goes on with the front door's call token (`credential`) as its Authorization, whatever the client sent.
import type * as http from "node:http";
import { clientAddress } from "../proxy/peer.js";
import { AUTHORIZATION, MICRO_NAMESPACE, MICRO_PEER, REQUEST_ID } from "../wire/index.js";

const DROPPED = new Set([
  "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings", "te",
  "content-length", "content-type", "accept-encoding", "expect", MICRO_NAMESPACE, "sec-websocket-key",
  "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
]);

/** `verifiesTokens`: whether the service verifies tokens itself (not Micro 3.0's framework: proxy/resolver.ts); an anonymous call
 * (one with a `credential`) to a service that does not goes with no token at all, as Micro 3.0's doors send it. */
export function metadataFrom(req: Pick<http.IncomingMessage, "headers" | "socket">, namespace: string, requestId: string, token: string | undefined,
  credential?: string, verifiesTokens = true): Record<string, string> {
  const headers = req.headers;
  const md: Record<string, string> = {};
  for (const key in headers) {
    if (DROPPED.has(key) || key.startsWith("grpc-") || key.startsWith(":")) continue;
    const value = headers[key];
    if (value === undefined) continue;
    md[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (credential) {
    if (verifiesTokens) md[AUTHORIZATION] = `Bearer ${credential}`;
    else delete md[AUTHORIZATION]; // the caller's header proved no account
  } else if (!md[AUTHORIZATION] && token) md[AUTHORIZATION] = `Bearer ${token}`;
  md[MICRO_NAMESPACE] = namespace;
  md[MICRO_PEER] = clientAddress(req.socket.remoteAddress, headers["x-forwarded-for"]);
  md[REQUEST_ID] = requestId;
  return md;
}
