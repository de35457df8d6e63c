// Assembles the packages by audience from the compiled dist/ (run by `npm run build` after tsc):
//   micro-ts          the framework a service depends on: Service and the primitives' clients ("."), the RPC layer
//                     ("./rpc", which generated code imports)
//   protoc-gen-micro  the protoc plugin, runnable with npx without the server's dependencies
// The server and the CLI stay the repository's own package (everything). Why assembled, not workspaces: the source
// tree stays one TypeScript project with one tsc run; each package is the import closure of its entry points
// (scripts/packages/closure.mjs), copied into dist/packages/<name>/ with relative paths kept, and its dependencies
// are exactly the npm packages that closure imports, at the root package.json's ranges. A closure that imports a
// package the root does not declare fails the build. Each package is packed into dist/packages/<name>-<version>.tgz,
// and dist/packages/index.json lists them: the server provides micro-ts to the services it builds from there
// (runtime/launcher/framework.ts).
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { closure } from "./packages/closure.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(repo, "dist");
const root = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

export const AUDIENCES = [
  {
    name: "micro-ts",
    description: "Micro for TypeScript: the service framework (Service, the platform's clients, the RPC layer)",
    exports: { ".": "runtime/service/index.js", "./rpc": "runtime/rpc/index.js" },
  },
  {
    name: "protoc-gen-micro",
    description: "protoc plugin of Micro for TypeScript: handlers, clients, CLI and route tables from protos",
    bin: { "protoc-gen-micro": "generators/plugin/main.js" },
  },
];

function assemble(audience, out) {
  const entries = [...Object.values(audience.exports ?? {}), ...Object.values(audience.bin ?? {})];
  const { modules, packages } = closure(dist, entries);
  const dir = join(out, audience.name);
  for (const mod of modules) {
    for (const ext of [".js", ".js.map", ".d.ts", ".d.ts.map"]) {
      const from = join(dist, mod + ext);
      if (!existsSync(from)) continue;
      mkdirSync(dirname(join(dir, mod + ext)), { recursive: true });
      copyFileSync(from, join(dir, mod + ext));
    }
  }
  const dependencies = {};
  for (const name of packages) {
    const range = root.dependencies?.[name];
    if (!range) throw new Error(`build-packages: ${audience.name} imports ${name}, which package.json does not list in dependencies`);
    dependencies[name] = range;
  }
  const bin = {};
  for (const [command, entry] of Object.entries(audience.bin ?? {})) {
    // a bin of its own: no TypeScript loader, the compiled entry's main()
    const file = join(dir, "bin", `${command}.js`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `#!/usr/bin/env node\nimport("../${entry}").then((m) => m.main());\n`);
    chmodSync(file, 0o755);
    bin[command] = `bin/${command}.js`;
  }
  const pkg = {
    name: audience.name, version: root.version, description: audience.description, license: root.license,
    type: "module", engines: root.engines,
    ...(audience.exports ? { exports: Object.fromEntries(Object.entries(audience.exports).map(([k, v]) => [k, `./${v}`])) } : {}),
    ...(audience.bin ? { bin } : {}),
    dependencies,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  if (existsSync(join(repo, "LICENSE"))) copyFileSync(join(repo, "LICENSE"), join(dir, "LICENSE"));
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--loglevel=error", "--pack-destination", out], { cwd: dir, encoding: "utf8" }));
  return { version: root.version, tarball: packed[0].filename, modules: modules.length, dependencies };
}

// Built aside and moved into place, so a server reading dist/packages meanwhile sees the old set or the new one.
const out = join(dist, "packages");
const fresh = `${out}.${process.pid}.tmp`;
rmSync(fresh, { recursive: true, force: true });
mkdirSync(fresh, { recursive: true });
const index = {};
for (const audience of AUDIENCES) index[audience.name] = assemble(audience, fresh);
writeFileSync(join(fresh, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
rmSync(out, { recursive: true, force: true });
renameSync(fresh, out);
for (const [name, p] of Object.entries(index)) {
  console.log(`build-packages: ${p.tarball} (${p.modules} modules; ${Object.keys(p.dependencies).join(", ") || "no dependencies"})`);
}
