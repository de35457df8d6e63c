// The other side of describe.ts: rebuild a registry of protobuf types from a service's registry entry,
// cached by the descriptor text so repeated calls cost a map lookup.
import { createFileRegistry, fromBinary, type FileRegistry } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { inflateRawSync } from "node:zlib";
import { DESCRIPTOR_KEY } from "./describe.js";
import type { RegistryService } from "./types.js";

const cache = new Map<string, FileRegistry>();

export function schemaOf(service: Pick<RegistryService, "metadata">): FileRegistry | undefined {
  const encoded = service.metadata[DESCRIPTOR_KEY];
  if (!encoded) return undefined;
  let reg = cache.get(encoded);
  if (!reg) {
    const set = fromBinary(FileDescriptorSetSchema, inflateRawSync(Buffer.from(encoded, "base64")));
    reg = createFileRegistry(set);
    if (cache.size > 500) cache.clear();
    cache.set(encoded, reg);
  }
  return reg;
}
