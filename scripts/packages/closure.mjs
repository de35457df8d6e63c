// The import closure of compiled modules: which files of dist/ a set of entry points reaches, and which npm packages
// those files import. The audience packages (scripts/build-packages.mjs) are made from it, so a package holds
// exactly what its entry points load and declares exactly the packages they import: no hand-kept file lists.
// Imports are read with TypeScript's own import scanner (ts.preProcessFile): static and dynamic import(), export …
// from, and require() — the generators load protobuf-es through createRequire (generators/cjs/protobuf.ts).
// Each module's .d.ts is followed as well, so a type-only import (erased from the .js) still ships its declarations.
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import ts from "typescript";

const BUILTINS = new Set(builtinModules);

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
export function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isBuiltin(specifier) {
  return specifier.startsWith("node:") || BUILTINS.has(specifier.split("/")[0]);
}

/** Every relative and bare specifier a module's text imports. */
export function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The closure of `entries` (paths relative to `root`, compiled .js): `modules` are the reached modules without their
 * extension (runtime/service/index), relative to root, sorted; `packages` the npm packages imported (by name, sorted).
 * A relative import that leads to no file is an error: the package would be broken.
 */
export function closure(root, entries) {
  const modules = new Set();
  const packages = new Set();
  const todo = entries.map((e) => e.replace(/\.js$/, ""));
  while (todo.length) {
    const mod = todo.pop();
    if (modules.has(mod)) continue;
    modules.add(mod);
    for (const ext of [".js", ".d.ts"]) {
      const file = join(root, mod + ext);
      if (!existsSync(file)) {
        if (ext === ".js" && !existsSync(join(root, `${mod}.d.ts`))) throw new Error(`${mod}.js is imported but not in ${root} (build first)`);
        continue;
      }
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (spec.startsWith(".")) {
          const target = relative(root, join(dirname(file), spec)).split(sep).join("/");
          if (target.startsWith("..")) throw new Error(`${mod}${ext} imports ${spec}, outside ${root}`);
          todo.push(target.replace(/\.(d\.ts|js)$/, ""));
        } else if (!isBuiltin(spec)) {
          packages.add(packageName(spec));
        }
      }
    }
  }
  return { modules: [...modules].sort(), packages: [...packages].sort() };
}
