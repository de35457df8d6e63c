// Shared helpers for the parse tests: run the real protoc on the same inputs
// and include directories as parseProtos, and compare the results.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto, type FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { defaultIncludePaths } from "../../generators/parse/index.js";
import { requireTools } from "../support/tools.js";

/** fixtures/parse, found from dist/test/parse (compiled) or test/parse. */
export const FIXTURES = fileURLToPath(new URL("../../../fixtures/parse", import.meta.url));

/** The include list both sides use: the fixtures first, then the bundled google protos. */
export function includeDirs(): string[] {
  return [FIXTURES, ...defaultIncludePaths()];
}

/** protoc must be installed (a Debian package README lists); a missing protoc fails the test instead of skipping it. */
export function protocVersion(): string {
  requireTools("protoc");
  try {
    return execFileSync("protoc", ["--version"], { encoding: "utf8" }).trim();
  } catch (e) {
    throw new Error(`protoc is required for these tests but could not be run: ${(e as Error).message}`);
  }
}

export interface ProtocRun {
  set?: FileDescriptorSet;
  stderr: string;
  status: number;
}

export function runProtoc(files: string[], includes = includeDirs()): ProtocRun {
  protocVersion();
  const dir = mkdtempSync(join(tmpdir(), "parse-test-"));
  const out = join(dir, "set.pb");
  try {
    execFileSync("protoc", [...includes.map((i) => `-I${i}`), "--include_imports", "--include_source_info", `--descriptor_set_out=${out}`, ...files], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { set: fromBinary(FileDescriptorSetSchema, readFileSync(out)), stderr: "", status: 0 };
  } catch (e) {
    const err = e as { status?: number; stderr?: Buffer };
    return { stderr: err.stderr?.toString("utf8") ?? "", status: err.status ?? 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file's descriptor bytes without source_code_info. */
export function descriptorBytes(file: FileDescriptorProto): Buffer {
  const copy = { ...file, sourceCodeInfo: undefined } as FileDescriptorProto;
  return Buffer.from(toBinary(FileDescriptorProtoSchema, copy));
}

/** path -> comments, for every location that has any comment. */
export function commentMap(file: FileDescriptorProto): Map<string, string> {
  const map = new Map<string, string>();
  for (const loc of file.sourceCodeInfo?.location ?? []) {
    if (!loc.leadingComments && !loc.trailingComments && loc.leadingDetachedComments.length === 0) continue;
    const key = loc.path.join(".");
    const value = JSON.stringify({ leading: loc.leadingComments, trailing: loc.trailingComments, detached: loc.leadingDetachedComments });
    // A path can repeat (e.g. json_name); keep all entries.
    map.set(map.has(key) ? `${key}#${map.size}` : key, value);
  }
  return map;
}

/** Every location as "path span comments", in order, for exact comparison. */
export function locationLines(file: FileDescriptorProto): string[] {
  return (file.sourceCodeInfo?.location ?? []).map((l) =>
    `${l.path.join(".")} [${l.span.join(",")}] ${JSON.stringify([l.leadingComments, l.trailingComments, l.leadingDetachedComments])}`);
}
