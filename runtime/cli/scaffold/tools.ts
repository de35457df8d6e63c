// The code generators a Go or Python scaffold needs at `micro new` time: protoc with protoc-gen-go and
// protoc-gen-go-grpc, or grpcio-tools. What is missing and can be built from a registry is installed once into
// a cache directory (Go plugins with `go install`, grpcio-tools with `pip install --target`); what cannot
// (go, protoc, python3) is named in a clear error.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { GO_PLUGINS } from "../../../generators/emit/sdk/plugins.js";
import { CliError } from "../errors.js";

export interface RunOptions { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }

/** Runs a command to completion; rejects with the command line and the tail of its output. */
export function run(command: string, args: string[], o: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: o.cwd, env: o.env ?? process.env, timeout: o.timeoutMs ?? 300_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const output = `${stderr}${stdout}`.trim().split("\n").slice(-15).join("\n");
        reject(Object.assign(new Error(`${command} ${args.join(" ")} failed${output ? `:\n${output}` : ` (${err.message})`}`), { code: (err as { code?: unknown }).code }));
      });
  });
}

/** ~/.cache/micro-ts/tools (XDG_CACHE_HOME respected; MICRO_TOOLS_CACHE overrides). */
export function toolsCache(): string {
  return process.env.MICRO_TOOLS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "micro-ts", "tools");
}

const INSTALL_HINTS: Record<string, string> = {
  go: "install Go from https://go.dev/dl",
  protoc: "install the protocol buffer compiler, e.g. apt-get install protobuf-compiler or brew install protobuf",
  python3: "install Python 3 from https://www.python.org/downloads",
};

/** Fails with what to install when `command` does not run. */
export async function requireCommand(lang: string, command: string, versionArgs: string[]): Promise<void> {
  try {
    await run(command, versionArgs, { timeoutMs: 30_000 });
  } catch (err) {
    const why = (err as { code?: unknown }).code === "ENOENT" ? "is not on PATH" : "does not run";
    throw new CliError(`micro new --lang ${lang} needs ${command}, which ${why}: ${INSTALL_HINTS[command] ?? "install it"}`);
  }
}

/** Paths of protoc-gen-go and protoc-gen-go-grpc at the versions the SDKs are generated with. */
export async function goPlugins(): Promise<Record<string, string>> {
  const dir = toolsCache();
  const out: Record<string, string> = {};
  for (const [name, module] of Object.entries(GO_PLUGINS)) {
    const path = join(dir, `${name}@${module.split("@")[1]}`);
    if (!existsSync(path)) await installAtomically(dir, path, async (tmp) => {
      await run("go", ["install", module], { env: { ...process.env, GOBIN: tmp }, timeoutMs: 600_000 });
      return join(tmp, name);
    });
    out[name] = path;
  }
  return out;
}

/** The environment under which `python3 -m grpc_tools.protoc` is grpcio-tools `version`: as is when that is
 * what python3 has, else with PYTHONPATH on a copy pip installed into the cache. */
export async function grpcTools(version: string): Promise<NodeJS.ProcessEnv> {
  const probe = "import importlib.metadata as m, grpc_tools.protoc; print(m.version('grpcio-tools'))";
  const installed = await run("python3", ["-c", probe], { timeoutMs: 60_000 }).then((v) => v.trim(), () => "");
  if (installed === version) return process.env;
  const dir = toolsCache();
  const target = join(dir, `grpcio-tools@${version}`);
  if (!existsSync(target)) await installAtomically(dir, target, async (tmp) => {
    await run("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", tmp, `grpcio-tools==${version}`], { timeoutMs: 600_000 });
    return tmp;
  });
  return { ...process.env, PYTHONPATH: [target, process.env.PYTHONPATH].filter(Boolean).join(":") };
}

/** Builds into a private directory, then renames into place: a concurrent `micro new` never sees half a tool. */
async function installAtomically(dir: string, path: string, build: (tmp: string) => Promise<string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = await mkdtemp(join(dir, "build-"));
  try {
    const built = await build(tmp);
    await rename(built, path).catch((err) => { if (!existsSync(path)) throw err; });
  } catch (err) {
    throw new CliError(`installing ${path.split("/").pop()} into ${dir} failed: ${(err as Error).message}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
