// The build's one list of steps (tsc, the CLI's startup snapshot, the web interface's bundle, the packages by
// audience), run by `npm run build` (`--always`) and by npm's prepare hook. As the prepare hook it builds only when this repository itself is installed
// (npm ci / npm install here), not when a service scaffolded by `micro new` installs it as a file: dependency — that
// install must not rebuild (or race with) the toolchain the server is running from. npm sets INIT_CWD to where it
// was invoked.
// Each step says what it is doing first: tsc alone takes a minute or more on a small machine, and npm prints
// nothing else meanwhile.
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";

const here = realpathSync(process.cwd());
const invokedFrom = process.env.INIT_CWD ? realpathSync(process.env.INIT_CWD) : here;
if (!process.argv.includes("--always") && invokedFrom !== here) process.exit(0);

function step(what, args) {
  const started = Date.now();
  process.stdout.write(`micro-ts: ${what}...\n`);
  execFileSync(process.execPath, args, { stdio: "inherit" });
  process.stdout.write(`micro-ts: ${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
step("compiling TypeScript into dist/ (up to a couple of minutes on a small, busy machine)", [tsc, "-p", "tsconfig.json"]);
step("building the CLI's startup snapshot", ["scripts/build-cli-snapshot.mjs"]);
step("bundling the web interface (web/ → dist/web)", ["scripts/build-web.mjs"]);
step("assembling the packages by audience (micro-ts, protoc-gen-micro) into dist/packages", ["scripts/build-packages.mjs"]);
