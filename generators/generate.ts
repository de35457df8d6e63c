// generateFromDir(): the no-protoc way in. Parses every .proto under `dir` with our own parser, builds the
// CodeGeneratorRequest protoc would send, runs the same plugin in-process (through the same cache) and writes
// the files. protoc, `buf generate` and this give byte-identical output.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { protobuf, wkt } from "./cjs/protobuf.js";
import type { FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import type { MicroTarget } from "./emit/context.js";
import { parseProtos } from "./parse/index.js";
import { cacheDirFromEnv } from "./plugin/cache.js";
import { listProtoFiles } from "./proto-files.js";
import { runPluginBytes } from "./plugin/run-bytes.js";
import { buildCodeGeneratorRequest } from "./request/index.js";

export interface GenerateFromDirOptions {
  /** Root of the .proto files to generate; every .proto below it is generated, named relative to it. */
  readonly dir: string;
  /** Where generated files are written. */
  readonly out: string;
  /** Targets to generate; all when absent. */
  readonly targets?: readonly MicroTarget[];
  /** Import roots searched after `dir`, before the default ones (the well-known types). */
  readonly includePaths?: readonly string[];
  /** More plugin options: a parameter string ("a=b,c=d") or key/value pairs, in order. */
  readonly options?: string | Readonly<Record<string, string>>;
  /** Use the response cache (default true; MICRO_NO_CACHE disables it too). */
  readonly cache?: boolean;
  /** Write the files to `out` (default true); `micro generate` returns them instead, to write only what changed. */
  readonly write?: boolean;
}

export interface GenerateResult {
  /** Paths of the files written, relative to `out`. */
  readonly files: string[];
  /** The plugin parameter used, to run protoc or buf the same way. */
  readonly parameter: string;
  /** Every generated file, name relative to `out` (written or not). */
  readonly outputs: { readonly name: string; readonly content: string }[];
  /** The parsed descriptors (with imports), for callers that need the model of what was generated. */
  readonly descriptors: FileDescriptorSet;
}

/** The plugin answered with an error (bad option, bad annotation...). */
export class GenerateError extends Error {
  override name = "GenerateError";
}

export async function generateFromDir(options: GenerateFromDirOptions): Promise<GenerateResult> {
  const dir = resolve(options.dir);
  const files = listProtoFiles(dir);
  if (files.length === 0) throw new GenerateError(`${options.dir}: no .proto files`);
  // parseProtos() searches its bundled well-known types last, as protoc does.
  const includePaths = [dir, ...(options.includePaths ?? []).map((p) => resolve(p))];
  const parsed = parseProtos({ includePaths, files });
  const parameter = pluginParameter(options);
  const request = buildCodeGeneratorRequest(parsed.set, files, parameter);
  const bytes = protobuf.toBinary(wkt.CodeGeneratorRequestSchema, request);
  const cacheDir = options.cache === false ? undefined : cacheDirFromEnv();
  const result = await runPluginBytes(bytes, { cacheDir });
  const response = protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, result.response);
  if (response.error) throw new GenerateError(response.error);
  const written: string[] = [];
  const outputs = response.file.map((file) => ({ name: file.name, content: file.content }));
  for (const file of options.write === false ? [] : response.file) {
    const path = join(options.out, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    written.push(file.name);
  }
  return { files: written, parameter, outputs, descriptors: parsed.set };
}

/** The parameter protoc would get for the same options: targets first, then the other options in order. */
export function pluginParameter(options: Pick<GenerateFromDirOptions, "targets" | "options">): string {
  const parts: string[] = [];
  if (options.targets) parts.push(`targets=${options.targets.join("+")}`);
  if (typeof options.options === "string") {
    if (options.options !== "") parts.push(options.options);
  } else if (options.options) {
    for (const [key, value] of Object.entries(options.options)) parts.push(value === "" ? key : `${key}=${value}`);
  }
  return parts.join(",");
}
