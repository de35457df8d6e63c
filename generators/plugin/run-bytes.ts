// The cached entry to the plugin. A cache hit only hashes the request and reads one file; protobuf-es and the
// plugin are loaded on a miss.
import { cacheKey, readCache, writeCache } from "./cache.js";
import type { RunResult } from "./run-request.js";

export interface RunBytesOptions {
  /** Cache directory; undefined disables the cache. */
  readonly cacheDir: string | undefined;
}

export async function runPluginBytes(request: Uint8Array, options: RunBytesOptions): Promise<RunResult> {
  const { cacheDir } = options;
  const key = cacheDir === undefined ? undefined : cacheKey(request);
  if (cacheDir !== undefined && key !== undefined) {
    const hit = readCache(cacheDir, key);
    if (hit !== undefined) return { response: hit, cacheable: true };
  }
  const { runRequestBytes } = await import("./run-request.js");
  const result = runRequestBytes(request);
  if (cacheDir !== undefined && key !== undefined && result.cacheable) writeCache(cacheDir, key, result.response);
  return result;
}
