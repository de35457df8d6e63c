// The benchmark input: the googleapis protos shipped in npm's google-proto-files (api, type, rpc, longrunning,
// iam, logging, monitoring, pubsub, spanner, storage, firestore, datastore, bigtable) plus the well-known types,
// minus any file protoc 3.21 cannot compile. The CodeGeneratorRequest is captured from protoc itself.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { createAnnotationReader } from "../../generators/model/annotations.js";
import { listProtoFiles } from "../../generators/proto-files.js";
import { parsePathTemplate, PathTemplateError } from "../../generators/rules/index.js";

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
  return compilable(root, [...WKT, ...AREAS.flatMap((area) => listProtoFiles(join(root, "google", area)).map((f) => `google/${area}/${f}`))]);
}

/** The whole of google-proto-files (googleapis, grafeas, gapic; ~8,000 files): every file protoc accepts. */
export function collectCorpus(repo: string): GoogleapisInput {
  const root = join(repo, "node_modules", "google-proto-files");
  return compilable(root, listProtoFiles(root));
}

/** One file of google-proto-files (and what it imports, which protoc reads but does not generate). */
export function collectOne(repo: string, file: string): GoogleapisInput {
  return compilable(join(repo, "node_modules", "google-proto-files"), [file]);
}

function compilable(root: string, all: string[]): GoogleapisInput {
  const includes = protocIncludes(root);
  const excluded: string[] = [];
  let files = all;
  // Drop what protoc rejects (and whatever imports it), until the rest compiles. protoc stops at the first file
  // it cannot read, so a big tree can take a few rounds.
  for (let round = 0; round < 100; round++) {
    const r = spawnSync("protoc", [...includes.map((i) => `-I${i}`), "-o/dev/null", ...files], { maxBuffer: 256 << 20 });
    if (r.status === 0) return { files, excluded, includes };
    const bad = new Set<string>();
    for (const line of r.stderr.toString().split("\n")) {
      if (/^[\w/.-]+\.proto:\d+:\d+: warning: /.test(line)) continue; // e.g. an unused import: the file compiles
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
    { maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`protoc capture failed:\n${r.stderr}`);
  return readFileSync(out);
}

/**
 * The files whose google.api.http path templates protoc-gen-micro refuses (it names the first one in its error
 * response and generates nothing): googleapis has a few, e.g. a `**` that is not the last segment, which the
 * HttpRule grammar does not allow. Read from a captured request with the generators' own annotation reader and
 * template parser.
 */
export function rejectedTemplates(request: Uint8Array): { file: string; why: string }[] {
  const req = protobuf.fromBinary(wkt.CodeGeneratorRequestSchema, request);
  const registry = protobuf.createFileRegistry(protobuf.create(wkt.FileDescriptorSetSchema, { file: req.protoFile }));
  const files = req.fileToGenerate.map((name) => registry.getFile(name)!);
  const annotations = createAnnotationReader([...registry.files]);
  const out: { file: string; why: string }[] = [];
  for (const file of files) {
    const bad = file.services.flatMap((s) => s.methods).flatMap((m) => annotations.httpBindings(m).flatMap((b) => {
      try {
        parsePathTemplate(b.path);
        return [];
      } catch (e) {
        if (e instanceof PathTemplateError) return [`${m.parent.typeName}.${m.name}: ${e.message}`];
        throw e;
      }
    }));
    if (bad.length > 0) out.push({ file: file.proto.name, why: bad[0]! });
  }
  return out;
}
