// The import closure of compiled modules: which files of dist/ a set of entry points reaches, and which npm packages
// those files import. The packages by audience (scripts/build-packages.mjs) are made from it, so a package holds
// exactly what its entry points load and declares exactly the packages they import: no hand-kept file lists.
// Imports are read with TypeScript's own import scanner (ts.preProcessFile): static and dynamic import(), export …
// from, and require() — the generators load protobuf-es through createRequire (generators/cjs/protobuf.ts). A module
// loaded by URL, `new URL("./x.js", import.meta.url)` (the builder's npm preload, passed to node as --import), and a
// package found with require.resolve are read from the syntax tree. Each module's .d.ts is followed as well, so a type-only import (erased from the .js)
// still ships its declarations.
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
  return importSites(text).map((site) => site.spec);
}

/** The import specifiers of a module with where the scanner puts them: pos is the literal's opening quote. */
export function importSites(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => ({ spec: f.fileName, pos: f.pos }));
}

/**
 * What a compiled module loads without importing, read from its syntax tree: `urls`, the modules of
 * `new URL("<relative .js>", import.meta.url)`; `resolved`, the bare specifiers of `require.resolve("…")` (a package
 * whose files it reads: google-proto-files' protos, protoc-gen-es' bin).
 */
export function loadsOf(text) {
  const urls = [];
  const resolved = [];
  const visit = (node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "URL" && node.arguments?.length === 2) {
      const [what, base] = node.arguments;
      if (ts.isStringLiteralLike(what) && /^\.\.?\//.test(what.text) && what.text.endsWith(".js") &&
          ts.isPropertyAccessExpression(base) && ts.isMetaProperty(base.expression) && base.name.text === "url") urls.push(what.text);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === "require" && node.expression.name.text === "resolve" &&
        node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]) && !node.arguments[0].text.startsWith(".")) {
      resolved.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("m.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return { urls, resolved };
}

/**
 * The import graph from `entries` (paths relative to `root`, compiled .js). `modules`: each reached module (without
 * extension, relative to root, e.g. runtime/service/index) → its files' imports: `{ ext, spec, pos }` plus
 * `target` (a module) for a relative import or `package` (an npm package) for a bare one; builtins are left out.
 * A relative import that leads to no file is an error: the package would be broken.
 */
export function importGraph(root, entries) {
  const modules = new Map();
  const todo = entries.map((e) => e.replace(/\.js$/, ""));
  while (todo.length) {
    const mod = todo.pop();
    if (modules.has(mod)) continue;
    const imports = [];
    modules.set(mod, imports);
    for (const ext of [".js", ".d.ts"]) {
      const file = join(root, mod + ext);
      if (!existsSync(file)) {
        if (ext === ".js" && !existsSync(join(root, `${mod}.d.ts`))) throw new Error(`${mod}.js is imported but not in ${root} (build first)`);
        continue;
      }
      const text = readFileSync(file, "utf8");
      const sites = importSites(text);
      if (ext === ".js") {
        const { urls, resolved } = loadsOf(text);
        sites.push(...urls.map((spec) => ({ spec, url: true })), ...resolved.map((spec) => ({ spec, url: true })));
      }
      for (const site of sites) {
        if (site.spec.startsWith(".")) {
          const target = relative(root, join(dirname(file), site.spec)).split(sep).join("/");
          if (target.startsWith("..")) throw new Error(`${mod}${ext} imports ${site.spec}, outside ${root}`);
          const targetMod = target.replace(/\.(d\.ts|js)$/, "");
          imports.push({ ext, ...site, target: targetMod });
          todo.push(targetMod);
        } else if (!isBuiltin(site.spec)) {
          imports.push({ ext, ...site, package: packageName(site.spec) });
        }
      }
    }
  }
  return modules;
}
