// Comment lookup for one file, built in a single pass over source_code_info.
// Why not protoplugin's getComments(): it recomputes each descriptor's path with indexOf() and rescans every
// location per call, which is quadratic in the size of a file.
import type {
  DescriptorProto, EnumDescriptorProto, FileDescriptorProto, ServiceDescriptorProto, SourceCodeInfo_Location,
} from "@bufbuild/protobuf/wkt";
import type { Comments } from "./types.js";

export const NO_COMMENTS: Comments = Object.freeze({ leading: "", trailing: "", detached: Object.freeze([]) });

// Field numbers of the descriptor fields that make up source_code_info paths.
const FILE_MESSAGE = 4, FILE_ENUM = 5, FILE_SERVICE = 6, FILE_PACKAGE = 2, FILE_SYNTAX = 12;
const MESSAGE_FIELD = 2, MESSAGE_NESTED = 3, MESSAGE_ENUM = 4;
const ENUM_VALUE = 2, SERVICE_METHOD = 2;

export interface CommentIndex {
  /** Comments of a descriptor proto node (message, field, enum, value, service, method) of this file. */
  of(node: object): Comments;
  readonly packageComments: Comments;
  readonly syntaxComments: Comments;
}

type Node = FileDescriptorProto | DescriptorProto | EnumDescriptorProto | ServiceDescriptorProto | object;

export function indexComments(file: FileDescriptorProto): CommentIndex {
  // Each commented location's path is followed down the descriptor tree to its node: no path strings, no rescans.
  const byNode = new Map<object, SourceCodeInfo_Location>();
  let packageLoc: SourceCodeInfo_Location | undefined;
  let syntaxLoc: SourceCodeInfo_Location | undefined;
  for (const loc of file.sourceCodeInfo?.location ?? []) {
    if (!hasComments(loc)) continue;
    const path = loc.path;
    if (path.length === 1) {
      if (path[0] === FILE_PACKAGE) packageLoc = loc;
      else if (path[0] === FILE_SYNTAX) syntaxLoc = loc;
      continue;
    }
    const node = nodeAt(file, path);
    if (node !== undefined) byNode.set(node, loc);
  }
  // Cleaned on first use: most comments are never read by an emitter.
  const cleaned = new Map<object, Comments>();
  return {
    of(node) {
      let c = cleaned.get(node);
      if (c === undefined) {
        const loc = byNode.get(node);
        c = loc === undefined ? NO_COMMENTS : toComments(loc);
        cleaned.set(node, c);
      }
      return c;
    },
    packageComments: packageLoc ? toComments(packageLoc) : NO_COMMENTS,
    syntaxComments: syntaxLoc ? toComments(syntaxLoc) : NO_COMMENTS,
  };
}

/** The message, field, enum, value, service or method a path points at; undefined for other paths. */
export function nodeAt(file: FileDescriptorProto, path: readonly number[]): Node | undefined {
  if (path.length % 2 !== 0) return undefined;
  let node: Node = file;
  let kind: "file" | "message" | "enum" | "service" | "leaf" = "file";
  for (let i = 0; i < path.length; i += 2) {
    const tag = path[i]!, index = path[i + 1]!;
    let next: Node | undefined;
    if (kind === "file") {
      const f = node as FileDescriptorProto;
      if (tag === FILE_MESSAGE) [next, kind] = [f.messageType[index], "message"];
      else if (tag === FILE_ENUM) [next, kind] = [f.enumType[index], "enum"];
      else if (tag === FILE_SERVICE) [next, kind] = [f.service[index], "service"];
    } else if (kind === "message") {
      const m = node as DescriptorProto;
      if (tag === MESSAGE_FIELD) [next, kind] = [m.field[index], "leaf"];
      else if (tag === MESSAGE_NESTED) [next, kind] = [m.nestedType[index], "message"];
      else if (tag === MESSAGE_ENUM) [next, kind] = [m.enumType[index], "enum"];
    } else if (kind === "enum") {
      if (tag === ENUM_VALUE) [next, kind] = [(node as EnumDescriptorProto).value[index], "leaf"];
    } else if (kind === "service") {
      if (tag === SERVICE_METHOD) [next, kind] = [(node as ServiceDescriptorProto).method[index], "leaf"];
    }
    if (next === undefined) return undefined;
    node = next;
  }
  return node;
}

function hasComments(loc: SourceCodeInfo_Location): boolean {
  // Unset proto2 strings read as "" in protobuf-es.
  return !!loc.leadingComments || !!loc.trailingComments || loc.leadingDetachedComments.length > 0;
}

function toComments(loc: SourceCodeInfo_Location): Comments {
  return {
    leading: cleanComment(loc.leadingComments ?? ""),
    trailing: cleanComment(loc.trailingComments ?? ""),
    detached: loc.leadingDetachedComments.map(cleanComment),
  };
}

/** protoc keeps the space after `//` and the final newline; help text wants neither. */
export function cleanComment(raw: string): string {
  const lines = raw.replace(/\n+$/, "").split("\n").map((l) => (l.startsWith(" ") ? l.slice(1) : l).trimEnd());
  return lines.join("\n");
}
