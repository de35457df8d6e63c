// The proto comments a service registers, so that what the running platform builds from its descriptor (the CLI's
// command table, the gateway's documents) carries the same help as the generated files. protoc-gen-es embeds
// descriptors without source_code_info; `_micro.ts` adds it back, compactly: a FileDescriptorSet whose files hold
// only their name and the comments of messages, fields, enums, values, services and methods (no spans, no
// detached comments), base64. runtime/registry/describe.ts merges it into the registered descriptor.
import type { DescFile } from "@bufbuild/protobuf";
import type { SourceCodeInfo_Location } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../../cjs/protobuf.js";

// Top-level descriptor fields whose locations can carry a declaration's comment: message, enum, service.
const DECLARATIONS = new Set([4, 5, 6]);

/** The comments of a file and of the files it imports, or "" when none has any. */
export function commentsOf(file: DescFile): string {
  const files: DescFile[] = [];
  const visit = (f: DescFile) => {
    if (files.includes(f)) return;
    files.push(f);
    f.dependencies.forEach(visit);
  };
  visit(file);
  const withComments = files.map((f) => ({ name: f.proto.name, location: locations(f) })).filter((f) => f.location.length > 0);
  if (withComments.length === 0) return "";
  const set = protobuf.create(wkt.FileDescriptorSetSchema, {
    file: withComments.map((f) => ({ name: f.name, sourceCodeInfo: { location: f.location } })),
  });
  return Buffer.from(protobuf.toBinary(wkt.FileDescriptorSetSchema, set)).toString("base64");
}

function locations(file: DescFile): { path: number[]; leadingComments?: string; trailingComments?: string }[] {
  const out: { path: number[]; leadingComments?: string; trailingComments?: string }[] = [];
  for (const loc of (file.proto.sourceCodeInfo?.location ?? []) as SourceCodeInfo_Location[]) {
    if (loc.path.length < 2 || loc.path.length % 2 !== 0 || !DECLARATIONS.has(loc.path[0]!)) continue;
    if (!loc.leadingComments && !loc.trailingComments) continue;
    out.push({
      path: [...loc.path],
      ...(loc.leadingComments && { leadingComments: loc.leadingComments }),
      ...(loc.trailingComments && { trailingComments: loc.trailingComments }),
    });
  }
  return out;
}
