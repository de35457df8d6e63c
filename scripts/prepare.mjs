// npm's prepare hook: compile and build the CLI's startup snapshot when this repository itself is installed (npm ci /
// npm install here), not when a service scaffolded by `micro new` installs it as a file: dependency — that install must not rebuild (or race
// with) the toolchain the server is running from. npm sets INIT_CWD to where it was invoked.
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";

const here = realpathSync(process.cwd());
const invokedFrom = process.env.INIT_CWD ? realpathSync(process.env.INIT_CWD) : here;
if (invokedFrom !== here) process.exit(0);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/build-cli-snapshot.mjs"], { stdio: "inherit" });
