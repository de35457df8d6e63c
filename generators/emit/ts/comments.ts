// The proto comments a service registers, so that what the running platform builds from its descriptor (the CLI's
// command table, the gateway's documents) carries the same help as the generated files. protoc-gen-es embeds
// descriptors without source_code_info; `_micro.ts` adds it back, compactly: a FileDescriptorSet whose files hold
// only their name and the comments of what the file's services reach — the services and methods, the request and
// response messages, their fields, nested messages and enums (google.protobuf types are not descended into) —
// with no spans and no detached comments, base64. runtime/registry/describe.ts merges it into the registration.
import type { DescEnum, DescFile, DescMessage } from "@bufbuild/protobuf";
import type { SourceCodeInfo_Location } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../../cjs/protobuf.js";
import { nodeAt } from "../../model/index.js";

interface Comment { path: number[]; leadingComments?: string; trailingComments?: string }

/** The comments of what the file's services reach, in this file and the ones it imports; "" when there are none. */
export function commentsOf(file: DescFile): string {
  const reached = reach(file);
  const files = new Map<string, Comment[]>();
  for (const f of filesOf(file)) {
    const kept = (f.proto.sourceCodeInfo?.location ?? []).filter((loc) => {
      const node = nodeAt(f.proto, loc.path);
      return node !== undefined && reached.has(node) && (!!loc.leadingComments || !!loc.trailingComments);
    }).map(comment);
    if (kept.length > 0) files.set(f.proto.name, kept);
  }
  if (files.size === 0) return "";
  const set = protobuf.create(wkt.FileDescriptorSetSchema, {
    file: [...files].map(([name, location]) => ({ name, sourceCodeInfo: { location } })),
  });
  return Buffer.from(protobuf.toBinary(wkt.FileDescriptorSetSchema, set)).toString("base64");
}

/** protoc and buf differ in the final newline of some comments; the model trims it, so it is left out. */
function comment(loc: SourceCodeInfo_Location): Comment {
  const trim = (text: string | undefined) => text?.replace(/\n+$/, "");
  return {
    path: [...loc.path],
    ...(loc.leadingComments && { leadingComments: trim(loc.leadingComments) }),
    ...(loc.trailingComments && { trailingComments: trim(loc.trailingComments) }),
  };
}

function filesOf(file: DescFile): DescFile[] {
  const out: DescFile[] = [];
  const visit = (f: DescFile) => {
    if (out.includes(f)) return;
    out.push(f);
    f.dependencies.forEach(visit);
  };
  visit(file);
  return out;
}

/** The descriptor protos (as nodeAt finds them) of everything the file's services reach. */
function reach(file: DescFile): Set<object> {
  const out = new Set<object>();
  const addEnum = (e: DescEnum) => {
    out.add(e.proto);
    e.values.forEach((v) => out.add(v.proto));
  };
  const addMessage = (m: DescMessage): void => {
    if (out.has(m.proto) || m.typeName.startsWith("google.protobuf.")) return;
    out.add(m.proto);
    for (const f of m.fields) {
      out.add(f.proto);
      if (f.message) addMessage(f.message);
      if (f.enum) addEnum(f.enum);
    }
  };
  for (const s of file.services) {
    out.add(s.proto);
    for (const m of s.methods) {
      out.add(m.proto);
      addMessage(m.input);
      addMessage(m.output);
    }
  }
  return out;
}
