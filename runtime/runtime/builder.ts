// Builds a service's source with its own toolchain and says how to start it: Node/TypeScript (npm),
// Go (go build) or Python (pip into a local folder). Output goes to the service log.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runStep, type StepOptions } from "./exec.js";

export interface StartCommand { command: string; args: string[]; env?: Record<string, string> }

export async function build(dir: string, o: StepOptions): Promise<StartCommand> {
  if (existsSync(join(dir, "package.json"))) return buildNode(dir, o);
  if (existsSync(join(dir, "go.mod"))) return buildGo(dir, o);
  if (existsSync(join(dir, "main.py")) || existsSync(join(dir, "requirements.txt"))) return buildPython(dir, o);
  throw new Error("no package.json, go.mod or main.py: cannot tell how to build this service");
}

async function buildNode(dir: string, o: StepOptions): Promise<StartCommand> {
  let pkg: { scripts?: Record<string, string>; main?: string };
  try {
    pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch (err) {
    throw new Error(`package.json is not valid JSON: ${(err as Error).message}`);
  }
  const npmEnv = { ...o.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  await runStep("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { ...o, cwd: dir, env: npmEnv });
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

async function buildPython(dir: string, o: StepOptions): Promise<StartCommand> {
  const deps = join(dir, ".micro", "deps");
  if (existsSync(join(dir, "requirements.txt"))) {
    await runStep("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", deps, "-r", "requirements.txt"], { ...o, cwd: dir });
  }
  return { command: "python3", args: ["main.py"], env: { PYTHONPATH: deps } };
}
