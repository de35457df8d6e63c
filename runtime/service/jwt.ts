// Verifies an access token in a service with jose, as the server does (runtime/auth/tokens.ts): the algorithm is
// pinned to EdDSA (so alg=none or an HMAC "signed" with the public key never pass), the key is the one the token's
// kid names, the token must not have expired, and the claims must be those runtime/auth/claims.ts requires.
import type { KeyObject } from "node:crypto";
import { jwtVerify } from "jose";
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims, type AccessClaims } from "../auth/claims.js";

/** The key for a kid (undefined: the token named none), or undefined when there is none. */
export type KeyLookup = (kid: string | undefined) => Promise<KeyObject | undefined>;

class NoKey extends Error {}

/** The token's claims, or undefined when it is not one of ours, tampered with, malformed or expired. */
export async function verifyToken(token: string, keyFor: KeyLookup, now = Date.now()): Promise<AccessClaims | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  try {
    const { payload } = await jwtVerify(token, async (header) => {
      const key = await keyFor(header.kid);
      if (!key) throw new NoKey();
      return key;
    }, { algorithms: [TOKEN_ALGORITHM], requiredClaims: ["sub", "iss", "exp", "iat"], currentDate: new Date(now) });
    return checkClaims(payload as Record<string, unknown>);
  } catch {
    return undefined;
  }
}
