// The other side of describe.ts: rebuild a registry of protobuf types from a service's registry entry,
// cached by the descriptor text so repeated calls cost a map lookup.
import { createFileRegistry, fromBinary, type FileRegistry } from "@bufbuild/protobuf";
import { protoCamelCase } from "@bufbuild/protobuf/reflect";
import { FileDescriptorSetSchema, type DescriptorProto, type FileDescriptorSet } from "@bufbuild/protobuf/wkt";
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
    reg = createFileRegistry(withJsonNames(set));
    if (cache.size > 500) cache.clear();
    cache.set(encoded, reg);
  }
  return reg;
}

/** protoc always fills json_name; descriptors embedded by other runtimes (Python's, for one) may not. Without it
 * every field would map to "" in JSON, so derive it as protoc does. */
function withJsonNames(set: FileDescriptorSet): FileDescriptorSet {
  const fill = (m: DescriptorProto): void => {
    for (const f of m.field) if (!f.jsonName) f.jsonName = protoCamelCase(f.name);
    for (const f of m.extension) if (!f.jsonName) f.jsonName = protoCamelCase(f.name);
    m.nestedType.forEach(fill);
  };
  for (const file of set.file) {
    file.messageType.forEach(fill);
    for (const f of file.extension) if (!f.jsonName) f.jsonName = protoCamelCase(f.name);
  }
  return set;
}
