// What a service tells the registry about itself: endpoints with request/response Value trees (Micro 3.0's
// format, for dynamic CLIs and UIs) and, in the service metadata, its compressed FileDescriptorSet so that
// the gateway and the CLI can convert JSON to protobuf exactly, with no proto files at hand. The set carries
// the proto comments too (source_code_info, comments only): the tables the platform builds from it show them.
import { create, fromBinary, toBinary, ScalarType, type DescField, type DescFile, type DescMessage } from "@bufbuild/protobuf";
import {
  FileDescriptorSetSchema, SourceCodeInfoSchema, SourceCodeInfo_LocationSchema, type SourceCodeInfo_Location,
} from "@bufbuild/protobuf/wkt";
import { deflateRawSync } from "node:zlib";
import type { MethodInfo, ServiceDef } from "../rpc/types.js";
import type { RegistryEndpoint, RegistryService, RegistryValue } from "./types.js";

/** Service metadata key holding base64(deflate(FileDescriptorSet)). */
export const DESCRIPTOR_KEY = "descriptor";
const MAX_DEPTH = 4;

export function describeEndpoints(def: ServiceDef): RegistryEndpoint[] {
  return def.desc.methods.map((m) => {
    const info = (def.methods as Record<string, { doc?: string; http?: { method: string; path: string }[] } | undefined>)[m.localName];
    const metadata: Record<string, string> = {
      stream: String(m.methodKind !== "unary"),
      kind: m.methodKind,
    };
    if (info?.doc) metadata.description = info.doc;
    if (info?.http?.length) metadata.http = JSON.stringify(info.http);
    return {
      name: `${def.desc.name}.${m.name}`,
      request: valueOf(m.input.name, m.input, 0, new Set()),
      response: valueOf(m.output.name, m.output, 0, new Set()),
      metadata,
    };
  });
}

function valueOf(name: string, msg: DescMessage, depth: number, seen: Set<string>): RegistryValue {
  if (depth >= MAX_DEPTH || seen.has(msg.typeName)) return { name, type: msg.name, values: [] };
  const inner = new Set(seen).add(msg.typeName);
  return { name, type: msg.name, values: msg.fields.map((f) => fieldValue(f, depth + 1, inner)) };
}

/** Go-style type names, as Micro 3.0's CLI expects: "string", "[]string", "map[string]int64", "Message". */
function fieldValue(f: DescField, depth: number, seen: Set<string>): RegistryValue {
  switch (f.fieldKind) {
    case "scalar": return { name: f.name, type: scalarName(f.scalar), values: [] };
    case "enum": return { name: f.name, type: "string", values: [] };
    case "message": return valueOf(f.name, f.message, depth, seen);
    case "list":
      if (f.listKind === "message") return { ...valueOf(f.name, f.message, depth, seen), type: `[]${f.message.name}` };
      return { name: f.name, type: `[]${f.listKind === "enum" ? "string" : scalarName(f.scalar)}`, values: [] };
    case "map": {
      const v = f.mapKind === "message" ? f.message.name : f.mapKind === "enum" ? "string" : scalarName(f.scalar);
      return { name: f.name, type: `map[${scalarName(f.mapKey)}]${v}`, values: [] };
    }
  }
}

function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

/** The service's own file and everything it imports, dependencies first (as a FileDescriptorSet wants). */
export function descriptorSetOf(def: ServiceDef): Uint8Array {
  const ordered: DescFile[] = [];
  const visit = (f: DescFile) => {
    if (ordered.includes(f)) return;
    f.dependencies.forEach(visit);
    ordered.push(f);
  };
  visit(def.desc.file);
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: ordered.map((f) => f.proto) }));
}

export function encodeDescriptor(defs: ServiceDef[]): string {
  // Several services of one registration: merge their sets (duplicate files are skipped by name).
  const files = new Map<string, DescFile>();
  const visit = (f: DescFile) => {
    if (files.has(f.proto.name)) return;
    f.dependencies.forEach(visit);
    files.set(f.proto.name, f);
  };
  defs.forEach((d) => visit(d.desc.file));
  const comments = commentsOf(defs);
  const set = create(FileDescriptorSetSchema, {
    file: [...files.values()].map((f) => {
      const location = comments.get(f.proto.name);
      // a copy: the descriptor protobuf-es holds is shared by everything that uses the generated code
      if (!location) return f.proto;
      const kept = (f.proto.sourceCodeInfo?.location ?? []).filter((l) => !location.has(l.path.join(",")));
      return { ...f.proto, sourceCodeInfo: create(SourceCodeInfoSchema, { location: [...kept, ...location.values()] }) };
    }),
  });
  return deflateRawSync(toBinary(FileDescriptorSetSchema, set)).toString("base64");
}

type Locations = Map<string, SourceCodeInfo_Location>;

/**
 * The comments to register, by file name and location path: those the generated code embeds (ServiceDef.comments),
 * and the docs a definition gives its service and methods, written where protoc puts their comments. A doc that
 * says something else than the proto comment wins; the same text keeps the comment as protoc wrote it.
 */
function commentsOf(defs: ServiceDef[]): Map<string, Locations> {
  const out = new Map<string, Locations>();
  const at = (file: string) => out.get(file) ?? out.set(file, new Map()).get(file)!;
  for (const def of defs) {
    if (!def.comments) continue;
    for (const f of fromBinary(FileDescriptorSetSchema, Buffer.from(def.comments, "base64")).file) {
      for (const loc of f.sourceCodeInfo?.location ?? []) at(f.name).set(loc.path.join(","), loc);
    }
  }
  for (const def of defs) {
    const file = def.desc.file.proto;
    const service = file.service.indexOf(def.desc.proto);
    const documented: [number[], string | undefined][] = [
      [[FILE_SERVICE, service], def.doc],
      ...def.desc.methods.map((m, i): [number[], string | undefined] => [
        [FILE_SERVICE, service, SERVICE_METHOD, i], (def.methods as Record<string, MethodInfo | undefined>)[m.localName]?.doc,
      ]),
    ];
    for (const [path, doc] of documented) {
      if (!doc?.trim()) continue;
      const locations = at(file.name);
      const key = path.join(",");
      const known = locations.get(key);
      if (known && words(known.leadingComments ?? "") === words(doc)) continue;
      locations.set(key, create(SourceCodeInfo_LocationSchema, {
        path, leadingComments: doc.split("\n").map((l) => ` ${l}`).join("\n") + "\n", trailingComments: known?.trailingComments,
      }));
    }
  }
  return out;
}

// Field numbers of FileDescriptorProto.service and ServiceDescriptorProto.method in source_code_info paths.
const FILE_SERVICE = 6, SERVICE_METHOD = 2;

const words = (text: string) => text.trim().split(/\s+/).join(" ");

/** Proto service names ("Helloworld") of the entry's endpoints ("Helloworld.Call"). */
export function implemented(record: RegistryService): string[] {
  return [...new Set(record.endpoints.map((e) => e.name.split(".")[0]!))].sort();
}

/** One entry per service name: the version with a descriptor, else the first (the gateway's, MCP's choice). */
export function pickVersions(services: readonly RegistryService[]): RegistryService[] {
  const byName = new Map<string, RegistryService>();
  for (const s of services) {
    const seen = byName.get(s.name);
    if (!seen || (!seen.metadata[DESCRIPTOR_KEY] && s.metadata[DESCRIPTOR_KEY])) byName.set(s.name, s);
  }
  return [...byName.values()];
}
