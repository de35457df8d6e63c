// Test support: the real grpcurl (github.com/fullstorydev/grpcurl), built once from source with `go install`
// through the Go module proxy into a cache directory. No binary is downloaded; without Go the caller skips.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const GRPCURL_VERSION = "v1.9.4";

function cacheDir(): string {
  return process.env.MICRO_TOOLS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "micro-ts", "tools");
}

/** The grpcurl binary, or a reason why there is none (no Go toolchain, or the build failed). */
export async function grpcurl(): Promise<{ path: string } | { skip: string }> {
  const dir = cacheDir();
  const path = join(dir, `grpcurl-${GRPCURL_VERSION}`);
  if (existsSync(path)) return { path };
  try {
    await run("go", ["version"], { timeout: 10_000 });
  } catch {
    return { skip: "go is not installed: grpcurl cannot be built" };
  }
  await mkdir(dir, { recursive: true });
  // Built into a private directory then renamed: concurrent runs never see half a binary.
  const gobin = await mkdtemp(join(dir, "build-"));
  try {
    await run("go", ["install", `github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, GOFLAGS: "-mod=mod" }, timeout: 240_000,
    });
    await rename(join(gobin, "grpcurl"), path);
    return { path };
  } catch (err) {
    return { skip: `building grpcurl failed: ${(err as Error).message.split("\n")[0]}` };
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

export interface GrpcurlResult { code: number; stdout: string; stderr: string }

/** Runs grpcurl (always -plaintext) with the given arguments; never rejects on a non-zero exit. */
export function runGrpcurl(bin: string, args: string[], timeoutMs = 20_000): Promise<GrpcurlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["-plaintext", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
