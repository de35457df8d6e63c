// Puts a built file into the exact form protoc emits (FileDescriptor::CopyTo
// + CopyJsonNameTo): syntax only for proto3, json_name on every field and
// extension, default values re-stringified from their parsed value.

import type { DescriptorProto, FieldDescriptorProto, FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { FieldType, has } from "./descriptor-numbers.js";
import { simpleDtoa, simpleFtoa, strtod } from "./literals.js";
import { toJsonName } from "./names.js";

/** DescriptorBuilder parses the default, then DefaultValueAsString prints it back. */
function canonicalDefault(field: FieldDescriptorProto): string {
  const text = field.defaultValue;
  switch (field.type) {
    case FieldType.int32: case FieldType.sint32: case FieldType.sfixed32:
    case FieldType.int64: case FieldType.sint64: case FieldType.sfixed64:
    case FieldType.uint32: case FieldType.fixed32: case FieldType.uint64: case FieldType.fixed64:
      return /^-?\d+$/.test(text) ? BigInt(text).toString() : text;
    case FieldType.float:
      return simpleFtoa(Math.fround(strtod(text)));
    case FieldType.double:
      return simpleDtoa(strtod(text));
    default:
      return text;
  }
}

function finalizeField(field: FieldDescriptorProto): void {
  if (!has(field, "jsonName")) field.jsonName = toJsonName(field.name);
  if (has(field, "defaultValue")) field.defaultValue = canonicalDefault(field);
}

function finalizeMessage(message: DescriptorProto): void {
  for (const field of message.field) finalizeField(field);
  for (const ext of message.extension) finalizeField(ext);
  for (const nested of message.nestedType) finalizeMessage(nested);
}

export function finalizeFile(file: FileDescriptorProto, syntax: string): void {
  // protoc 3.21 only writes `syntax` for proto3 files.
  if (syntax === "proto3") file.syntax = "proto3";
  else delete (file as { syntax?: string }).syntax;
  for (const message of file.messageType) finalizeMessage(message);
  for (const ext of file.extension) finalizeField(ext);
}
