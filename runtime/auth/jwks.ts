// How services learn the token verification keys: the auth builtin's registry entry carries them as a JWK set under
// the metadata key "jwks" (registry entries of builtins are readable by any account: registry/handler.ts), so no
// new rpc is needed and Micro 3.0 clients see one more metadata key only. Each key has its kid; a server that
// rotates its key lists the new one first and keeps the old one while tokens signed with it live.
// Dependency-free: services import it (the framework's package carries no JWT library).

/** Registry metadata key of the auth service holding the JWK set. */
export const JWKS_METADATA = "jwks";

/** An Ed25519 public key as RFC 8037 writes it (kty OKP, crv Ed25519, x the key), with its id. */
export interface PublishedJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg?: string;
  use?: string;
}

export interface JwkSet {
  keys: PublishedJwk[];
}

export function jwksOf(keys: { publicJwk: PublishedJwk }[]): string {
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
