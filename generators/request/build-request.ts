// Builds the CodeGeneratorRequest protoc would send for a set of parsed files: the files to generate in the given
// order, every file they import (transitively) before its importers in protoc's order (a depth-first walk of the
// imports, in import order), the same parameter, and no compiler_version (we are not protoc).
import type { CodeGeneratorRequest, FileDescriptorProto, FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../cjs/protobuf.js";

export function buildCodeGeneratorRequest(
  set: FileDescriptorSet,
  filesToGenerate: readonly string[],
  parameter: string,
): CodeGeneratorRequest {
  const byName = new Map<string, FileDescriptorProto>(set.file.map((f) => [f.name, f]));
  const ordered: FileDescriptorProto[] = [];
  const added = new Set<string>();
  const add = (name: string, importedBy: string | undefined) => {
    if (added.has(name)) return;
    const file = byName.get(name);
    if (!file) {
      throw new Error(importedBy ? `${importedBy}: import "${name}" is not in the descriptor set` : `${name}: not in the descriptor set`);
    }
    added.add(name);
    for (const dep of file.dependency) add(dep, name);
    ordered.push(file);
  };
  for (const name of filesToGenerate) add(name, undefined);
  const request = protobuf.create(wkt.CodeGeneratorRequestSchema, { fileToGenerate: [...filesToGenerate], protoFile: ordered });
  // protoc leaves the (proto2 optional) parameter unset when there is none; so do we, for identical bytes.
  if (parameter !== "") request.parameter = parameter;
  return request;
}
