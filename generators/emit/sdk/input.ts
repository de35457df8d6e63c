// The SDK generators' input: a directory of .proto files parsed by our own parser into the model, plus the
// FileDescriptorSet each language's standard generator (protoc plugins) reads with --descriptor_set_in.
import { resolve } from "node:path";
import { protobuf, wkt } from "../../cjs/protobuf.js";
import { buildModel } from "../../model/build-model.js";
import type { Model } from "../../model/types.js";
import { parseProtos } from "../../parse/index.js";
import { listProtoFiles } from "../../proto-files.js";

export interface SdkInput {
  readonly model: Model;
  /** Binary FileDescriptorSet of every file (imports and source info included). */
  readonly descriptorSet: Uint8Array;
}

export function loadProtos(dir: string, includePaths: readonly string[] = []): SdkInput {
  const root = resolve(dir);
  const files = listProtoFiles(root);
  if (files.length === 0) throw new Error(`${dir}: no .proto files`);
  const parsed = parseProtos({ includePaths: [root, ...includePaths.map((p) => resolve(p))], files });
  const registry = protobuf.createFileRegistry(parsed.set);
  const all = [...registry.files];
  const toGenerate = files.map((name) => all.find((f) => f.proto.name === name)!);
  return { model: buildModel(all, toGenerate), descriptorSet: protobuf.toBinary(wkt.FileDescriptorSetSchema, parsed.set) };
}
