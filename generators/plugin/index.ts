export { createMicroPlugin, describeError, errorResponse } from "./micro-plugin.js";
export { splitParameter, parseMicroOptions, MicroOptionError, type SplitParameter } from "./parameter.js";
export { runPluginBytes, type RunBytesOptions } from "./run-bytes.js";
export type { RunResult } from "./run-request.js";
export { cacheDirFromEnv, cacheKey, readCache, writeCache } from "./cache.js";
export { canonicalizeCustomOptions } from "./canonical-options.js";
export { PLUGIN_NAME, pluginVersion } from "./version.js";
export { main } from "./main.js";
