// Where `npm run sdk` keeps the protoc plugins it installs, and which ones (pinned, for reproducible output).
import { fileURLToPath } from "node:url";

/** .cache/sdk/bin at the repository root (git-ignored). */
export const SDK_BIN = fileURLToPath(new URL("../../../../.cache/sdk/bin", import.meta.url));

export const GO_PLUGINS: Readonly<Record<string, string>> = {
  "protoc-gen-go": "google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12",
  "protoc-gen-go-grpc": "google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.5.1",
};
