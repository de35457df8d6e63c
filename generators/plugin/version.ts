// The plugin's name and version (from the package's package.json, found by walking up from this module).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PLUGIN_NAME = "protoc-gen-micro";
/** The repository's package, or the plugin's own assembled package (scripts/build-packages.mjs). */
const PACKAGE_NAMES = ["micro-ts", "protoc-gen-micro"];

let cached: string | undefined;

export function pluginVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name && PACKAGE_NAMES.includes(pkg.name) && pkg.version) return (cached = `v${pkg.version}`);
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return (cached = "v0.0.0");
    dir = parent;
  }
}
