// Resolves type references (protoc's CrossLinkFile): field types, extendees
// and rpc input/output types become fully-qualified ".pkg.Name", and field
// types are set to TYPE_MESSAGE/TYPE_ENUM from what the name resolved to.
// Unresolvable names get protoc's "not defined" / "not imported" errors.

import type { DescriptorProto, FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import { qualify, type BuildContext, type FileState } from "./build-context.js";
import { FieldType, has } from "./descriptor-numbers.js";
import type { LegacyKind } from "./parser-base.js";
import type { LookupResult, ProtoSymbol } from "./symbols.js";

function lookup(ctx: BuildContext, file: FileState, name: string, relativeTo: string, typesOnly: boolean): LookupResult {
  return ctx.symbols.lookup(name, relativeTo, file.parsed.proto.name, file.visible, typesOnly);
}

/** protoc's AddNotDefinedError. */
function notDefined(ctx: BuildContext, file: FileState, element: object, kind: LegacyKind, name: string, result: LookupResult): void {
  if (!result.undeclaredIn && !result.resolvedTo) {
    ctx.error(file, element, kind, `"${name}" is not defined.`);
    return;
  }
  if (result.undeclaredIn) {
    ctx.error(file, element, kind,
      `"${result.undeclaredIn.name}" seems to be defined in "${result.undeclaredIn.file}", which is not imported by ` +
      `"${file.parsed.proto.name}".  To use it here, please add the necessary import.`);
  }
  if (result.resolvedTo) {
    ctx.error(file, element, kind,
      `"${name}" is resolved to "${result.resolvedTo}", which is not defined. The innermost scope is searched first in name ` +
      `resolution. Consider using a leading '.'(i.e., ".${name}") to start from the outermost scope.`);
  }
}

function linkField(ctx: BuildContext, file: FileState, field: FieldDescriptorProto, fullName: string): void {
  if (has(field, "extendee")) {
    const result = lookup(ctx, file, field.extendee, fullName, false);
    if (!result.symbol) notDefined(ctx, file, field, "extendee", field.extendee, result);
    else if (result.symbol.kind !== "message") ctx.error(file, field, "extendee", `"${field.extendee}" is not a message type.`);
    else {
      field.extendee = "." + result.symbol.fullName;
      checkExtensionNumber(ctx, file, field, result.symbol);
    }
  }
  if (!has(field, "typeName")) return;
  const result = lookup(ctx, file, field.typeName, fullName, true);
  const symbol = result.symbol;
  if (!symbol) {
    notDefined(ctx, file, field, "type", field.typeName, result);
    return;
  }
  if (!has(field, "type")) {
    if (symbol.kind === "message") field.type = FieldType.message;
    else if (symbol.kind === "enum") field.type = FieldType.enum;
    else {
      ctx.error(file, field, "type", `"${field.typeName}" is not a type.`);
      return;
    }
  }
  if ((field.type === FieldType.message || field.type === FieldType.group) && symbol.kind !== "message") {
    ctx.error(file, field, "type", `"${field.typeName}" is not a message type.`);
    return;
  }
  if (field.type === FieldType.enum && symbol.kind !== "enum") {
    ctx.error(file, field, "type", `"${field.typeName}" is not an enum type.`);
    return;
  }
  field.typeName = "." + symbol.fullName;
  if (!has(field, "defaultValue")) return;
  if (symbol.kind === "message") {
    ctx.error(file, field, "default", "Messages can't have default values.");
  } else if (!symbol.enumType!.value.some((v) => v.name === field.defaultValue)) {
    ctx.error(file, field, "default", `Enum type "${symbol.fullName}" has no value named "${field.defaultValue}".`);
  }
}

function checkExtensionNumber(ctx: BuildContext, file: FileState, field: FieldDescriptorProto, extendee: ProtoSymbol): void {
  const ranges = extendee.message!.extensionRange;
  if (!ranges.some((r) => r.start <= field.number && field.number < r.end)) {
    ctx.error(file, field, "number", `"${extendee.fullName}" does not declare ${field.number} as an extension number.`);
  }
}

function linkMessage(ctx: BuildContext, file: FileState, message: DescriptorProto, scope: string): void {
  const fullName = qualify(scope, message.name);
  for (const field of message.field) linkField(ctx, file, field, qualify(fullName, field.name));
  for (const nested of message.nestedType) linkMessage(ctx, file, nested, fullName);
  for (const ext of message.extension) linkField(ctx, file, ext, qualify(fullName, ext.name));
}

export function crossLinkFile(ctx: BuildContext, file: FileState): void {
  const proto = file.parsed.proto;
  for (const message of proto.messageType) linkMessage(ctx, file, message, proto.package);
  for (const ext of proto.extension) linkField(ctx, file, ext, qualify(proto.package, ext.name));
  for (const service of proto.service) {
    const serviceName = qualify(proto.package, service.name);
    for (const method of service.method) {
      const methodName = qualify(serviceName, method.name);
      for (const [key, kind] of [["inputType", "input_type"], ["outputType", "output_type"]] as const) {
        const result = lookup(ctx, file, method[key], methodName, false);
        if (!result.symbol) notDefined(ctx, file, method, kind, method[key], result);
        else if (result.symbol.kind !== "message") ctx.error(file, method, kind, `"${method[key]}" is not a message type.`);
        else method[key] = "." + result.symbol.fullName;
      }
    }
  }
}
