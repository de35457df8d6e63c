// npm's postinstall hook: applies patches/ (patch-package) to the installed dependencies, failing the install when a
// patch no longer applies (a dependency moved on: the patch must be remade or dropped, never silently lost).
// Today's one patch makes @bufbuild/protoplugin's name and comment look-ups indexed instead of rescanning the whole
// file for each element (docs/codegen-performance.md). Like prepare.mjs, it acts only when this repository itself
// is installed, not when a service scaffolded by `micro new` installs it as a file: dependency (that install has no
// patch-package, and this repository's node_modules is already patched).
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const here = realpathSync(process.cwd());
const invokedFrom = process.env.INIT_CWD ? realpathSync(process.env.INIT_CWD) : here;
if (invokedFrom !== here) process.exit(0);

const patchPackage = join(dirname(createRequire(import.meta.url).resolve("patch-package/package.json")), "index.js");
// --error-on-fail: patch-package otherwise exits 0 after a failed patch outside CI. It names what failed itself.
try {
  execFileSync(process.execPath, [patchPackage, "--error-on-fail"], { stdio: "inherit" });
} catch {
  process.stderr.write("micro-ts: a patch in patches/ did not apply (see above); docs/codegen-performance.md says how to remake it\n");
  process.exit(1);
}
