// Looks up message and enum definitions by full name for option
// interpretation: first among the parsed files (so a user-supplied
// descriptor.proto wins, as in protoc's pool), otherwise from the
// descriptor.proto bundled with @bufbuild/protobuf.

import type { DescEnum, DescMessage } from "@bufbuild/protobuf";
import { file_google_protobuf_descriptor, type DescriptorProto, type EnumDescriptorProto, type FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import type { BuildContext } from "./build-context.js";
import { FieldType, Label } from "./descriptor-numbers.js";
import { PROTOC_KNOWN_OPTION_FIELDS } from "./option-targets.js";

export interface MessageModel {
  fullName: string;
  proto: DescriptorProto;
  proto3: boolean;
}

export interface EnumModel {
  fullName: string;
  proto: EnumDescriptorProto;
}

const bundled = new Map<string, MessageModel | EnumModel>();
function collectBundled(messages: readonly DescMessage[], enums: readonly DescEnum[]): void {
  for (const e of enums) bundled.set(e.typeName, { fullName: e.typeName, proto: e.proto });
  for (const m of messages) {
    // Without a descriptor.proto in the pool, protoc resolves option names
    // against its compiled-in (3.21) options messages: hide newer fields.
    const known = PROTOC_KNOWN_OPTION_FIELDS[m.typeName];
    const proto = known ? { ...m.proto, field: m.proto.field.filter((f) => known.includes(f.number) || f.number === 999) } : m.proto;
    bundled.set(m.typeName, { fullName: m.typeName, proto, proto3: false });
    collectBundled(m.nestedMessages, m.nestedEnums);
  }
}
collectBundled(file_google_protobuf_descriptor.messages, file_google_protobuf_descriptor.enums);

export class TypeModels {
  constructor(private readonly ctx: BuildContext) {}

  message(fullName: string): MessageModel | undefined {
    const name = fullName.replace(/^\./, "");
    const symbol = this.ctx.symbols.get(name);
    if (symbol?.kind === "message") {
      const proto3 = this.ctx.files.get(symbol.file)?.parsed.syntax === "proto3";
      return { fullName: name, proto: symbol.message!, proto3 };
    }
    const b = bundled.get(name);
    return b && "proto3" in b ? b : undefined;
  }

  enumType(fullName: string): EnumModel | undefined {
    const name = fullName.replace(/^\./, "");
    const symbol = this.ctx.symbols.get(name);
    if (symbol?.kind === "enum") return { fullName: name, proto: symbol.enumType! };
    const b = bundled.get(name);
    return b && !("proto3" in b) ? b : undefined;
  }

  /** An extension field by full name, with the full name of the message it extends. */
  extension(fullName: string): FieldDescriptorProto | undefined {
    const symbol = this.ctx.symbols.get(fullName.replace(/^\./, ""));
    return symbol?.kind === "field" && symbol.isExtension ? symbol.field : undefined;
  }
}

export function isRepeated(field: FieldDescriptorProto): boolean {
  return field.label === Label.repeated;
}

export function isMessageLike(field: FieldDescriptorProto): boolean {
  return field.type === FieldType.message || field.type === FieldType.group;
}

const PACKABLE = new Set<number>([
  FieldType.double, FieldType.float, FieldType.int64, FieldType.uint64, FieldType.int32, FieldType.fixed64,
  FieldType.fixed32, FieldType.bool, FieldType.uint32, FieldType.enum, FieldType.sfixed32, FieldType.sfixed64,
  FieldType.sint32, FieldType.sint64,
]);

/** Whether a repeated field is written packed (proto3 default, or [packed = true]). */
export function isPacked(field: FieldDescriptorProto, proto3: boolean): boolean {
  if (!isRepeated(field) || !PACKABLE.has(field.type)) return false;
  const options = field.options;
  if (options && Object.prototype.hasOwnProperty.call(options, "packed")) return options.packed === true;
  const raw = options?.uninterpretedOption.find((o) => o.name.length === 1 && o.name[0]!.namePart === "packed" && !o.name[0]!.isExtension);
  if (raw) return raw.identifierValue === "true";
  return proto3;
}
