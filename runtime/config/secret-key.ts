// Where the key that encrypts secret config values comes from: MICRO_CONFIG_SECRET_KEY (32 bytes, base64 or
// hex) when set, else a key file in the data dir, generated with mode 0600 on first start. Errors say which
// source is wrong and how, never what it contains.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { KEY_BYTES } from "./cipher.js";

export const SECRET_KEY_ENV = "MICRO_CONFIG_SECRET_KEY";

export interface SecretKey {
  key: Buffer;
  /** Where the key came from, for error messages: the variable's name or the file's path. */
  origin: string;
}

export interface SecretKeyOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}

export function secretKeyPath(dataDir: string): string {
  return join(dataDir, "secrets", "config.key");
}

/** 64 hex digits or base64 (standard or URL alphabet) of exactly 32 bytes; anything else is undefined. */
export function decodeKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return undefined;
  const bytes = Buffer.from(t, "base64");
  return bytes.length === KEY_BYTES ? bytes : undefined;
}

export async function loadSecretKey(options: SecretKeyOptions): Promise<SecretKey> {
  const fromEnv = (options.env ?? process.env)[SECRET_KEY_ENV];
  if (fromEnv) {
    const key = decodeKey(fromEnv);
    if (!key) throw new Error(`${SECRET_KEY_ENV} is not a valid key: it must be ${KEY_BYTES} bytes, base64 or hex encoded`);
    return { key, origin: SECRET_KEY_ENV };
  }
  const path = secretKeyPath(options.dataDir);
  return { key: (await readKeyFile(path)) ?? (await createKeyFile(path)), origin: path };
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read the config secret key file ${path}: ${(err as Error).message}`);
  }
  if (!info.isFile()) throw new Error(`the config secret key file ${path} is not a regular file`);
  // Like ssh with private keys: a key others can read protects nothing, so refuse rather than warn.
  if (process.platform !== "win32" && (info.mode & 0o077) !== 0) {
    throw new Error(`the config secret key file ${path} is accessible by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  const key = decodeKey(await readFile(path, "utf8"));
  if (!key) throw new Error(`the config secret key file ${path} is invalid: it must hold ${KEY_BYTES} bytes, base64 or hex encoded`);
  return key;
}

async function createKeyFile(path: string): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    // "wx": never replace a key another process created meanwhile; that one may already encrypt data.
    await writeFile(path, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot create the config secret key file ${path}: ${(err as Error).message}`);
    const existing = await readKeyFile(path);
    if (!existing) throw new Error(`the config secret key file ${path} disappeared while starting`);
    return existing;
  }
}
