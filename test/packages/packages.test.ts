// The packages by audience (scripts/build-packages.mjs, run by npm run build): each assembled package declares
// exactly the npm packages its files import and holds every module they import; micro-ts is the framework only;
// each packed tarball installed alone in an empty directory works (micro-ts imports; protoc-gen-micro answers a
// CodeGeneratorRequest byte for byte as bin/protoc-gen-micro does) without the server's dependencies. And a
// scaffold names micro-ts by version, which the server's builder provides or refuses with both versions named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { renderScaffold, scaffoldValues } from "../../runtime/cli/scaffold/index.js";
import { build } from "../../runtime/launcher/builder.js";
import { frameworkRange, mismatch, providedFramework } from "../../runtime/launcher/framework.js";
import { LogFile } from "../../runtime/launcher/log-file.js";
import { fixtureNamed, PLUGIN_BIN, REPO, requestFor } from "../generators/helpers.js";

const PACKAGES = join(REPO, "dist", "packages");
const ROOT = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
const INDEX = JSON.parse(readFileSync(join(PACKAGES, "index.json"), "utf8")) as Record<string, { version: string; tarball: string }>;
/** What only the server and the CLI need. */
const PLATFORM_ONLY = ["lmdb", "pg", "ts-morph", "clipanion", "handlebars", "jose", "ws", "google-proto-files", "fastest-levenshtein", "yaml", "semver"];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith("node_modules/"));
}

/** The npm packages a package's .js and .d.ts files import, and the relative imports that lead to no file of it. */
function importsOfPackage(dir: string): { packages: string[]; missing: string[] } {
  const packages = new Set<string>();
  const missing: string[] = [];
  for (const file of files(dir).filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))) {
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(join(dir, file), "utf8"), true, true).importedFiles) {
      if (spec.startsWith(".")) {
        const target = join(dir, dirname(file), spec);
        if (!existsSync(target) && !existsSync(target.replace(/\.js$/, ".d.ts"))) missing.push(`${file} → ${spec}`);
      } else if (!spec.startsWith("node:") && !builtinModules.includes(spec)) {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
      }
    }
  }
  return { packages: [...packages].sort(), missing };
}

function manifest(name: string): { version: string; dependencies: Record<string, string>; exports?: Record<string, string>; bin?: Record<string, string> } {
  return JSON.parse(readFileSync(join(PACKAGES, name, "package.json"), "utf8"));
}

/** Installs one packed package, alone, into a fresh directory outside the repository (no node_modules above it). */
function installAlone(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pkg-${name}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "probe", private: true, type: "module" }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(PACKAGES, INDEX[name]!.tarball)],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  return dir;
}

test("the build assembles and packs micro-ts and protoc-gen-micro at the toolchain's version", () => {
  assert.deepEqual(Object.keys(INDEX).sort(), ["micro-ts", "protoc-gen-micro"]);
  for (const [name, p] of Object.entries(INDEX)) {
    assert.equal(p.version, ROOT.version, name);
    assert.equal(manifest(name).version, ROOT.version, name);
    assert.ok(existsSync(join(PACKAGES, p.tarball)), `${p.tarball} packed`);
  }
});

test("each package declares exactly the npm packages its files import, at the root's ranges, and holds every module they import", () => {
  for (const name of Object.keys(INDEX)) {
    const { packages, missing } = importsOfPackage(join(PACKAGES, name));
    const deps = manifest(name).dependencies;
    assert.deepEqual(Object.keys(deps).sort(), packages, `${name}'s dependencies`);
    for (const [dep, range] of Object.entries(deps)) assert.equal(range, ROOT.dependencies[dep], `${name}: ${dep}'s range`);
    assert.deepEqual(missing, [], `${name}: imports that lead nowhere`);
  }
});

test("micro-ts is the framework: service, rpc, wire and the primitives' clients, none of the server or the CLI", () => {
  const m = manifest("micro-ts");
  assert.deepEqual(m.exports, { ".": "./runtime/service/index.js", "./rpc": "./runtime/rpc/index.js" });
  for (const dep of PLATFORM_ONLY) assert.ok(!(dep in m.dependencies), `micro-ts depends on ${dep}`);
  const modules = files(join(PACKAGES, "micro-ts")).filter((f) => f.endsWith(".js"));
  assert.ok(modules.includes("runtime/store/remote.js"), "the store's client is in");
  // the server's directories, and the engines and handlers beside each primitive's client (runtime/debug/handler is
  // the Debug endpoint every service serves itself)
  const platform = modules.filter((f) => /^(generators|runtime\/(server|gateway|proxy|cli|launcher|engine|auth|network|router))\/|^runtime\/(store|config|events|broker|registry)\/(handler|[a-z-]+-handler|embedded|embedded-[a-z]+|postgres|postgres-[a-z]+|scoped)\.js$/.test(f));
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
