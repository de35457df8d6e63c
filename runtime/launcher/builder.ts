// Builds a service's source with its own toolchain and says how to start it: Node/TypeScript (npm),
// Go (go build) or Python (pip into a local folder). Output goes to the service log.
// The source is the namespace's: what is in it is looked at as the namespace's user (o.user), never by the server,
// so a package.json that is a symlink to a server file stays unreadable.
import { join } from "node:path";
import { runAs, runStep, type StepOptions } from "./exec.js";
import { provideFramework, type PackageJson } from "./framework.js";

export interface StartCommand { command: string; args: string[]; env?: Record<string, string> }

const NPM_PRELOAD = new URL("./npm-preload.js", import.meta.url).href;
const MARKERS = ["package.json", "go.mod", "main.py", "requirements.txt"];
/** Lists which MARKERS exist, a line "--", then package.json's text. */
const INSPECT = `for f in ${MARKERS.join(" ")}; do [ -e "$f" ] && echo "$f"; done; echo --; [ -f package.json ] && cat package.json; exit 0`;

export async function build(dir: string, o: StepOptions): Promise<StartCommand> {
  const out = await runAs(o.user, "sh", ["-c", INSPECT], dir);
  const split = out.indexOf("--\n");
  const found = new Set(out.slice(0, split).split("\n"));
  if (found.has("package.json")) return buildNode(dir, out.slice(split + 3), o);
  if (found.has("go.mod")) return buildGo(dir, o);
  if (found.has("main.py") || found.has("requirements.txt")) return buildPython(dir, found.has("requirements.txt"), o);
  throw new Error("no package.json, go.mod or main.py: cannot tell how to build this service");
}

async function buildNode(dir: string, packageJson: string, o: StepOptions): Promise<StartCommand> {
  let pkg: PackageJson & { scripts?: Record<string, string>; main?: string };
  try {
    pkg = JSON.parse(packageJson);
  } catch (err) {
    throw new Error(`package.json is not valid JSON: ${(err as Error).message}`);
  }
  // micro-ts is not on the registry: the server provides it (framework.ts)
  await provideFramework(dir, pkg, o);
  const npmEnv = { ...o.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  // as a sandbox user, npm may not chmod the bins of a `file:` dependency it does not own (see npm-preload.ts)
  const installEnv = o.user ? { ...npmEnv, NODE_OPTIONS: `${o.env.NODE_OPTIONS ?? ""} --import=${NPM_PRELOAD}`.trim() } : npmEnv;
  await runStep("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { ...o, cwd: dir, env: installEnv });
  if (pkg.scripts?.build) await runStep("npm", ["run", "build", "--silent"], { ...o, cwd: dir, env: npmEnv });
  // Start with node directly (not `npm start`) so signals reach the service and no npm process sits between.
  const start = pkg.scripts?.start;
  const direct = start && /^node\s+([^\s;&|]+)$/.exec(start.trim());
  if (direct) return { command: process.execPath, args: [direct[1]] };
  if (start) return { command: "npm", args: ["start", "--silent"] };
  return { command: process.execPath, args: [pkg.main ?? "index.js"] };
}

async function buildGo(dir: string, o: StepOptions): Promise<StartCommand> {
  await runStep("go", ["build", "-o", ".micro/service", "."], { ...o, cwd: dir });
  return { command: join(dir, ".micro/service"), args: [] };
}

async function buildPython(dir: string, requirements: boolean, o: StepOptions): Promise<StartCommand> {
  const deps = join(dir, ".micro", "deps");
  if (requirements) {
    // pip builds a local-path requirement (the scaffold's SDK, in the toolchain) inside that directory, which a
    // sandbox user may not write: setuptools puts its egg-info and build output under .micro instead.
    const env = o.user ? { ...o.env, DIST_EXTRA_CONFIG: await setuptoolsScratch(dir, o) } : o.env;
    await runStep("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", deps, "-r", "requirements.txt"], { ...o, cwd: dir, env });
  }
  return { command: "python3", args: ["main.py"], env: { PYTHONPATH: deps } };
}

/** A setuptools config (read through DIST_EXTRA_CONFIG) that sends egg_info and build output to .micro/setuptools. */
async function setuptoolsScratch(dir: string, o: StepOptions): Promise<string> {
  const scratch = join(dir, ".micro", "setuptools");
  const write = `mkdir -p "$1" && printf '[egg_info]\\negg_base = %s\\n[build]\\nbuild_base = %s/build\\n' "$1" "$1" > "$1/setup.cfg"`;
  await runAs(o.user, "sh", ["-c", write, "sh", scratch], dir);
  return join(scratch, "setup.cfg");
}
