// The "no protoc" front end: .proto sources to a FileDescriptorSet identical to
// `protoc --include_imports --include_source_info --descriptor_set_out`.

import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { Compiler } from "./compile.js";
import { ProtoParseError } from "./errors.js";
import { invalidVirtualPath } from "./source-tree.js";

export { ProtoParseError } from "./errors.js";
export type { Diagnostic } from "./errors.js";

export interface ParseOptions {
  includePaths: string[];
  /** Paths relative to an include path, like protoc's inputs. */
  files: string[];
  /**
   * protoc always falls back to its own bundled include directory; likewise the
   * bundled well-known types (defaultIncludePaths()) are searched after
   * `includePaths` unless this is set.
   */
  noDefaultIncludes?: boolean;
}

export interface ParseResult {
  set: FileDescriptorSet;
  filesToGenerate: string[];
}

/**
 * The bundled copies of google/protobuf/*.proto and google/api/*.proto: the
 * google-proto-files package, resolved from this package's install location.
 */
export function defaultIncludePaths(): string[] {
  const require = createRequire(import.meta.url);
  return [dirname(require.resolve("google-proto-files/package.json"))];
}

export function parseProtos(opts: ParseOptions): ParseResult {
  const includePaths = [...opts.includePaths];
  if (!opts.noDefaultIncludes) {
    for (const dir of defaultIncludePaths()) if (!includePaths.includes(dir)) includePaths.push(dir);
  }
  for (const file of opts.files) {
    const problem = invalidVirtualPath(file);
    if (problem) throw new ProtoParseError([{ file, line: 0, message: problem }]);
  }
  const compiler = new Compiler(includePaths);
  for (const file of opts.files) compiler.addInput(file);
  return { set: compiler.result(), filesToGenerate: [...opts.files] };
}
