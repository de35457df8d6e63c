// Where `npm run sdk` keeps the protoc plugins it installs, and which ones (pinned, for reproducible output).
import { fileURLToPath } from "node:url";

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
