// Verifying an access token: the one check the server (sessions.ts) and every framework service
// (runtime/service/verify.ts) run. The algorithm is pinned to EdDSA (so alg=none or an HMAC "signed" with the public
// key never pass), every claim we rely on is required, expired tokens are refused, and the claims must be those
// claims.ts accepts. Kept apart from signing (tokens.ts), which services never need.
//
// A token that verified is remembered by its exact bytes, per verifier, until its exp: every hop of every call
// (gateway, proxy, service) verifies the caller's token, and an Ed25519 verification was the largest single cost
// of a call (docs/performance.md). A remembered token is one whose signature and claims already held with the same
// keys; the expiry is still checked on every call, and nothing that failed is remembered (a flood of forged tokens
// cannot fill the cache, and each costs its own verification).
import { jwtVerify, type CryptoKey, type JWTVerifyGetKey } from "jose";
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims, type AccessClaims } from "./claims.js";

/** A verification key, or jose's key picker (by the header's kid) for a set of them. */
export type Verifier = CryptoKey | JWTVerifyGetKey;

/** Verified tokens kept per verifier; past this the oldest are forgotten (and verified again if they come back). */
export const MAX_REMEMBERED_TOKENS = 10_000;

const remembered = new WeakMap<object, Map<string, Readonly<AccessClaims>>>();

/** The token's claims, or undefined when it is not one of ours, tampered with, malformed or expired. Callers turn
 * undefined into one 401 whose detail says nothing about which check failed. `now`: milliseconds (tests). */
export async function verifyAccessToken(key: Verifier, token: string, now = Date.now()): Promise<AccessClaims | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const hit = rememberedClaims(key, token, now);
  if (hit) return copy(hit);
  let cache = remembered.get(key);
  let claims: AccessClaims | undefined;
  try {
    const { payload } = await jwtVerify(token, key as CryptoKey, {
      algorithms: [TOKEN_ALGORITHM], requiredClaims: ["sub", "iss", "exp", "iat"], currentDate: new Date(now),
    });
    claims = checkClaims(payload as Record<string, unknown>);
  } catch {
    return undefined;
  }
  if (!claims) return undefined;
  if (!cache) remembered.set(key, (cache = new Map()));
  if (cache.size >= MAX_REMEMBERED_TOKENS) cache.delete(cache.keys().next().value!);
  cache.set(token, Object.freeze({ ...claims, scopes: Object.freeze([...claims.scopes]) as string[] }));
  return claims;
}

/** The claims of a token this verifier already verified and that has not expired, without a copy (frozen: shared by
 * every call that presents the token), else undefined (then verifyAccessToken decides). Synchronous: a service's
 * per-call check of a token it saw before takes no promise. */
export function rememberedClaims(key: Verifier, token: string, now = Date.now()): Readonly<AccessClaims> | undefined {
  const cache = remembered.get(key);
  const hit = cache?.get(token);
  if (hit === undefined) return undefined;
  // jose's rule: a token whose exp is now or past is expired
  if (Math.floor(now / 1000) < hit.exp) return hit;
  cache!.delete(token);
  return undefined;
}

/** Callers get their own copy: one caller changing its claims object changes no other call's. */
function copy(c: Readonly<AccessClaims>): AccessClaims {
  return { ...c, scopes: [...c.scopes] };
}
