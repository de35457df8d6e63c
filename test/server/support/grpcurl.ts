// Test support: the real grpcurl (github.com/fullstorydev/grpcurl), built once from source with `go install`
// through the Go module proxy into the tools cache (generators/emit/sdk/tools.ts). No binary is downloaded;
// without Go the caller skips.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { installed, run } from "../../../generators/emit/sdk/tools.js";

export const GRPCURL_VERSION = "v1.9.4";

/** The grpcurl binary, or a reason why there is none (no Go toolchain, or the build failed). */
export async function grpcurl(): Promise<{ path: string } | { skip: string }> {
  try {
    await run("go", ["version"], { timeoutMs: 10_000 });
  } catch {
    return { skip: "go is not installed: grpcurl cannot be built" };
  }
  try {
    const dir = await installed(`grpcurl@${GRPCURL_VERSION}`, async (gobin) => {
      await run("go", ["install", `github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION}`], {
        env: { ...process.env, GOBIN: gobin, GOFLAGS: "-mod=mod" }, timeoutMs: 240_000,
      });
    });
    return { path: join(dir, "grpcurl") };
  } catch (err) {
    return { skip: `building grpcurl failed: ${(err as Error).message.split("\n")[0]}` };
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
