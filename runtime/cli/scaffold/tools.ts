// The code generators a Go or Python scaffold needs at `micro new` time: protoc with protoc-gen-go and
// protoc-gen-go-grpc, or grpcio-tools. What is missing and can be built from a registry is installed once into
// the tools cache the SDK generators share (generators/emit/sdk/tools.ts: Go plugins with `go install`,
// grpcio-tools with `pip install --target`); what cannot (go, protoc, python3) is named in a clear error.
import { join } from "node:path";
import { GO_PLUGINS, goPluginDir, installed, run } from "../../../generators/index.js";
import { CliError } from "../errors.js";

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
  const dir = await cliInstall(goPluginDir);
  return Object.fromEntries(Object.keys(GO_PLUGINS).map((name) => [name, join(dir, name)]));
}

/** The environment under which `python3 -m grpc_tools.protoc` is grpcio-tools `version`: as is when that is
 * what python3 has, else with PYTHONPATH on a copy pip installed into the cache. */
export async function grpcTools(version: string): Promise<NodeJS.ProcessEnv> {
  const probe = "import importlib.metadata as m, grpc_tools.protoc; print(m.version('grpcio-tools'))";
  const found = await run("python3", ["-c", probe], { timeoutMs: 60_000 }).then((v) => v.trim(), () => "");
  if (found === version) return process.env;
  const target = await cliInstall(() => installed(`grpcio-tools@${version}`, async (tmp) => {
    await run("python3", ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", tmp, `grpcio-tools==${version}`], { timeoutMs: 600_000 });
  }));
  return { ...process.env, PYTHONPATH: [target, process.env.PYTHONPATH].filter(Boolean).join(":") };
}

/** An install's failure as the CLI reports it: one line naming what could not be installed, and why. */
async function cliInstall(install: () => Promise<string>): Promise<string> {
  try {
    return await install();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}
