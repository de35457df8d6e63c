// Access tokens: JWTs signed with the server's Ed25519 key. Verification pins the algorithm (so alg=none or an
// HMAC "signed" with the public key never pass), requires every claim we rely on, and refuses expired tokens.
//
// Two kinds: an account's token (type user or service, no audience), and the front door's call token for an
// anonymous call to a public endpoint (type "public", audience = the one service it was issued for, a minute long):
// services verify both locally (runtime/service/verify.ts); neither works where the other is expected.
import { SignJWT, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims, type AccessClaims } from "./claims.js";

export { CALL_TOKEN_TYPE, type AccessClaims } from "./claims.js";

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
    return checkClaims(payload as Record<string, unknown>);
  } catch {
    return undefined;
  }
}
