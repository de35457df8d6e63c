// Running the languages' own code generators: protoc (Debian's protobuf-compiler, or MICRO_PROTOC) with
// plugins, fed our parser's FileDescriptorSet so they see exactly the files the model saw.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class ToolchainError extends Error {
  override name = "ToolchainError";
}

/** Runs `command` and throws with its output when it fails or cannot start. */
export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) throw new ToolchainError(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new ToolchainError(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/**
 * Calls `protoc` (or `python -m grpc_tools.protoc` when `command` says so) on `files` read from `descriptorSet`.
 * `args` carries the --X_out/--plugin flags.
 */
export function protocWithSet(descriptorSet: Uint8Array, files: readonly string[], args: readonly string[],
  command: readonly string[] = [process.env.MICRO_PROTOC || "protoc"], env?: NodeJS.ProcessEnv): void {
  const dir = mkdtempSync(join(tmpdir(), "micro-sdk-"));
  try {
    const setPath = join(dir, "set.binpb");
    writeFileSync(setPath, descriptorSet);
    run(command[0]!, [...command.slice(1), `--descriptor_set_in=${setPath}`, ...args, ...files], { env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
