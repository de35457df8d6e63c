// What an access token asserts, and the checks every verifier makes of its claims once the signature holds: the
// one verifier the server and services share (verify-token.ts). Dependency-free on purpose: services import it.

/** JWS algorithm of every access token; verification accepts nothing else. */
export const TOKEN_ALGORITHM = "EdDSA";

/** The type of the front door's call tokens; no account has it (checkAccountType allows user and service). */
export const CALL_TOKEN_TYPE = "public";

/** Longer strings are not parsed at all. */
export const MAX_TOKEN_LENGTH = 8192;

/** What an access token asserts. `uid` names the account's incarnation: a token issued to a deleted account
 * does not work for a new account that reuses its id. */
export interface AccessClaims {
  sub: string;
  iss: string;
  type: string;
  scopes: string[];
  name: string;
  uid: string;
  /** Unix seconds. */
  iat: number;
  exp: number;
  /** Call tokens only: the registry name of the service the token is for. */
  aud?: string;
}

/** The claims of a verified payload, or undefined when one we rely on is missing or malformed, or when the token
 * is a call token without an audience or an account token with one (one kind is never taken for the other).
 * Expiry is jose's check (verify-token.ts). */
export function checkClaims(payload: Record<string, unknown>): AccessClaims | undefined {
  const { sub, iss, type, scopes, name, uid, iat, exp, aud } = payload;
  if (typeof sub !== "string" || typeof iss !== "string" || typeof type !== "string" || typeof uid !== "string") return undefined;
  if (!sub || !iss || typeof iat !== "number" || typeof exp !== "number") return undefined;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string")) return undefined;
  if (aud !== undefined && typeof aud !== "string") return undefined;
  if ((type === CALL_TOKEN_TYPE) !== (aud !== undefined)) return undefined;
  return { sub, iss, type, scopes, name: typeof name === "string" ? name : "", uid, iat, exp, ...(aud !== undefined ? { aud } : {}) };
}
