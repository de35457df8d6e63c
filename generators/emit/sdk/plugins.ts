// Where `npm run sdk` keeps the protoc plugins it installs, and which ones (pinned, for reproducible output).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { JAVA_VERSIONS } from "./languages/java.js";

/** .cache/sdk/bin at the repository root (git-ignored). */
export const SDK_BIN = fileURLToPath(new URL("../../../../.cache/sdk/bin", import.meta.url));

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

/** Installs the missing Go plugins into `bin` with `go install` (through the Go module proxy). */
export function ensureGoPlugins(bin = SDK_BIN): void {
  mkdirSync(bin, { recursive: true });
  for (const [name, module] of Object.entries(GO_PLUGINS)) {
    if (existsSync(join(bin, name))) continue;
    const r = spawnSync("go", ["install", module], { env: { ...process.env, GOBIN: bin }, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`go install ${module} failed (${r.error?.message ?? r.status})`);
  }
}

/** Fetches the missing Java generators (protoc and protoc-gen-grpc-java, as Maven Central ships them) into `bin`. */
export function ensureJavaTools(versions: { protobuf: string; grpc: string }, bin = SDK_BIN): void {
  mkdirSync(bin, { recursive: true });
  for (const [file, artifact] of Object.entries(javaTools(versions))) {
    if (existsSync(join(bin, file))) continue;
    const r = spawnSync("mvn", ["-q", "dependency:copy", `-Dartifact=${artifact}`, `-DoutputDirectory=${bin}`], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`mvn dependency:copy ${artifact} failed (${r.error?.message ?? r.status})`);
    chmodSync(join(bin, file), 0o755);
  }
}

/** Installs what `lang`'s standard generator needs and is missing (the Go plugins, the Java generators) into `bin`. */
export function ensureSdkTools(lang: string, bin = SDK_BIN): void {
  if (lang === "go") ensureGoPlugins(bin);
  if (lang === "java") ensureJavaTools(JAVA_VERSIONS, bin);
}
