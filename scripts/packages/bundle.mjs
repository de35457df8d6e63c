// The patched npm packages a package carries inside itself. patches/ holds our patches of installed dependencies
// (patch-package, applied by the root's postinstall: scripts/apply-patches.mjs), which only this repository's
// node_modules gets; a user installing a package from the registry would get the published, unpatched copy. So a
// package that runs a patched dependency carries it, with npm's own mechanism: `bundleDependencies`, the package
// packed inside the tarball under node_modules/<name>, which npm installs as it is.
// What is bundled: each npm package the package's modules import that is patched or depends (transitively) on a
// patched package, and the packages between it and the patched one (@bufbuild/protoc-gen-es carries
// @bufbuild/protoplugin along: protoc-gen-es loads protoplugin from its own location, so an unbundled protoc-gen-es
// would get an unpatched protoplugin installed beside it). Nothing else: the bundled packages' other dependencies
// (@bufbuild/protobuf, typescript, @typescript/vfs) stay ordinary dependencies of the carrying package, because npm
// installs no dependency of a bundled package for it (it takes the bundle as it is).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** patches/<@scope+name+version>.patch → name → { version, file }. */
export function patchedPackages(repo) {
  const dir = join(repo, "patches");
  const patched = new Map();
  if (!existsSync(dir)) return patched;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".patch")).sort()) {
    // patch-package's naming: "/" of a scoped name is "+", then "+<version>"
    const m = /^(.+)\+([^+]+)\.patch$/.exec(file);
    if (!m) throw new Error(`bundle: patches/${file} is not named <package>+<version>.patch`);
    const name = m[1].replace("+", "/");
    if (patched.has(name)) throw new Error(`bundle: two patches of ${name} in patches/`);
    patched.set(name, { version: m[2], file: join(dir, file) });
  }
  return patched;
}

/** Where node finds package `name` from directory `from`: the nearest node_modules/<name> up the tree. */
function locate(name, from) {
  for (let d = from; ; d = dirname(d)) {
    const dir = join(d, "node_modules", name);
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(d) === d) return undefined;
  }
}

function manifestAt(dir) {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
}

/**
 * What a package importing the npm packages `names` (resolved from `repo`) bundles: `packages`, name → { dir,
 * version, dependencies } for every package to pack under node_modules/ (one version of each: two would need two
 * places, which fails); `top`, the imported ones among them (the package's bundleDependencies); `needs`, name →
 * range: the bundled packages' dependencies that are not bundled, which the carrying package must declare.
 */
export function bundleOf(repo, names) {
  const patched = patchedPackages(repo);
  const reaches = new Map(); // package dir → whether it is patched or depends on a patched package
  const visit = (dir, name) => {
    if (reaches.has(dir)) return reaches.get(dir);
    reaches.set(dir, false); // a cycle adds nothing
    const deps = Object.keys(manifestAt(dir).dependencies ?? {});
    let reach = patched.has(name);
    for (const dep of deps) {
      const at = locate(dep, dir);
      if (at && visit(at, dep)) reach = true;
    }
    reaches.set(dir, reach);
    return reach;
  };
  const packages = new Map();
  const add = (dir, name) => {
    const pkg = manifestAt(dir);
    const had = packages.get(name);
    if (had) {
      if (had.dir !== dir && had.version !== pkg.version) throw new Error(`bundle: ${name} would be bundled twice, ${had.version} and ${pkg.version}`);
      return;
    }
    packages.set(name, { dir, version: pkg.version, dependencies: pkg.dependencies ?? {} });
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      const at = locate(dep, dir);
      if (at && visit(at, dep)) add(at, dep);
    }
  };
  const top = [];
  for (const name of names) {
    const dir = locate(name, repo);
    if (!dir) throw new Error(`bundle: ${name} is not installed (npm install first)`);
    if (visit(dir, name)) {
      top.push(name);
      add(dir, name);
    }
  }
  const needs = {};
  for (const [name, p] of packages) {
    for (const [dep, range] of Object.entries(p.dependencies)) {
      if (packages.has(dep)) continue;
      if (needs[dep] !== undefined && needs[dep] !== range) throw new Error(`bundle: the bundled packages need ${dep} at ${needs[dep]} and at ${range} (${name})`);
      needs[dep] = range;
    }
  }
  return { packages, top: top.sort(), needs, patched };
}

/**
 * Whether the patch `file` is applied in the tree under `root` (its paths, a/node_modules/<name>/…, taken from
 * there): every hunk's result — its context and added lines, in order — is in the patched file. Returns `missing`,
 * each hunk not applied (a copy that only partly carries the patch names the rest; an empty list when it all is),
 * and `files`, the files the patch changes.
 */
export function patchApplied(root, file) {
  const text = readFileSync(file, "utf8");
  let target;
  let hunk;
  const missing = [];
  const files = [];
  const check = () => {
    if (!hunk || !target) return;
    const have = existsSync(join(root, target)) ? readFileSync(join(root, target), "utf8") : undefined;
    if (have === undefined) missing.push(`${target}: missing`);
    else if (!have.includes(hunk.join("\n"))) missing.push(`${target}: the hunk at +${hunk.at} is not applied`);
    hunk = undefined;
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      check();
      target = undefined;
    } else if (line.startsWith("+++ ")) {
      target = line.slice(4).replace(/^b\//, "");
      files.push(target);
    } else if (line.startsWith("@@")) {
      check();
      hunk = Object.assign([], { at: /\+(\d+)/.exec(line)?.[1] });
    } else if (hunk && (line.startsWith(" ") || line.startsWith("+"))) {
      hunk.push(line.slice(1));
    } else if (hunk && line.startsWith("\\")) {
      // "\ No newline at end of file"
    }
  }
  check();
  return { missing, files };
}
