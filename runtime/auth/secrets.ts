// Secret hashing with scrypt (memory-hard, in node:crypto): a random salt per secret, parameters stored with
// the hash so they can be raised later, and a constant-time comparison.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64url");
  const expected = Buffer.from(parts[5], "base64url");
  const actual = await derive(secret, salt, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no secret matches: checked against when the account does not exist, so that a missing account
 * takes as long to refuse as a wrong secret (no timing hint about which ids exist). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashSecret(randomBytes(24).toString("base64url"));
  return decoy;
}

/** A random secret or opaque token, URL-safe, never starting with "-": a command line would take
 * `--password -x…` for another option (one token in 64 did). */
export function randomToken(bytes = 32): string {
  for (;;) {
    const token = randomBytes(bytes).toString("base64url");
    if (token[0] !== "-") return token;
  }
}

/** Refresh tokens are high-entropy random strings, so a fast hash is enough to keep them useless if the
 * database leaks, and lets us look them up by hash. */
export function digestToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
