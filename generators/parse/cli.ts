#!/usr/bin/env node
// A protoc-compatible command line for the parser alone:
//   node cli.js -I<dir>... [--include_imports] [--include_source_info] --descriptor_set_out=<file> <files>
// Errors are printed as protoc prints them and the exit status is 1.

import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { toBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { parseProtos, ProtoParseError } from "./index.js";

export function main(argv: string[]): number {
  const includePaths: string[] = [];
  const files: string[] = [];
  let out: string | undefined;
  let includeImports = false;
  let includeSourceInfo = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-I" || arg === "--proto_path") includePaths.push(argv[++i] ?? "");
    else if (arg.startsWith("-I")) includePaths.push(arg.slice(2));
    else if (arg.startsWith("--proto_path=")) includePaths.push(arg.slice("--proto_path=".length));
    else if (arg.startsWith("--descriptor_set_out=")) out = arg.slice("--descriptor_set_out=".length);
    else if (arg === "--include_imports") includeImports = true;
    else if (arg === "--include_source_info") includeSourceInfo = true;
    else if (arg.startsWith("-")) {
      process.stderr.write(`Unknown flag: ${arg}\n`);
      return 1;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write("Missing input file.\n");
    return 1;
  }
  try {
    const { set } = parseProtos({ includePaths: includePaths.length > 0 ? includePaths : ["."], files });
    if (!includeImports) set.file = set.file.filter((f) => files.includes(f.name));
    if (!includeSourceInfo) for (const f of set.file) f.sourceCodeInfo = undefined;
    if (out) writeFileSync(out, toBinary(FileDescriptorSetSchema, set));
    return 0;
  } catch (e) {
    process.stderr.write((e instanceof ProtoParseError ? e.message : `protoc-gen-micro: ${String(e)}`) + "\n");
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = main(process.argv.slice(2));
}
