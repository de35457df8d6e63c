// A Config bound to one namespace, for callers (tests, the server's own services) that hold an engine
// directly rather than a transport whose metadata names the namespace.
import type { Config, NamespaceOptions } from "./types.js";

export function scopeConfig(config: Config, namespace: string): Config {
  const scoped = <O extends NamespaceOptions>(options: O | undefined): O => ({ ...options, namespace: options?.namespace || namespace }) as O;
  return {
    get: (path, options) => config.get(path, scoped(options)),
    set: (path, value, options) => config.set(path, value, scoped(options)),
    delete: (path, options) => config.delete(path, scoped(options)),
    read: (path, options) => config.read(path, scoped(options)),
  };
}
