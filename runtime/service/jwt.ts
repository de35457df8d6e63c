// Verifies an access token in a service with node:crypto (OpenSSL's Ed25519): the framework's package carries no
// JWT library, and our tokens are one shape only — compact JWS, alg EdDSA, a kid naming the key. The header must say
// EdDSA (so alg=none or an HMAC "signed" with the public key never pass), the signature must hold for the kid's key,
// the token must not have expired, and the claims must be those runtime/auth/claims.ts requires.
import { verify as verifySignature, type KeyObject } from "node:crypto";
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims, type AccessClaims } from "../auth/claims.js";

/** The key for a kid (undefined: the token named none), or undefined when there is none. */
export type KeyLookup = (kid: string | undefined) => Promise<KeyObject | undefined>;

function json(segment: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** The token's claims, or undefined when it is not one of ours, tampered with, malformed or expired. */
export async function verifyToken(token: string, keyFor: KeyLookup, now = Date.now()): Promise<AccessClaims | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  const [head, body, signature] = parts as [string, string, string];
  const header = json(head);
  if (!header || header.alg !== TOKEN_ALGORITHM || (header.kid !== undefined && typeof header.kid !== "string")) return undefined;
  const key = await keyFor(header.kid as string | undefined);
  if (!key || !verifySignature(null, Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"))) return undefined;
  const payload = json(body);
  const claims = payload && checkClaims(payload);
  if (!claims || now / 1000 >= claims.exp) return undefined;
  return claims;
}
