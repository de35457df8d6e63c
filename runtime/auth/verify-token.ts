// Verifying an access token: the one check the server (sessions.ts) and every framework service
// (runtime/service/verify.ts) run. The algorithm is pinned to EdDSA (so alg=none or an HMAC "signed" with the public
// key never pass), every claim we rely on is required, expired tokens are refused, and the claims must be those
// claims.ts accepts. Kept apart from signing (tokens.ts), which services never need.
import { jwtVerify, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims, type AccessClaims } from "./claims.js";

/** A verification key, or jose's key picker (by the header's kid) for a set of them. */
export type Verifier = CryptoKey | JWTVerifyGetKey;

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
