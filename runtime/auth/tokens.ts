// Access tokens: JWTs signed with the server's Ed25519 key (verification, which services share: verify-token.ts).
//
// Two kinds: an account's token (type user or service, no audience), and the front door's call token for an
// anonymous call to a public endpoint (type "public", audience = the one service it was issued for, a minute long):
// services verify both locally (runtime/service/verify.ts); neither works where the other is expected.
import { SignJWT, type CryptoKey } from "jose";
import { TOKEN_ALGORITHM, type AccessClaims } from "./claims.js";

export { CALL_TOKEN_TYPE, type AccessClaims } from "./claims.js";
export { verifyAccessToken, type Verifier } from "./verify-token.js";

/** The private key and its id (keys.ts). */
export interface Signer {
  privateKey: CryptoKey;
  kid?: string;
}

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
