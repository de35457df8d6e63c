// `micro foo ...` runs a `micro-foo` executable from PATH when there is one (as git does with git-foo):
// plugins win over services of the same name.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { MicroContext } from "../context.js";

const PLUGIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function findPlugin(name: string, env: Record<string, string | undefined>): string | undefined {
  if (!PLUGIN_NAME.test(name)) return undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, `micro-${name}`);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs the plugin with the remaining arguments on our stdio; its exit code is ours. child_process loads only
 * here: the CLI's startup snapshot (snapshot.ts) holds this module, and node:child_process is not snapshot-safe. */
export async function runPlugin(file: string, args: string[], context: MicroContext): Promise<number> {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: "inherit", env: context.env as NodeJS.ProcessEnv });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
