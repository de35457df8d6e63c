// Response cache keyed by the request bytes and the plugin build: a run with nothing changed replays the previous
// CodeGeneratorResponse without loading protobuf-es at all. Entries carry a checksum; a damaged entry is ignored.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pluginVersion } from "./version.js";

const MAGIC = Buffer.from("MTSCACHE1\n");
const DIGEST_BYTES = 32;

/** $MICRO_CACHE_DIR, else $XDG_CACHE_HOME/micro-ts, else ~/.cache/micro-ts; undefined when MICRO_NO_CACHE is set. */
export function cacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MICRO_NO_CACHE !== undefined && env.MICRO_NO_CACHE !== "" && env.MICRO_NO_CACHE !== "0") return undefined;
  if (env.MICRO_CACHE_DIR) return env.MICRO_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "micro-ts");
  return join(homedir(), ".cache", "micro-ts");
}

let fingerprint: string | undefined;

/**
 * The plugin version plus the size and mtime of every compiled module of the generators, so a rebuilt plugin
 * never replays responses of an older build (about 1 ms of stat calls).
 */
export function buildFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const parts = [pluginVersion()];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) {
        const st = statSync(path);
        parts.push(`${path.slice(root.length)}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(root);
  return (fingerprint = parts.join("\n"));
}

export function cacheKey(request: Uint8Array): string {
  return createHash("sha256").update(buildFingerprint()).update("\0").update(request).digest("hex");
}

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.bin`);
}

export function readCache(dir: string, key: string): Uint8Array | undefined {
  let data: Buffer;
  try {
    data = readFileSync(entryPath(dir, key));
  } catch {
    return undefined;
  }
  const header = MAGIC.length + DIGEST_BYTES;
  if (data.length < header || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = data.subarray(header);
  const digest = createHash("sha256").update(payload).digest();
  return digest.equals(data.subarray(MAGIC.length, header)) ? payload : undefined;
}

/** Best effort: a cache that cannot be written never fails generation. */
export function writeCache(dir: string, key: string, payload: Uint8Array): void {
  try {
    const path = entryPath(dir, key);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    const digest = createHash("sha256").update(payload).digest();
    writeFileSync(tmp, Buffer.concat([MAGIC, digest, payload]));
    renameSync(tmp, path);
  } catch {
    // read-only or full disk: generate without caching
  }
}
