// Access tokens: JWTs signed with the server's Ed25519 key. Verification pins the algorithm (so alg=none or an
// HMAC "signed" with the public key never pass), requires every claim we rely on, and refuses expired tokens.
//
// Two kinds: an account's token (type user or service, no audience), and the front door's call token for an
// anonymous call to a public endpoint (type "public", audience = the one service it was issued for, a minute long):
// services verify both locally (runtime/service/verify.ts); neither works where the other is expected.
import { SignJWT, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { TOKEN_ALGORITHM } from "./keys.js";

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

/** The type of the front door's call tokens; no account has it (checkAccountType allows user and service). */
export const CALL_TOKEN_TYPE = "public";

/** Longer strings are not parsed at all. */
const MAX_TOKEN_LENGTH = 8192;

/** The private key and its id (keys.ts). */
export interface Signer {
  privateKey: CryptoKey;
  kid?: string;
}

/** A verification key, or jose's key picker (by the header's kid) for a set of them. */
export type Verifier = CryptoKey | JWTVerifyGetKey;

export async function signAccessToken(signer: Signer, claims: Omit<AccessClaims, "iat" | "exp">, lifetimeSeconds: number, now = Date.now()): Promise<{ token: string; iat: number; exp: number }> {
  const iat = Math.floor(now / 1000);
  // Rounded up from the real instant, not from the rounded-down iat: a token is good for at least its lifetime
  // (iat + lifetime could leave a 1 s token almost no time at all).
  const exp = Math.ceil(now / 1000 + lifetimeSeconds);
  const jwt = new SignJWT({ type: claims.type, scopes: claims.scopes, name: claims.name, uid: claims.uid })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT", ...(signer.kid ? { kid: signer.kid } : {}) })
    .setSubject(claims.sub)
    .setIssuer(claims.iss)
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  if (claims.aud) jwt.setAudience(claims.aud);
  const token = await jwt.sign(signer.privateKey);
  return { token, iat, exp };
}

/** The token's claims, or undefined when it is not one of ours, tampered with, malformed or expired. Callers turn
 * undefined into one 401 whose detail says nothing about which check failed. */
export async function verifyAccessToken(key: Verifier, token: string): Promise<AccessClaims | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  try {
    const { payload } = await jwtVerify(token, key as CryptoKey, { algorithms: [TOKEN_ALGORITHM], requiredClaims: ["sub", "iss", "exp", "iat"] });
    const { sub, iss, type, scopes, name, uid, iat, exp, aud } = payload as Record<string, unknown>;
    if (typeof sub !== "string" || typeof iss !== "string" || typeof type !== "string" || typeof uid !== "string") return undefined;
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string")) return undefined;
    if (aud !== undefined && typeof aud !== "string") return undefined;
    // a call token has an audience and nothing else does: one kind is never taken for the other
    if ((type === CALL_TOKEN_TYPE) !== (aud !== undefined)) return undefined;
    return { sub, iss, type, scopes, name: typeof name === "string" ? name : "", uid, iat: iat as number, exp: exp as number, ...(aud !== undefined ? { aud } : {}) };
  } catch {
    return undefined;
  }
}
