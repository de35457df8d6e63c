// What a Go or Python scaffold depends on: the same versions the toolchain's SDKs declare (sdk/go/go.mod,
// sdk/python/pyproject.toml), so the service and the SDK it registers with resolve to one gRPC stack.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function languageVersions(lang: "go" | "python", toolchainDir: string): Record<string, string> {
  return lang === "go" ? goVersions(toolchainDir) : pythonVersions(toolchainDir);
}

function read(file: string): string {
  if (!existsSync(file)) throw new Error(`the toolchain has no ${file}: the Go and Python scaffolds need its SDKs (sdk/)`);
  return readFileSync(file, "utf8");
}

/** go: the go directive; grpc and protobuf: the module versions sdk/go requires. */
function goVersions(root: string): Record<string, string> {
  const mod = read(join(root, "sdk", "go", "go.mod"));
  const need = (re: RegExp, what: string) => {
    const m = re.exec(mod);
    if (!m) throw new Error(`sdk/go/go.mod names no ${what}`);
    return m[1];
  };
  return {
    go: need(/^go (\S+)$/m, "go version"),
    grpc: need(/google\.golang\.org\/grpc (v\S+)/, "google.golang.org/grpc"),
    protobuf: need(/google\.golang\.org\/protobuf (v\S+)/, "google.golang.org/protobuf"),
  };
}

/** grpcio and protobuf: the requirement specifiers of sdk/python ("grpcio>=1.85.1"); grpcioTools: the generator
 * matching that grpcio's floor, so the generated stubs never ask for a newer grpcio than the requirement allows. */
function pythonVersions(root: string): Record<string, string> {
  const toml = read(join(root, "sdk", "python", "pyproject.toml"));
  const spec = (pkg: string) => {
    const m = new RegExp(`"(${pkg}\\s*[<>=!~][^"]*)"`).exec(toml);
    if (!m) throw new Error(`sdk/python/pyproject.toml declares no ${pkg} dependency`);
    return m[1].replace(/\s+/g, "");
  };
  const grpcio = spec("grpcio");
  const floor = /(?:>=|==|~=)([0-9][^,]*)/.exec(grpcio)?.[1];
  if (!floor) throw new Error(`sdk/python's grpcio requirement "${grpcio}" has no lower bound to pick grpcio-tools by`);
  return { grpcio, protobuf: spec("protobuf"), grpcioTools: floor };
}
