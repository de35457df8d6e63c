// The code generators the SDK languages use that a registry can supply, pinned for reproducible output and
// installed once per version into a cache shared by `npm run sdk`, `micro generate --lang` and `micro new --lang`:
// ~/.cache/micro-ts/tools (XDG_CACHE_HOME respected; MICRO_TOOLS_CACHE overrides) — never into the toolchain's
// own directory, which an installed micro may not be able to write. Each set lands in a directory named by its
// versions, built aside and renamed into place, so a concurrent install never sees half a tool.
import { execFile } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { JAVA_VERSIONS } from "./languages/java.js";

export const GO_PLUGINS: Readonly<Record<string, string>> = {
  "protoc-gen-go": "google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12",
  "protoc-gen-go-grpc": "google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.5.1",
};

/** Maven artifacts of the Java generators (a binary inside a registry package), fetched with mvn dependency:copy. */
export function javaTools(versions: { protobuf: string; grpc: string }): Record<string, string> {
  return {
    [`protoc-${versions.protobuf}-linux-x86_64.exe`]: `com.google.protobuf:protoc:${versions.protobuf}:exe:linux-x86_64`,
    [`protoc-gen-grpc-java-${versions.grpc}-linux-x86_64.exe`]: `io.grpc:protoc-gen-grpc-java:${versions.grpc}:exe:linux-x86_64`,
  };
}

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

export function toolsCache(): string {
  return process.env.MICRO_TOOLS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "micro-ts", "tools");
}

/** A directory with protoc-gen-go and protoc-gen-go-grpc at the versions the SDKs are generated with. */
export async function goPluginDir(): Promise<string> {
  const versions = Object.values(GO_PLUGINS).map((module) => module.split("@")[1]).join("+");
  return installed(`go-plugins@${versions}`, async (tmp) => {
    for (const module of Object.values(GO_PLUGINS)) {
      await run("go", ["install", module], { env: { ...process.env, GOBIN: tmp }, timeoutMs: 600_000 });
    }
  });
}

/** A directory with protoc and protoc-gen-grpc-java as Maven Central ships them, at the SDKs' versions. */
export async function javaToolDir(versions = JAVA_VERSIONS): Promise<string> {
  return installed(`java-tools@${versions.protobuf}+${versions.grpc}`, async (tmp) => {
    for (const [file, artifact] of Object.entries(javaTools(versions))) {
      await run("mvn", ["-q", "dependency:copy", `-Dartifact=${artifact}`, `-DoutputDirectory=${tmp}`], { timeoutMs: 600_000 });
      chmodSync(join(tmp, file), 0o755);
    }
  });
}

/** Where `lang`'s standard generator finds the tools installed for it (undefined: it needs none installed). */
export async function sdkToolDir(lang: string): Promise<string | undefined> {
  if (lang === "go") return goPluginDir();
  if (lang === "java") return javaToolDir();
  return undefined;
}

/** The cache's `name` directory, filled by `fill` into a private directory first when it is not there yet. */
export async function installed(name: string, fill: (tmp: string) => Promise<void>): Promise<string> {
  const dir = toolsCache();
  const path = join(dir, name);
  if (existsSync(path)) return path;
  await mkdir(dir, { recursive: true });
  const tmp = await mkdtemp(join(dir, "build-"));
  try {
    await fill(tmp);
    await rename(tmp, path).catch((err) => { if (!existsSync(path)) throw err; });
  } catch (err) {
    throw new Error(`installing ${name} into ${dir} failed: ${(err as Error).message}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return path;
}
