// The benchmark input: the googleapis protos shipped in npm's google-proto-files (api, type, rpc, longrunning,
// iam, logging, monitoring, pubsub, spanner, storage, firestore, datastore, bigtable) plus the well-known types,
// minus any file protoc 3.21 cannot compile. The CodeGeneratorRequest is captured from protoc itself.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listProtoFiles } from "../../generators/proto-files.js";

const AREAS = ["api", "type", "rpc", "longrunning", "iam", "logging", "monitoring", "pubsub", "spanner", "storage",
  "firestore", "datastore", "bigtable"];
const WKT = ["any", "api", "descriptor", "duration", "empty", "field_mask", "source_context", "struct", "timestamp",
  "type", "wrappers"].map((n) => `google/protobuf/${n}.proto`);

export interface GoogleapisInput {
  readonly files: string[];
  readonly excluded: string[];
  /** -I arguments for protoc. */
  readonly includes: string[];
}

/** The well-known types of protoc's own installation go first, so protoc 3.21 reads the copies it understands. */
function protocIncludes(googleProtoFiles: string): string[] {
  const own = ["/usr/include", "/usr/local/include"].find((d) => existsSync(join(d, "google/protobuf/descriptor.proto")));
  return own ? [own, googleProtoFiles] : [googleProtoFiles];
}

export function collectGoogleapis(repo: string): GoogleapisInput {
  const root = join(repo, "node_modules", "google-proto-files");
  const includes = protocIncludes(root);
  const excluded: string[] = [];
  let files = [...WKT, ...AREAS.flatMap((area) => listProtoFiles(join(root, "google", area)).map((f) => `google/${area}/${f}`))];
  // Drop what protoc rejects (and whatever imports it), until the rest compiles.
  for (let round = 0; round < 20; round++) {
    const r = spawnSync("protoc", [...includes.map((i) => `-I${i}`), "-o/dev/null", ...files], { maxBuffer: 64 << 20 });
    if (r.status === 0) return { files, excluded, includes };
    const bad = new Set<string>();
    for (const line of r.stderr.toString().split("\n")) {
      const m = /^([\w/.-]+\.proto):/.exec(line);
      if (m && files.includes(m[1]!)) bad.add(m[1]!);
    }
    if (bad.size === 0) throw new Error(`protoc fails on the googleapis set:\n${r.stderr}`);
    excluded.push(...bad);
    files = files.filter((f) => !bad.has(f));
  }
  throw new Error("could not find a googleapis subset protoc compiles");
}

/** Runs protoc with a plugin that only saves the CodeGeneratorRequest it receives. */
export function captureRequest(input: GoogleapisInput, workDir: string, parameter: string): Uint8Array {
  const plugin = join(workDir, "protoc-gen-capture");
  const out = join(workDir, "request.bin");
  // Saves stdin; answers supported_features = PROTO3_OPTIONAL | SUPPORTS_EDITIONS (field 2, varint 3).
  writeFileSync(plugin, `#!/bin/sh\ncat > "${out}"\nprintf '\\020\\003'\n`);
  chmodSync(plugin, 0o755);
  const r = spawnSync("protoc", [`--plugin=protoc-gen-capture=${plugin}`, `--capture_out=${workDir}`,
    ...(parameter ? [`--capture_opt=${parameter}`] : []), ...input.includes.map((i) => `-I${i}`), ...input.files],
    { maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`protoc capture failed:\n${r.stderr}`);
  return readFileSync(out);
}
