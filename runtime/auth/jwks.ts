// How services learn the token verification keys: the auth builtin's registry entry carries them as a JWK set under
// the metadata key "jwks" (registry entries of builtins are readable by any account: registry/handler.ts), so no
// new rpc is needed and Micro 3.0 clients see one more metadata key only. Each key has its kid; a server that
// rotates its key lists the new one first and keeps the old one while tokens signed with it live.
import type { JWK } from "jose";
import type { SigningKeys } from "./keys.js";

/** Registry metadata key of the auth service holding the JWK set. */
export const JWKS_METADATA = "jwks";

export interface JwkSet {
  keys: JWK[];
}

export function jwksOf(keys: Pick<SigningKeys, "publicJwk">[]): string {
  return JSON.stringify({ keys: keys.map((k) => k.publicJwk) } satisfies JwkSet);
}

/** Parses a published set; throws with what is wrong. */
export function parseJwks(text: string | undefined): JwkSet {
  if (!text) throw new Error(`the auth service's registry entry has no ${JWKS_METADATA} metadata`);
  const parsed = JSON.parse(text) as unknown;
  const keys = (parsed as JwkSet | undefined)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => k && typeof k === "object" && typeof k.kid === "string")) {
    throw new Error(`the auth service's ${JWKS_METADATA} metadata is not a JWK set with a kid on every key`);
  }
  return { keys };
}
