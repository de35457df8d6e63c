// protoplugin and protoc-gen-es loaded through CommonJS (see protobuf.ts for why).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "@bufbuild/protoplugin";
import type { FileInfo } from "@bufbuild/protoplugin";

const require = createRequire(import.meta.url);

export const protoplugin: typeof import("@bufbuild/protoplugin") = require("@bufbuild/protoplugin");

/** protoc-gen-es 2.13 has no exports map; its plugin object is reachable by path (version pinned for this). */
export function loadProtocGenEs(): Plugin {
  return require("@bufbuild/protoc-gen-es/dist/cjs/src/protoc-gen-es-plugin.js").protocGenEs as Plugin;
}

export type TranspileFn = (
  files: FileInfo[],
  transpileJs: boolean,
  transpileDts: boolean,
  jsImportStyle: "module" | "legacy_commonjs",
) => FileInfo[];

/** protoplugin's own TypeScript → JS/d.ts transpiler; not exported, so it is reached by path (version pinned). */
export function loadProtopluginTranspile(): TranspileFn {
  const dir = dirname(require.resolve("@bufbuild/protoplugin"));
  return require(join(dir, "transpile.js")).transpile as TranspileFn;
}
