// The most common of protoc's descriptor validations (DescriptorBuilder's
// Validate* and number checks), with protoc's messages: field number range
// and reuse, reserved numbers/names, proto3 restrictions, enum rules.

import type { DescriptorProto, EnumDescriptorProto, FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import { qualify, type BuildContext, type FileState } from "./build-context.js";
import { FieldType, Label, MAX_FIELD_NUMBER, has } from "./descriptor-numbers.js";
import { toJsonName } from "./names.js";

/** Number and name checks protoc makes while building and cross-linking. */
function checkMessageNumbers(ctx: BuildContext, file: FileState, message: DescriptorProto, scope: string): void {
  const fullName = qualify(scope, message.name);
  const byNumber = new Map<number, string>();
  const reservedNames = new Set(message.reservedName);
  for (const field of message.field) {
    if (field.number <= 0) ctx.error(file, field, "number", "Field numbers must be positive integers.");
    else if (field.number > MAX_FIELD_NUMBER) ctx.error(file, field, "number", `Field numbers cannot be greater than ${MAX_FIELD_NUMBER}.`);
    else if (field.number >= 19000 && field.number <= 19999) {
      ctx.error(file, field, "number", "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.");
    }
    const previous = byNumber.get(field.number);
    if (previous !== undefined) {
      ctx.error(file, field, "number", `Field number ${field.number} has already been used in "${fullName}" by field "${previous}".`);
    } else byNumber.set(field.number, field.name);
    for (const range of message.extensionRange) {
      if (range.start <= field.number && field.number < range.end) {
        ctx.error(file, field, "number", `Extension range ${range.start} to ${range.end - 1} includes field "${field.name}" (${field.number}).`);
      }
    }
    for (const range of message.reservedRange) {
      if (range.start <= field.number && field.number < range.end) {
        ctx.error(file, field, "number", `Field "${field.name}" uses reserved number ${field.number}.`);
      }
    }
    if (reservedNames.has(field.name)) ctx.error(file, field, "name", `Field name "${field.name}" is reserved.`);
  }
  for (const ext of message.extension) checkExtension(ctx, file, ext);
  for (const nested of message.nestedType) checkMessageNumbers(ctx, file, nested, fullName);
}

function checkExtension(ctx: BuildContext, file: FileState, ext: FieldDescriptorProto): void {
  if (has(ext, "jsonName")) ctx.error(file, ext, "option_name", "option json_name is not allowed on extension fields.");
}

/** protoc's ValidateOptions pass (only reached when everything else succeeded). */
function validateMessage(ctx: BuildContext, file: FileState, message: DescriptorProto, scope: string, proto3: boolean): void {
  const fullName = qualify(scope, message.name);
  for (const field of message.field) {
    if (proto3) {
      if (field.label === Label.required) ctx.error(file, field, "type", "Required fields are not allowed in proto3.");
      if (has(field, "defaultValue")) ctx.error(file, field, "default", "Explicit default values are not allowed in proto3.");
      if (field.type === FieldType.group && has(field, "type")) ctx.error(file, field, "type", "Groups are not supported in proto3 syntax.");
    }
  }
  if (proto3) validateProto3JsonNames(ctx, file, message);
  for (const nested of message.nestedType) validateMessage(ctx, file, nested, fullName, proto3);
  for (const e of message.enumType) validateEnum(ctx, file, e, proto3);
}

/** proto3 forbids two fields whose default JSON names collide. */
function validateProto3JsonNames(ctx: BuildContext, file: FileState, message: DescriptorProto): void {
  const seen = new Map<string, string>();
  for (const field of message.field) {
    const json = toJsonName(field.name).toLowerCase();
    const other = seen.get(json);
    if (other !== undefined) {
      ctx.error(file, field, "name",
        `The JSON camel-case name of field "${field.name}" conflicts with field "${other}". This is not allowed in proto3.`);
    } else seen.set(json, field.name);
  }
}

function validateEnum(ctx: BuildContext, file: FileState, enumType: EnumDescriptorProto, proto3: boolean): void {
  const first = enumType.value[0];
  if (!first) {
    ctx.error(file, enumType, "name", "Enums must contain at least one value.");
    return;
  }
  if (proto3 && first.number !== 0) ctx.error(file, first, "number", "The first enum value must be zero in proto3.");
  // Options are interpreted by now.
  if (enumType.options?.allowAlias) return;
  const byNumber = new Map<number, string>();
  for (const value of enumType.value) {
    const previous = byNumber.get(value.number);
    if (previous !== undefined) {
      ctx.error(file, value, "number",
        `"${value.name}" uses the same enum value as "${previous}". If this is intended, set 'option allow_alias = true;' to the enum definition.`);
    } else byNumber.set(value.number, value.name);
  }
}

export function checkFileNumbers(ctx: BuildContext, file: FileState): void {
  const proto = file.parsed.proto;
  for (const message of proto.messageType) checkMessageNumbers(ctx, file, message, proto.package);
  for (const ext of proto.extension) checkExtension(ctx, file, ext);
}

export function validateFile(ctx: BuildContext, file: FileState): void {
  const proto = file.parsed.proto;
  const proto3 = file.parsed.syntax === "proto3";
  for (const message of proto.messageType) validateMessage(ctx, file, message, proto.package, proto3);
  for (const e of proto.enumType) validateEnum(ctx, file, e, proto3);
}
