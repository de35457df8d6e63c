// Test support: the real grpcurl (github.com/fullstorydev/grpcurl), built once from source with `go install`
// through the Go module proxy into the tools cache (generators/emit/sdk/tools.ts). No binary is downloaded;
// without Go the caller skips (fails under CI=true); a failed build always fails.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { installed, run } from "../../../generators/emit/sdk/tools.js";
import { brokenEnvironment, missingTool } from "../../support/tools.js";

export const GRPCURL_VERSION = "v1.9.4";

/** The grpcurl binary, or a reason to skip (Go, which builds it, is missing); throws when the build fails. */
export async function grpcurl(): Promise<{ path: string } | { skip: string }> {
  const noGo = missingTool(["go"]);
  if (noGo) return { skip: `grpcurl is built with Go: ${noGo}` };
  try {
    const dir = await installed(`grpcurl@${GRPCURL_VERSION}`, async (gobin) => {
      await run("go", ["install", `github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION}`], {
        env: { ...process.env, GOBIN: gobin, GOFLAGS: "-mod=mod" }, timeoutMs: 240_000,
      });
    });
    return { path: join(dir, "grpcurl") };
  } catch (err) {
    throw brokenEnvironment(`building grpcurl ${GRPCURL_VERSION} with go install failed`, (err as Error).message);
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
