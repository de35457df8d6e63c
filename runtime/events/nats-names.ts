// Namespaces and topics as NATS subject tokens and stream/consumer names. A topic may hold characters NATS gives
// a meaning to ('.', '*', '>', whitespace) or forbids in names ('/', '\'): everything outside [A-Za-z0-9_-] is
// escaped as '=' and two hex digits per UTF-8 byte, so the mapping is one-to-one and the result is one token.
import { createHash } from "node:crypto";

export function token(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `=${byte.toString(16).padStart(2, "0")}`;
  }
  return out || "=";
}

/** A short, fixed-length name for what may be long (a consumer group of a topic): consumer names stay bounded. */
export function shortName(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("base64url").slice(0, 22).replace(/-/g, "_");
}
