// The packages by audience (scripts/build-packages.mjs, run by npm run build): each assembled package declares
// exactly the npm packages its own files import plus the packages that own the modules it imports by their name,
// and holds every module it imports relatively; no module is in two packages, and a package depends only on the
// packages before it (no cycle); micro-ts is the framework only; micro-ts and protoc-gen-micro installed alone work
// (micro-ts imports; protoc-gen-micro answers a CodeGeneratorRequest byte for byte as bin/protoc-gen-micro does)
// without the server's dependencies; the four installed together give a working `micro` and `micro-server`. And a
// scaffold names micro-ts by version, which the server's builder provides or refuses with both versions named.
// The packages that run code generation carry the patched @bufbuild/protoplugin (patches/) in their tarball, which
// an installed protoc-gen-micro loads (and no other copy) when it generates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { renderScaffold, scaffoldValues } from "../../runtime/cli/scaffold/index.js";
import { build } from "../../runtime/launcher/builder.js";
import { frameworkRange, mismatch, providedFramework } from "../../runtime/launcher/framework.js";
import { LogFile } from "../../runtime/launcher/log-file.js";
import { fixtureNamed, PLUGIN_BIN, REPO, requestFor } from "../generators/helpers.js";
import { freePort, until } from "../support/wait.js";

const PACKAGES = join(REPO, "dist", "packages");
const ROOT = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
/** In dependency order: a package may depend only on those before it. */
const ORDER = ["micro-ts", "protoc-gen-micro", "micro-ts-server", "micro-ts-cli"];
/** The closure module's readers of a module's imports, of what it loads without importing (require.resolve, new URL)
 * and of a specifier's package: the same reading the build uses, so the check below sees what the build saw. */
const { importsOf, loadsOf, packageName } = (await import(join(REPO, "scripts", "packages", "closure.mjs"))) as {
  importsOf(text: string): string[];
  loadsOf(text: string): { urls: string[]; resolved: string[] };
  packageName(specifier: string): string;
};
const INDEX = JSON.parse(readFileSync(join(PACKAGES, "index.json"), "utf8")) as Record<string, { version: string; tarball: string }>;
/** What only the server and the CLI need. */
const PLATFORM_ONLY = ["lmdb", "pg", "ts-morph", "clipanion", "handlebars", "ws", "google-proto-files", "fastest-levenshtein", "yaml", "semver"];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith("node_modules/"));
}

/** The npm packages a package's .js and .d.ts files import (the four packages' names apart: `owners`), bare imports
 * of the other packages' modules that lead to no file of theirs, and relative imports that lead to no file of it. */
function importsOfPackage(dir: string): { packages: string[]; owners: string[]; missing: string[] } {
  const packages = new Set<string>();
  const owners = new Set<string>();
  const missing: string[] = [];
  for (const file of files(dir).filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const specs = importsOf(text);
    if (file.endsWith(".js")) specs.push(...loadsOf(text).resolved);
    for (const spec of specs) {
      if (spec.startsWith(".")) {
        const target = join(dir, dirname(file), spec);
        if (!existsSync(target) && !existsSync(target.replace(/\.js$/, ".d.ts"))) missing.push(`${file} → ${spec}`);
      } else if (!spec.startsWith("node:") && !builtinModules.includes(spec)) {
        const name = packageName(spec);
        if (ORDER.includes(name)) {
          owners.add(name);
          const target = join(PACKAGES, name, spec.slice(name.length + 1));
          if (!existsSync(target) && !existsSync(target.replace(/\.js$/, ".d.ts"))) missing.push(`${file} → ${spec}`);
        } else {
          packages.add(name);
        }
      }
    }
  }
  return { packages: [...packages].sort(), owners: [...owners].sort(), missing };
}

/** The modules a package holds (compiled .js, without the dist/ the server and the CLI keep them under). */
function modulesOf(name: string): string[] {
  return files(join(PACKAGES, name))
    .filter((f) => f.endsWith(".js") && !f.startsWith("bin/") && !f.startsWith("templates/"))
    .map((f) => f.replace(/^dist\//, ""));
}

function manifest(name: string): { version: string; dependencies: Record<string, string>; bundleDependencies?: string[]; exports?: Record<string, string>; bin?: Record<string, string> } {
  return JSON.parse(readFileSync(join(PACKAGES, name, "package.json"), "utf8"));
}

/** The npm packages a package carries under its node_modules/ (bundleDependencies and what they bring along), each
 * with its dependencies, and `needs`: those of their dependencies it does not carry (npm installs nothing for a
 * bundled package, so the carrying package must declare them). */
function carried(name: string): { packages: Map<string, { version: string; dependencies: Record<string, string> }>; needs: Record<string, string> } {
  const modules = join(PACKAGES, name, "node_modules");
  const packages = new Map<string, { version: string; dependencies: Record<string, string> }>();
  if (existsSync(modules)) {
    for (const entry of readdirSync(modules)) {
      for (const pkg of entry.startsWith("@") ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry]) {
        const m = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")) as { version: string; dependencies?: Record<string, string> };
        packages.set(pkg, { version: m.version, dependencies: m.dependencies ?? {} });
      }
    }
  }
  const needs: Record<string, string> = {};
  for (const p of packages.values()) for (const [dep, range] of Object.entries(p.dependencies)) if (!packages.has(dep)) needs[dep] = range;
  return { packages, needs };
}

/** Installs one packed package, alone, into a fresh directory outside the repository (no node_modules above it). */
function installAlone(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pkg-${name}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "probe", private: true, type: "module" }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(PACKAGES, INDEX[name]!.tarball)],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  return dir;
}

test("the build assembles and packs micro-ts, protoc-gen-micro, micro-ts-server and micro-ts-cli at the toolchain's version", () => {
  assert.deepEqual(Object.keys(INDEX), ORDER);
  for (const [name, p] of Object.entries(INDEX)) {
    assert.equal(p.version, ROOT.version, name);
    assert.equal(manifest(name).version, ROOT.version, name);
    assert.ok(existsSync(join(PACKAGES, p.tarball)), `${p.tarball} packed`);
  }
});

test("each package declares exactly the npm packages its files import, at the root's ranges, what the packages it carries need, at their ranges, and the packages whose modules it imports, at the toolchain's version", () => {
  for (const name of ORDER) {
    const { packages, owners, missing } = importsOfPackage(join(PACKAGES, name));
    const { needs } = carried(name);
    const deps = manifest(name).dependencies;
    assert.deepEqual(Object.keys(deps).filter((d) => !ORDER.includes(d)).sort(), [...new Set([...packages, ...Object.keys(needs)])].sort(), `${name}'s npm dependencies`);
    assert.deepEqual(Object.keys(deps).filter((d) => ORDER.includes(d)).sort(), owners, `${name}'s dependencies on the other packages`);
    for (const [dep, range] of Object.entries(deps)) {
      // a package only declarations import (kubernetes-types) is the repository's devDependency; what only a
      // carried package imports is at the range it asks for
      const expected = ORDER.includes(dep) ? ROOT.version : packages.includes(dep) ? ROOT.dependencies[dep] ?? ROOT.devDependencies[dep] : needs[dep];
      assert.equal(range, expected, `${name}: ${dep}'s range`);
    }
    assert.deepEqual(missing, [], `${name}: imports that lead nowhere`);
  }
});

test("the packages that run code generation carry the patched @bufbuild/protoplugin (bundleDependencies), and nothing else is bundled", () => {
  // protoc-gen-micro runs protoplugin and protoc-gen-es in-process; the CLI runs protoc-gen-es's bin for a TS SDK
  // (generators/emit/sdk/languages/ts.ts); protoc-gen-es loads protoplugin from beside itself, so it comes along
  const expected: Record<string, string[] | undefined> = {
    "micro-ts": undefined,
    "protoc-gen-micro": ["@bufbuild/protoc-gen-es", "@bufbuild/protoplugin"],
    "micro-ts-server": undefined,
    "micro-ts-cli": ["@bufbuild/protoc-gen-es"],
  };
  for (const name of ORDER) {
    const m = manifest(name);
    assert.deepEqual(m.bundleDependencies, expected[name], `${name}'s bundleDependencies`);
    const { packages } = carried(name);
    assert.deepEqual([...packages.keys()].sort(), m.bundleDependencies ? ["@bufbuild/protoc-gen-es", "@bufbuild/protoplugin"] : [], `what ${name} carries`);
    for (const [pkg, p] of packages) {
      // npm requires a bundled package to be a dependency, at a range its copy satisfies (the repository's pinned one)
      if (m.bundleDependencies?.includes(pkg)) assert.equal(m.dependencies[pkg], ROOT.dependencies[pkg], `${name}: ${pkg}'s range`);
      assert.equal(p.version, ROOT.dependencies[pkg], `${name} carries ${pkg} ${p.version}`);
    }
    if (packages.size) {
      assert.match(readFileSync(join(PACKAGES, name, "node_modules", "@bufbuild", "protoplugin", "dist", "cjs", "names.js"), "utf8"), /allNamesCache/, `${name}'s protoplugin is patched`);
      // the packed tarball holds the same (npm pack packs node_modules/ only through bundleDependencies)
      const listed = execFileSync("tar", ["-tzf", join(PACKAGES, INDEX[name]!.tarball)], { encoding: "utf8" }).split("\n");
      assert.ok(listed.includes("package/node_modules/@bufbuild/protoplugin/dist/cjs/names.js"), `${INDEX[name]!.tarball} holds protoplugin`);
      assert.ok(listed.includes("package/node_modules/@bufbuild/protoc-gen-es/dist/cjs/src/protoc-gen-es-plugin.js"), `${INDEX[name]!.tarball} holds protoc-gen-es`);
      assert.ok(!listed.some((f) => f.startsWith("package/node_modules/@bufbuild/protoplugin/node_modules/")), "not what npm installed under protoplugin");
    }
  }
});

test("no module is in two packages, and each package depends only on the packages before it (no cycle)", () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const name of ORDER) {
    for (const mod of modulesOf(name)) {
      if (seen.has(mod)) twice.push(`${mod}: ${seen.get(mod)} and ${name}`);
      seen.set(mod, name);
    }
  }
  assert.deepEqual(twice, []);
  for (const [i, name] of ORDER.entries()) {
    const later = Object.keys(manifest(name).dependencies).filter((d) => ORDER.indexOf(d) >= i);
    assert.deepEqual(later, [], `${name} depends on itself or a later package`);
  }
  assert.deepEqual(Object.keys(manifest("micro-ts-server").dependencies).filter((d) => ORDER.includes(d)).sort(), ["micro-ts", "protoc-gen-micro"]);
  assert.deepEqual(Object.keys(manifest("micro-ts-cli").dependencies).filter((d) => ORDER.includes(d)).sort(), ["micro-ts", "micro-ts-server", "protoc-gen-micro"]);
  // the server's and the CLI's own modules
  assert.ok(seen.get("runtime/server/server.js") === "micro-ts-server" && seen.get("runtime/gateway/index.js") === "micro-ts-server");
  assert.equal(seen.get("runtime/cli/main.js"), "micro-ts-cli");
  assert.equal(seen.get("runtime/rpc/index.js"), "micro-ts");
});

test("micro-ts is the framework: service, rpc, wire and the primitives' clients, none of the server or the CLI", () => {
  const m = manifest("micro-ts");
  assert.deepEqual(m.exports, { ".": "./runtime/service/index.js", "./rpc": "./runtime/rpc/index.js", "./package.json": "./package.json", "./*": "./*" });
  for (const dep of PLATFORM_ONLY) assert.ok(!(dep in m.dependencies), `micro-ts depends on ${dep}`);
  const modules = files(join(PACKAGES, "micro-ts")).filter((f) => f.endsWith(".js"));
  assert.ok(modules.includes("runtime/store/remote.js"), "the store's client is in");
  // the server's directories, and the engines and handlers beside each primitive's client (runtime/debug/handler is
  // the Debug endpoint every service serves itself); of auth, services take the client, the policy and the claims
  // they verify callers with (runtime/service/verify.ts), never the engine, its keys or its token signing
  const authServer = /^runtime\/auth\/(index|handler|embedded|store|sessions|keys|tokens|secrets|ratelimit|gate|signup|middleware|call-tokens)\.js$/;
  const platform = modules.filter((f) => authServer.test(f) || /^(generators|runtime\/(server|gateway|proxy|cli|launcher|engine|network|router))\/|^runtime\/(store|config|events|broker|registry)\/(handler|[a-z-]+-handler|embedded|embedded-[a-z]+|postgres|postgres-[a-z]+|scoped)\.js$/.test(f));
  assert.deepEqual(platform, [], "server, CLI or generator modules in micro-ts");
});

test("micro-ts installed alone imports, with only its few dependencies", { timeout: 300_000 }, () => {
  const dir = installAlone("micro-ts");
  try {
    const installed = readdirSync(join(dir, "node_modules"));
    for (const dep of PLATFORM_ONLY) assert.ok(!installed.includes(dep), `${dep} installed with micro-ts`);
    const out = execFileSync(process.execPath, ["--input-type=module", "-e",
      'const s = await import("micro-ts"); const r = await import("micro-ts/rpc"); console.log(typeof s.Service, typeof r.MicroError)'], { cwd: dir, encoding: "utf8" });
    assert.equal(out.trim(), "function function");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("protoc-gen-micro installed alone answers a CodeGeneratorRequest as bin/protoc-gen-micro does", { timeout: 300_000 }, () => {
  const dir = installAlone("protoc-gen-micro");
  try {
    const installed = readdirSync(join(dir, "node_modules"));
    for (const dep of [...PLATFORM_ONLY, "@grpc"]) assert.ok(!installed.includes(dep), `${dep} installed with protoc-gen-micro`);
    const bin = join(dir, "node_modules", ".bin", "protoc-gen-micro");
    const version = spawnSync(bin, ["--version"], { encoding: "utf8" });
    assert.equal(version.stdout.trim(), `protoc-gen-micro v${ROOT.version}`);
    const request = protobuf.toBinary(wkt.CodeGeneratorRequestSchema, requestFor(fixtureNamed("helloworld"), "targets=ts+cli+routes+openapi"));
    const env = { ...process.env, MICRO_NO_CACHE: "1" };
    const packed = spawnSync(bin, [], { input: request, env });
    const repo = spawnSync(process.execPath, [PLUGIN_BIN], { input: request, env });
    assert.equal(packed.status, 0, packed.stderr?.toString());
    assert.equal(repo.status, 0, repo.stderr?.toString());
    const response = protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, packed.stdout);
    assert.equal(response.error ?? "", "");
    assert.ok(response.file.some((f) => f.name.endsWith("_micro.ts")), "the plugin generated the service code");
    assert.ok(Buffer.compare(packed.stdout, repo.stdout) === 0, "the same response bytes");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Run in a plugin process (NODE_OPTIONS=--require): at exit, writes the protoplugin copies the process loaded
 * (each names.js in require.cache) to $PROTOPLUGIN_LOADED. */
const LOADED_HOOK = `process.on("exit", () => require("node:fs").writeFileSync(process.env.PROTOPLUGIN_LOADED,
  JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]@bufbuild[\\\\/]protoplugin[\\\\/]dist[\\\\/]cjs[\\\\/]names\\.js$/.test(f)))));\n`;

test("protoc-gen-micro installed alone carries the patched @bufbuild/protoplugin: the plugin and protoc-gen-es load that one copy, and generation works, TypeScript, JS and declarations", { timeout: 300_000 }, () => {
  const dir = installAlone("protoc-gen-micro");
  const work = mkdtempSync(join(tmpdir(), "pkg-protoplugin-"));
  try {
    const plugin = join(dir, "node_modules", "protoc-gen-micro");
    const carriedCopy = join(plugin, "node_modules", "@bufbuild", "protoplugin");
    // as node resolves it from the plugin's module that loads it, and from the protoc-gen-es that module loads
    const fromPlugin = createRequire(join(plugin, "generators", "cjs", "protoplugin.js"));
    const protocGenEs = fromPlugin.resolve("@bufbuild/protoc-gen-es/dist/cjs/src/protoc-gen-es-plugin.js");
    assert.ok(protocGenEs.startsWith(join(plugin, "node_modules") + sep), `protoc-gen-es from ${protocGenEs}`);
    for (const [who, req] of [["protoc-gen-micro", fromPlugin], ["protoc-gen-es", createRequire(protocGenEs)]] as const) {
      const at = req.resolve("@bufbuild/protoplugin");
      assert.equal(at, join(carriedCopy, "dist", "cjs", "index.js"), `${who} loads protoplugin from ${at}`);
    }
    assert.match(readFileSync(join(carriedCopy, "dist", "cjs", "names.js"), "utf8"), /allNamesCache/, "names.js carries the patch");
    assert.match(readFileSync(join(carriedCopy, "dist", "cjs", "source-code-info.js"), "utf8"), /locationsByPath/, "source-code-info.js carries the patch");
    assert.ok(!existsSync(join(dir, "node_modules", "@bufbuild", "protoplugin")), "no unpatched protoplugin installed beside it");

    // a generation: the process loads one protoplugin, the carried one; TypeScript as the repository's plugin gives
    // it, and JS and declarations (protoplugin's transpiler: typescript and @typescript/vfs, which it declares)
    const hook = join(work, "hook.cjs");
    writeFileSync(hook, LOADED_HOOK);
    const bin = join(dir, "node_modules", ".bin", "protoc-gen-micro");
    for (const parameter of ["targets=ts+cli+routes", "targets=ts,target=js+dts"]) {
      const loaded = join(work, "loaded.json");
      rmSync(loaded, { force: true });
      const request = protobuf.toBinary(wkt.CodeGeneratorRequestSchema, requestFor(fixtureNamed("helloworld"), parameter));
      const env = { ...process.env, MICRO_NO_CACHE: "1", NODE_OPTIONS: `--require ${hook}`, PROTOPLUGIN_LOADED: loaded };
      const run = spawnSync(bin, [], { input: request, env });
      assert.equal(run.status, 0, run.stderr?.toString());
      const response = protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, run.stdout);
      assert.equal(response.error ?? "", "", parameter);
      const names = response.file.map((f) => f.name);
      const expected = parameter.includes("js") ? ["_pb.js", "_pb.d.ts", "_micro.js", "_micro.d.ts"] : ["_pb.ts", "_micro.ts"];
      for (const end of expected) assert.ok(names.some((n) => n.endsWith(end)), `${parameter}: a ${end} in ${names.join(", ")}`);
      assert.deepEqual(JSON.parse(readFileSync(loaded, "utf8")), [join(carriedCopy, "dist", "cjs", "names.js")], `${parameter}: the protoplugin the plugin process loaded`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

test("the four packages installed together: micro runs (version, help, generate) and micro-server starts and answers on its proxy port", { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "pkg-all-"));
  const home = mkdtempSync(join(tmpdir(), "pkg-all-home-"));
  const data = mkdtempSync(join(tmpdir(), "pkg-all-data-"));
  let server: ReturnType<typeof spawn> | undefined;
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "probe", private: true }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...ORDER.map((n) => join(PACKAGES, INDEX[n]!.tarball))],
      { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    // one copy of each package: the later ones use the tarballs installed beside them
    for (const name of ORDER) assert.ok(!existsSync(join(dir, "node_modules", name, "node_modules", "micro-ts")), `${name} has a nested micro-ts`);
    // the protoc-gen-es the CLI runs for a TS SDK (generators/emit/sdk/languages/ts.ts) is the one it carries, with
    // the patched protoplugin beside it
    const cli = join(dir, "node_modules", "micro-ts-cli");
    const sdkEs = createRequire(join(cli, "dist", "generators", "emit", "sdk", "languages", "ts.js")).resolve("@bufbuild/protoc-gen-es/bin/protoc-gen-es");
    assert.equal(sdkEs, join(cli, "node_modules", "@bufbuild", "protoc-gen-es", "bin", "protoc-gen-es"));
    const sdkPlugin = createRequire(sdkEs).resolve("@bufbuild/protoplugin");
    assert.match(readFileSync(join(dirname(sdkPlugin), "names.js"), "utf8"), /allNamesCache/, `the CLI's protoc-gen-es loads an unpatched ${sdkPlugin}`);
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home };
    const micro = join(dir, "node_modules", ".bin", "micro");
    const version = spawnSync(micro, ["--version"], { env, encoding: "utf8" });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), ROOT.version);
    const help = spawnSync(micro, ["--help"], { env, encoding: "utf8" });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /\$ micro <command>/);
    // generate (the generators, google-proto-files' protos) from the installed CLI, as the repository's does
    const project = join(home, "helloworld");
    cpSync(fixtureNamed("helloworld").root, project, { recursive: true });
    const generated = spawnSync(micro, ["generate", "."], { cwd: project, env, encoding: "utf8" });
    assert.equal(generated.status, 0, generated.stderr);
    const repoProject = join(home, "helloworld-repo");
    cpSync(fixtureNamed("helloworld").root, repoProject, { recursive: true });
    execFileSync(join(REPO, "bin", "micro"), ["generate", "."], { cwd: repoProject, env });
    for (const f of readdirSync(join(repoProject, "gen"))) {
      assert.equal(readFileSync(join(project, "gen", f), "utf8"), readFileSync(join(repoProject, "gen", f), "utf8"), `gen/${f}`);
    }

    const [proxy, api, grpcWeb] = [await freePort(), await freePort(), await freePort()];
    const ports = { MICRO_PROXY_PORT: String(proxy), MICRO_API_PORT: String(api), MICRO_GRPC_WEB_PORT: String(grpcWeb) };
    const bin = join(dir, "node_modules", ".bin", "micro-server");
    const started = spawn(bin, [], { env: { ...env, ...ports, MICRO_DATA_DIR: data }, stdio: ["ignore", "pipe", "pipe"] });
    server = started;
    let out = "";
    started.stdout!.on("data", (b: Buffer) => { out += b.toString(); });
    started.stderr!.on("data", (b: Buffer) => { out += b.toString(); });
    const exited = new Promise<number | null>((resolve) => started.on("exit", (code) => resolve(code)));
    await until(async () => (out.includes(" ready: ") ? true : started.exitCode !== null ? assert.fail(`micro-server exited: ${out}`) : undefined), "micro-server's ready line", 120_000);
    assert.match(out, new RegExp(`proxy \\(gRPC\\) 127\\.0\\.0\\.1:${proxy}, api \\(HTTP\\) 127\\.0\\.0\\.1:${api}`));
    // the installed CLI, logged out, asks the proxy: the server's answer is its auth refusal
    const services = spawnSync(micro, ["services"], { env: { ...env, ...ports }, encoding: "utf8" });
    assert.notEqual(services.status, 0);
    assert.match(services.stderr + services.stdout, /Not authorized/);
    started.kill("SIGTERM");
    assert.equal(await exited, 0, out);
    assert.match(out, /shutting down/);
    server = undefined;
  } finally {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    for (const d of [dir, home, data]) rmSync(d, { recursive: true, force: true });
  }
});

test("a TS scaffold names micro-ts by the toolchain's version, not by a path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pkg-scaffold-"));
  try {
    await renderScaffold("ts", join(dir, "greeter"), scaffoldValues("greeter"));
    const text = readFileSync(join(dir, "greeter", "package.json"), "utf8");
    assert.equal((JSON.parse(text) as { dependencies: Record<string, string> }).dependencies["micro-ts"], `^${ROOT.version}`);
    assert.doesNotMatch(text, /file:|\/work|\/home|\/root/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the builder's rule: a range the server's micro-ts satisfies is provided; another range, or a tag, is refused by name", () => {
  const have = providedFramework();
  assert.ok(have, "dist/packages/index.json lists micro-ts");
  assert.equal(have.version, ROOT.version);
  assert.deepEqual(frameworkRange({ dependencies: { "micro-ts": `^${ROOT.version}` } }), { field: "dependencies", range: `^${ROOT.version}` });
  assert.equal(mismatch(have, `^${ROOT.version}`), undefined);
  assert.equal(mismatch(have, "^99.0.0"), `this server provides micro-ts ${ROOT.version}; the service asks for ^99.0.0`);
  // a service that brings its own framework (a path, git) is npm's to fetch
  assert.equal(frameworkRange({ dependencies: { "micro-ts": "file:../toolchain" } }), undefined);
  assert.equal(frameworkRange({ dependencies: { "micro-ts": "git+https://example.com/micro.git" } }), undefined);
  assert.equal(frameworkRange({ dependencies: { other: "^1.0.0" } }), undefined);
  assert.throws(() => frameworkRange({ dependencies: { "micro-ts": "latest" } }), /micro-ts "latest" .*not a version range/);
});

test("a build asking for a micro-ts this server does not have fails before npm runs, naming both versions", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pkg-build-"));
  try {
    const pkg = { name: "svc", private: true, dependencies: { "micro-ts": "^99.0.0" } };
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg));
    const log = new LogFile(join(dir, "build.log"));
    await assert.rejects(build(dir, { cwd: dir, env: process.env, log }), new RegExp(`this server provides micro-ts ${ROOT.version.replace(/\./g, "\\.")}; the service asks for \\^99\\.0\\.0`));
    assert.ok(!existsSync(join(dir, "node_modules")), "npm install did not run");
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), pkg, "package.json untouched");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a build asking for a range the server satisfies installs the server's micro-ts from .micro/ in the build dir", { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "pkg-build-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "svc", private: true, type: "module", dependencies: { "micro-ts": `^${ROOT.version}` }, scripts: { start: "node main.js" } }));
    writeFileSync(join(dir, "main.js"), 'import { Service } from "micro-ts";\nconsole.log(typeof Service);\n');
    const log = new LogFile(join(dir, "build.log"));
    const start = await build(dir, { cwd: dir, env: process.env, log });
    assert.deepEqual(start.args, ["main.js"]);
    const local = `.micro/micro-ts-${ROOT.version}.tgz`;
    assert.equal((JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["micro-ts"], `file:${local}`);
    assert.ok(existsSync(join(dir, local)));
    assert.equal(manifest("micro-ts").version, (JSON.parse(readFileSync(join(dir, "node_modules", "micro-ts", "package.json"), "utf8")) as { version: string }).version);
    assert.equal(execFileSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" }).trim(), "function");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
