// Go: a module whose packages hold protoc-gen-go + protoc-gen-go-grpc output (one Go package per proto
// package, at its dotted name as a path) plus, rendered, a New<Service>(client) per service and the `micro`
// package (options from MICRO_*, token, error type). Options: module (the Go module path).
import { basename } from "node:path";
import type { SdkInput } from "../input.js";
import { findPlugin, isWkt, type SdkLanguage, type SdkOptions } from "../language.js";
import { protocWithSet } from "../toolchain.js";
import type { SdkView } from "../view.js";

/** go.mod as `go mod tidy` leaves it for these versions (the indirect requirements are grpc's). */
export const GO_VERSIONS = {
  go: "1.26.0", grpc: "v1.85.0", protobuf: "v1.36.12",
  indirect: [
    "golang.org/x/net v0.60.0", "golang.org/x/sys v0.48.0", "golang.org/x/text v0.42.0",
    "google.golang.org/genproto/googleapis/rpc v0.0.0-20260817212433-ac3dfec99bb1",
  ],
};

/** The checked-in SDK (sdk/go) also holds the hand-written verify package, which checks callers' tokens with
 * golang-jwt: its go.mod requires that too (a generated SDK has no verify package and no such requirement). */
const PLATFORM_MODULE = "github.com/micro-ts/micro-ts/sdk/go";
export const GO_VERIFY_REQUIRES = ["github.com/golang-jwt/jwt/v5 v5.3.1"];

const KEYWORDS = new Set(["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
  "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
  "switch", "type", "var"]);

interface GoPackage { dir: string; name: string; importPath: string }

/** A proto package's Go package in the module: its dotted name as a path, named after the last part. */
function goPackage(protoPackage: string, module: string): GoPackage {
  const dir = protoPackage === "" ? "root" : protoPackage.split(".").join("/");
  let name = dir.split("/").at(-1)!.replace(/[^a-z0-9_]/gi, "").toLowerCase();
  if (KEYWORDS.has(name) || name === "micro") name += "pb";
  return { dir, name, importPath: `${module}/${dir}` };
}

function goModule(options: SdkOptions): string {
  return options.module ?? "example.com/micro-sdk";
}

export const go: SdkLanguage = {
  name: "go",
  decorate(view, _input, options) {
    const module = goModule(options);
    view.go = { module, versions: GO_VERSIONS, requires: module === PLATFORM_MODULE ? GO_VERIFY_REQUIRES : [] };
    for (const p of view.packages) {
      p.go = goPackage(p.name, module);
      p.path = { pkg: (p.go as GoPackage).dir, gopkg: (p.go as GoPackage).name };
    }
  },
  generateMessages(view, input, outDir, options) {
    const module = goModule(options);
    // The SDK's packages and the files they import, into this module; the well-known types and google/*
    // (google/api...) keep their own go_package, so a program linking genproto registers them once.
    const files = view.protoFiles.filter((f) => !isWkt(f) && !f.startsWith("google/"));
    const mapping = files.map((f) => {
      const g = goPackage(input.model.allFiles.get(f)!.package, module);
      return `M${f}=${g.importPath};${g.name}`;
    });
    const opts = [`module=${module}`, ...mapping].join(",");
    protocWithSet(input.descriptorSet, files, [
      `--plugin=protoc-gen-go=${findPlugin("protoc-gen-go", options)}`,
      `--plugin=protoc-gen-go-grpc=${findPlugin("protoc-gen-go-grpc", options)}`,
      `--go_out=${outDir}`, `--go_opt=${opts}`,
      `--go-grpc_out=${outDir}`, `--go-grpc_opt=${opts}`,
    ]);
    return files.flatMap((f) => {
      const file = input.model.allFiles.get(f)!;
      const dir = goPackage(file.package, module).dir;
      const stem = basename(f, ".proto");
      return [`${dir}/${stem}.pb.go`, ...(file.services.length > 0 ? [`${dir}/${stem}_grpc.pb.go`] : [])];
    });
  },
};

export type { SdkView, SdkInput };
