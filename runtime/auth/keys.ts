// The token signing key pair: Ed25519, generated on first start and kept under the data dir. Only the private
// key is stored (mode 0600, directory 0700); the public key is derived from it.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { createPublicKey } from "node:crypto";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from "jose";

import { TOKEN_ALGORITHM } from "./claims.js";
import type { PublishedJwk } from "./jwks.js";

export { TOKEN_ALGORITHM };

export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** SPKI PEM, for verifiers in other processes. */
  publicKeyPem: string;
  /** Key id: the public key's RFC 7638 thumbprint, in every token's header, so verifiers pick the key (and notice
   * a rotated one) without trying each. */
  kid: string;
  /** The public key as a JWK (with kid, alg and use), as services fetch it (jwks.ts). */
  publicJwk: PublishedJwk;
}

export function privateKeyPath(dataDir: string): string {
  return join(dataDir, "auth", "jwt-private.pem");
}

export async function loadOrCreateKeys(dataDir: string): Promise<SigningKeys> {
  const path = privateKeyPath(dataDir);
  await mkdir(join(dataDir, "auth"), { recursive: true, mode: 0o700 });
  let pem: string;
  try {
    pem = await readFile(path, "utf8");
    await chmod(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    pem = await createKeyFile(path);
  }
  return keysFromPem(pem);
}

/** Writes a fresh key with O_EXCL, so two processes starting at once end up sharing the first one written. */
async function createKeyFile(path: string): Promise<string> {
  const { privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const pem = await exportPKCS8(privateKey);
  try {
    await writeFile(path, pem, { mode: 0o600, flag: "wx" });
    return pem;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readFile(path, "utf8");
    throw err;
  }
}

export async function keysFromPem(privatePem: string): Promise<SigningKeys> {
  const publicKeyPem = createPublicKey(privatePem).export({ type: "spki", format: "pem" }).toString();
  const publicKey = await importSPKI(publicKeyPem, TOKEN_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    privateKey: await importPKCS8(privatePem, TOKEN_ALGORITHM),
    publicKey,
    publicKeyPem,
    kid,
    publicJwk: { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), kid, alg: TOKEN_ALGORITHM, use: "sig" },
  };
}
