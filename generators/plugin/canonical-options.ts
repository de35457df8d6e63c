// Custom options (extensions such as google.api.http) travel as unknown fields inside descriptor options, encoded
// however the compiler chose: protoc writes every message's fields in field-number order, buf writes oneof members
// last. protoc-gen-es embeds those bytes in `_pb.ts` as they are, so the same .proto would give different `_pb.ts`
// bytes under protoc and buf. Before protoc-gen-es runs we put the extension values of the files to generate in
// protoc's order — fields sorted by number, recursively through message-typed fields — which leaves requests from
// protoc untouched and makes every way in produce the same output. Works on the wire bytes: no message is decoded.
import type { DescExtension, DescField, DescFile, DescMessage } from "@bufbuild/protobuf";
import type {
  CodeGeneratorRequest, DescriptorProto, EnumDescriptorProto, FileDescriptorProto, ServiceDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { wire } from "../cjs/protobuf.js";

const { BinaryReader, BinaryWriter, WireType } = wire;

interface UnknownField {
  no: number;
  wireType: number;
  data: Uint8Array;
}
interface WithUnknown {
  $typeName: string;
  $unknown?: UnknownField[];
}

/** What a length-delimited field holds, as far as ordering is concerned. */
type Nested = { kind: "message"; message: DescMessage } | { kind: "map"; value: DescMessage } | undefined;

export function canonicalizeCustomOptions(request: CodeGeneratorRequest, files: readonly DescFile[]): void {
  const extensions = collectExtensions(files);
  const visit = (options: WithUnknown | undefined) => {
    const unknown = options?.$unknown;
    if (options === undefined || unknown === undefined || unknown.length === 0) return;
    const known = extensions.get(options.$typeName);
    let fields = unknown;
    if (known) {
      fields = unknown.map((u) => {
        const nested = u.wireType === WireType.LengthDelimited ? nestedOf(known.get(u.no)) : undefined;
        if (nested === undefined) return u;
        const reader = new BinaryReader(u.data);
        const payload = reader.bytes();
        const canonical = canonicalBytes(payload, nested);
        return canonical === payload ? u : { ...u, data: new BinaryWriter().bytes(canonical).finish() };
      });
    }
    options.$unknown = sortedByNumber(fields);
  };
  // protoc-gen-es embeds only the files to generate.
  const toGenerate = new Set(request.fileToGenerate);
  for (const file of [...request.protoFile, ...request.sourceFileDescriptors]) {
    if (toGenerate.has(file.name)) visitFile(file, visit as (o: object | undefined) => void);
  }
}

/** `bytes` with its fields in number order (stable), recursively; the same array when already so. */
function canonicalBytes(bytes: Uint8Array, nested: NonNullable<Nested>): Uint8Array {
  const reader = new BinaryReader(bytes);
  const fields: { no: number; raw: Uint8Array; replaced?: Uint8Array }[] = [];
  let changed = false;
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const [no, wireType] = reader.tag();
    if (wireType === WireType.LengthDelimited) {
      const inner = innerOf(nested, no);
      const payload = reader.bytes();
      const raw = bytes.subarray(start, reader.pos);
      if (inner !== undefined) {
        const canonical = canonicalBytes(payload, inner);
        if (canonical !== payload) {
          fields.push({ no, raw, replaced: canonical });
          changed = true;
          continue;
        }
      }
      fields.push({ no, raw });
    } else {
      reader.skip(wireType, no);
      fields.push({ no, raw: bytes.subarray(start, reader.pos) });
    }
    if (fields.length > 1 && fields[fields.length - 2]!.no > no) changed = true;
  }
  if (!changed) return bytes;
  const writer = new BinaryWriter();
  for (const f of fields.sort((a, b) => a.no - b.no)) {
    if (f.replaced) writer.tag(f.no, WireType.LengthDelimited).bytes(f.replaced);
    else writer.raw(f.raw);
  }
  return writer.finish();
}

function innerOf(nested: NonNullable<Nested>, no: number): NonNullable<Nested> | undefined {
  if (nested.kind === "map") return no === 2 ? { kind: "message", message: nested.value } : undefined;
  return nestedOf(nested.message.fields.find((f) => f.number === no));
}

function nestedOf(field: DescField | DescExtension | undefined): Nested {
  if (field === undefined) return undefined;
  if (field.fieldKind === "message" || (field.fieldKind === "list" && field.listKind === "message")) {
    // Delimited (group) encoding is not length-delimited: left as is.
    return field.delimitedEncoding ? undefined : { kind: "message", message: field.message };
  }
  if (field.fieldKind === "map" && field.mapKind === "message") return { kind: "map", value: field.message };
  return undefined;
}

function sortedByNumber(fields: UnknownField[]): UnknownField[] {
  return fields.some((u, i) => i > 0 && fields[i - 1]!.no > u.no) ? fields.slice().sort((a, b) => a.no - b.no) : fields;
}

function collectExtensions(files: readonly DescFile[]): Map<string, Map<number, DescExtension>> {
  const out = new Map<string, Map<number, DescExtension>>();
  const add = (ext: DescExtension) => {
    let byNumber = out.get(ext.extendee.typeName);
    if (!byNumber) out.set(ext.extendee.typeName, (byNumber = new Map()));
    byNumber.set(ext.number, ext);
  };
  const walk = (m: DescMessage) => {
    m.nestedExtensions.forEach(add);
    m.nestedMessages.forEach(walk);
  };
  for (const file of files) {
    file.extensions.forEach(add);
    file.messages.forEach(walk);
  }
  return out;
}

function visitFile(file: FileDescriptorProto, visit: (o: object | undefined) => void): void {
  visit(file.options);
  const visitEnum = (e: EnumDescriptorProto) => {
    visit(e.options);
    for (const v of e.value) visit(v.options);
  };
  const visitMessage = (m: DescriptorProto) => {
    visit(m.options);
    for (const f of m.field) visit(f.options);
    for (const f of m.extension) visit(f.options);
    for (const o of m.oneofDecl) visit(o.options);
    m.nestedType.forEach(visitMessage);
    m.enumType.forEach(visitEnum);
  };
  const visitService = (s: ServiceDescriptorProto) => {
    visit(s.options);
    for (const m of s.method) visit(m.options);
  };
  file.messageType.forEach(visitMessage);
  file.enumType.forEach(visitEnum);
  file.service.forEach(visitService);
  for (const f of file.extension) visit(f.options);
}
