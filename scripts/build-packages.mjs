// Assembles the packages by audience from the compiled dist/ (run by `npm run build` after tsc):
//   micro-ts          the framework a service depends on: Service and the primitives' clients ("."), the RPC layer
//                     ("./rpc", which generated code imports)
//   protoc-gen-micro  the protoc plugin, runnable with npx without the server's dependencies
//   micro-ts-server   the server (builtins, engines, gateway, proxy, runtime): bin micro-server
//   micro-ts-cli      the CLI: bin micro
// Why assembled, not workspaces: the source tree stays one TypeScript project with one tsc run; each package is the
// import closure of its entry points (scripts/packages/closure.mjs) with relative paths kept, and its dependencies
// are exactly the npm packages its own modules import, at the root package.json's ranges (a closure that imports a
// package the root does not declare fails the build), plus the packages that own the rest of its closure.
// Ownership: a module belongs to the first package, in AUDIENCES order, whose closure reaches it; a later package
// imports it as `<owner>/<path inside the owner>` (its relative specifiers rewritten at the positions TypeScript's
// import scanner reports), so no module is in two packages. Each package is packed into
// dist/packages/<name>-<version>.tgz, and dist/packages/index.json lists them: the server provides micro-ts to the
// services it builds from there (runtime/launcher/framework.ts).
// Patched dependencies (patches/, applied to this repository's node_modules by scripts/apply-patches.mjs) would be
// installed unpatched from the registry, so a package that runs one carries the patched copy: bundleDependencies,
// packed under the package's node_modules/ (scripts/packages/bundle.mjs says which packages and why). Today that is
// @bufbuild/protoplugin with @bufbuild/protoc-gen-es, in protoc-gen-micro and in micro-ts-cli.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { bundleOf, patchApplied } from "./packages/bundle.mjs";
import { importGraph } from "./packages/closure.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(repo, "dist");
const root = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

// `under`: where the modules go inside the package. The server's and the CLI's modules find files relative to the
// toolchain's root (dist/runtime/cli/scaffold → ../../../../templates/, dist/runtime/launcher → ../../packages/), so
// those two packages keep the repository's layout: modules under dist/, the files they read beside it.
// `assets`: what the package's modules read rather than import — "framework" (dist/packages/ with the micro-ts
// tarball and an index.json naming it: the launcher provides it to the services it builds, `micro new` prints it)
// and repository directories copied as they are.
export const AUDIENCES = [
  {
    name: "micro-ts",
    description: "Micro for TypeScript: the service framework (Service, the platform's clients, the RPC layer)",
    under: "",
    exports: { ".": "runtime/service/index.js", "./rpc": "runtime/rpc/index.js" },
  },
  {
    name: "protoc-gen-micro",
    description: "protoc plugin of Micro for TypeScript: handlers, clients, CLI and route tables from protos",
    under: "",
    bin: { "protoc-gen-micro": "generators/plugin/main.js" },
  },
  {
    name: "micro-ts-server",
    description: "Micro for TypeScript: the server (builtin services, engines, gRPC proxy, HTTP API gateway, gRPC-Web, web interface, runtime)",
    under: "dist/",
    exports: { ".": "runtime/server/server.js" },
    bin: { "micro-server": "runtime/server/main.js" },
    // dist/web: the web interface's bundle (scripts/build-web.mjs), which runtime/web/assets.js serves
    assets: ["framework", "dist/web"],
  },
  {
    name: "micro-ts-cli",
    description: "Micro for TypeScript: the micro CLI",
    under: "dist/",
    // bin/launch.cjs imports both (the builtins through the loader it passes to main)
    entries: ["runtime/cli/main.js", "runtime/cli/builtin.js"],
    // the repository's launcher as it is: without dist/cli/snapshot.* (not packed) it runs the CLI plainly
    binFiles: { micro: ["bin/micro", "bin/launch.cjs"] },
    assets: ["framework", "templates"],
  },
];

function entriesOf(audience) {
  return [...(audience.entries ?? []), ...Object.values(audience.exports ?? {}), ...Object.values(audience.bin ?? {})];
}

/** Module → owning audience, and each audience's graph; fails when a package would import a later one (a cycle). */
export function plan() {
  const owner = new Map();
  const graphs = new Map();
  for (const audience of AUDIENCES) {
    const graph = importGraph(dist, entriesOf(audience));
    graphs.set(audience.name, graph);
    for (const mod of graph.keys()) if (!owner.has(mod)) owner.set(mod, audience);
  }
  // Package dependencies from module imports; a cycle between packages fails the build, naming the imports.
  const edges = new Map(AUDIENCES.map((a) => [a.name, new Map()]));
  for (const [mod, audience] of owner) {
    for (const i of graphs.get(audience.name).get(mod)) {
      if (!i.target) continue;
      const to = owner.get(i.target).name;
      if (to !== audience.name && !edges.get(audience.name).has(to)) edges.get(audience.name).set(to, `${mod}${i.ext} → ${i.target}`);
    }
  }
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "open") {
      const cycle = path.slice(path.findIndex((p) => p.from === name));
      throw new Error(`build-packages: packages import each other: ${cycle.map((p) => `${p.from} → ${p.to} (${p.why})`).join(", ")}`);
    }
    state.set(name, "open");
    for (const [to, why] of edges.get(name)) visit(to, [...path, { from: name, to, why }]);
    state.set(name, "done");
  };
  for (const a of AUDIENCES) visit(a.name, []);
  return { owner, graphs };
}

/** A module's text with its imports of other packages' modules pointed at those packages. */
function rewrite(text, imports, owner, audience, mod) {
  let out = "";
  let at = 0;
  const sites = imports.filter((i) => i.target && owner.get(i.target) !== audience);
  for (const site of sites.sort((a, b) => a.pos - b.pos)) {
    const other = owner.get(site.target);
    if (site.url) throw new Error(`build-packages: ${mod} loads ${site.spec} by URL, but ${other.name} owns it`);
    // the scanner's pos is the string literal's opening quote; the specifier follows it
    const start = site.pos + 1;
    if (!/["'`]/.test(text[site.pos]) || text.slice(start, start + site.spec.length) !== site.spec) {
      throw new Error(`build-packages: ${mod}: the import ${site.spec} is not where the scanner said`);
    }
    const ext = /\.(d\.ts|js)$/.exec(site.spec)?.[0] ?? "";
    out += text.slice(at, start) + `${other.name}/${other.under}${site.target}${ext}`;
    at = start + site.spec.length;
  }
  return out + text.slice(at);
}

function assemble(audience, { owner, graphs }, out, index) {
  const graph = graphs.get(audience.name);
  const own = [...graph.keys()].filter((m) => owner.get(m) === audience).sort();
  const dir = join(out, audience.name);
  const npm = new Map(); // package → "js" when a .js imports it, "types" when only declarations do
  const owners = new Set();
  for (const mod of own) {
    const imports = graph.get(mod);
    for (const i of imports) {
      if (i.package) npm.set(i.package, npm.get(i.package) === "js" || i.ext === ".js" ? "js" : "types");
      else if (owner.get(i.target) !== audience) owners.add(owner.get(i.target).name);
    }
    for (const ext of [".js", ".js.map", ".d.ts", ".d.ts.map"]) {
      const from = join(dist, mod + ext);
      if (!existsSync(from)) continue;
      const to = join(dir, audience.under + mod + ext);
      mkdirSync(dirname(to), { recursive: true });
      if (ext === ".js" || ext === ".d.ts") writeFileSync(to, rewrite(readFileSync(from, "utf8"), imports.filter((i) => i.ext === ext), owner, audience, mod + ext));
      else copyFileSync(from, to);
    }
  }
  const dependencies = {};
  for (const name of [...npm.keys()].sort()) {
    // a package only declarations import (kubernetes-types) may be a devDependency of the repository: the .d.ts
    // files still need it for a consumer's type check, so it is a dependency here
    const range = root.dependencies?.[name] ?? (npm.get(name) === "types" ? root.devDependencies?.[name] : undefined);
    if (!range) throw new Error(`build-packages: ${audience.name} imports ${name}, which package.json does not list in dependencies`);
    dependencies[name] = range;
  }
  const bundled = carry(audience, [...npm.keys()].filter((n) => npm.get(n) === "js"), dependencies, dir);
  for (const name of [...owners].sort()) dependencies[name] = root.version;
  const bin = {};
  for (const [command, entry] of Object.entries(audience.bin ?? {})) {
    // a bin of its own: no TypeScript loader, the compiled entry's main()
    const file = join(dir, "bin", `${command}.js`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `#!/usr/bin/env node\nimport("../${audience.under}${entry}").then((m) => m.main()).then((code) => { if (typeof code === "number") process.exitCode = code; });\n`);
    chmodSync(file, 0o755);
    bin[command] = `bin/${command}.js`;
  }
  for (const [command, files] of Object.entries(audience.binFiles ?? {})) {
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(join(repo, f), join(dir, f));
    }
    bin[command] = files[0];
  }
  for (const asset of audience.assets ?? []) {
    if (asset === "framework") {
      const fw = index["micro-ts"];
      mkdirSync(join(dir, "dist", "packages"), { recursive: true });
      copyFileSync(join(out, fw.tarball), join(dir, "dist", "packages", fw.tarball));
      writeFileSync(join(dir, "dist", "packages", "index.json"), `${JSON.stringify({ "micro-ts": fw }, null, 2)}\n`);
    } else {
      cpSync(join(repo, asset), join(dir, asset), { recursive: true });
    }
  }
  const exports = Object.fromEntries(Object.entries(audience.exports ?? {}).map(([k, v]) => [k, `./${audience.under}${v}`]));
  const pkg = {
    name: audience.name, version: root.version, description: audience.description, license: root.license,
    type: "module", engines: root.engines,
    // "./*": the later packages import this one's modules by path
    exports: { ...exports, "./package.json": "./package.json", "./*": "./*" },
    ...(Object.keys(bin).length ? { bin } : {}),
    dependencies,
    ...(bundled.top.length ? { bundleDependencies: bundled.top } : {}),
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  if (existsSync(join(repo, "LICENSE"))) copyFileSync(join(repo, "LICENSE"), join(dir, "LICENSE"));
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--loglevel=error", "--pack-destination", out], { cwd: dir, encoding: "utf8" }));
  // npm packs what a bundled package's own `files` name: each carried package must be in, with its patched files
  const inTarball = new Set(packed[0].files.map((f) => f.path));
  const missing = [...bundled.carried].filter((f) => !inTarball.has(f));
  if (JSON.stringify([...(packed[0].bundled ?? [])].sort()) !== JSON.stringify([...bundled.packages].sort()) || missing.length) {
    throw new Error(`build-packages: ${audience.name}: npm bundled ${packed[0].bundled?.join(", ") || "nothing"}, not ${bundled.packages.join(", ")}${missing.length ? `; not packed: ${missing.join(", ")}` : ""}`);
  }
  return { version: root.version, tarball: packed[0].filename, modules: own.length, dependencies, ...(bundled.top.length ? { bundled: bundled.packages } : {}) };
}

/**
 * The patched npm packages the package carries (scripts/packages/bundle.mjs says which and why): copied from this
 * repository's node_modules, where scripts/apply-patches.mjs patched them, into the package's node_modules/, each
 * checked to carry its patch; the packages' own files that import one (`imported`: what its .js files import) name
 * it in bundleDependencies, and what the bundled packages need besides one another becomes the package's
 * dependency at their range (npm installs nothing for a bundled package). Returns `top` (the bundleDependencies),
 * `packages` (every package carried) and `carried` (the package.json and the patched files of each, which the
 * tarball must hold).
 */
function carry(audience, imported, dependencies, dir) {
  const { packages, top, needs, patched } = bundleOf(repo, imported.sort());
  const carried = new Set();
  for (const [name, p] of packages) {
    carried.add(`node_modules/${name}/package.json`);
    const to = join(dir, "node_modules", name);
    // the package's own files, not what npm installed under it (protoplugin's nested typescript)
    cpSync(p.dir, to, { recursive: true, filter: (src) => src === p.dir || !src.slice(p.dir.length + 1).split(/[\\/]/).includes("node_modules") });
    const patch = patched.get(name);
    if (!patch) continue;
    if (patch.version !== p.version) throw new Error(`build-packages: ${name} ${p.version} is installed, but patches/ patches ${patch.version}`);
    const { missing, files } = patchApplied(dir, patch.file);
    for (const f of files) carried.add(f);
    if (missing.length) {
      throw new Error(`build-packages: the ${name} that ${audience.name} would carry is not patched (npm install applies patches/): ${missing.join("; ")}`);
    }
  }
  for (const name of top) {
    // what the package's files import is what they were built and tested against
    if (!semver.satisfies(packages.get(name).version, dependencies[name])) {
      throw new Error(`build-packages: ${name} ${packages.get(name).version} is installed, outside package.json's ${dependencies[name]}`);
    }
  }
  for (const [name, range] of Object.entries(needs).sort(([a], [b]) => a.localeCompare(b))) {
    // a range of ours: whatever npm installs for it must also be what the bundled package asks for
    if (dependencies[name] !== undefined) {
      if (!semver.subset(dependencies[name], range)) {
        throw new Error(`build-packages: ${audience.name} depends on ${name} ${dependencies[name]}, outside the ${range} its bundled packages need`);
      }
    } else {
      dependencies[name] = range;
    }
  }
  // npm packages in one sorted list, as when the package's files import them all
  for (const [name, range] of Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))) {
    delete dependencies[name];
    dependencies[name] = range;
  }
  return { top, packages: [...packages.keys()].sort(), carried };
}

// Built aside and moved into place, so a server reading dist/packages meanwhile sees the old set or the new one.
const out = join(dist, "packages");
const fresh = `${out}.${process.pid}.tmp`;
rmSync(fresh, { recursive: true, force: true });
mkdirSync(fresh, { recursive: true });
try {
  const planned = plan();
  const index = {};
  for (const audience of AUDIENCES) index[audience.name] = assemble(audience, planned, fresh, index);
  writeFileSync(join(fresh, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(fresh, out);
  for (const p of Object.values(index)) {
    console.log(`build-packages: ${p.tarball} (${p.modules} modules; ${Object.keys(p.dependencies).join(", ") || "no dependencies"})`);
  }
} catch (err) {
  rmSync(fresh, { recursive: true, force: true });
  throw err;
}
