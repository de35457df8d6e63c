// Adds every name a file defines to the symbol table, reporting duplicates
// with protoc's wording (DescriptorBuilder::AddSymbol / AddPackage). Enum
// values are registered as siblings of their enum (C++ scoping rules).

import type { DescriptorProto, EnumDescriptorProto, FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import { qualify, type BuildContext, type FileState } from "./build-context.js";
import type { ProtoSymbol, SymbolKind } from "./symbols.js";

export function registerFileSymbols(ctx: BuildContext, file: FileState): void {
  const proto = file.parsed.proto;
  const fileName = proto.name;
  if (proto.package !== "") {
    const conflict = ctx.symbols.addPackage(proto.package, fileName);
    if (conflict) {
      ctx.error(file, proto, "name", `"${conflict.fullName}" is already defined (as something other than a package) in file "${conflict.file}".`);
    }
  }

  const add = (kind: SymbolKind, fullName: string, element: object, extra: Partial<ProtoSymbol> = {}): boolean => {
    const existing = ctx.symbols.add({ kind, fullName, file: fileName, ...extra });
    if (!existing) return true;
    if (existing.file === fileName) {
      const dot = fullName.lastIndexOf(".");
      ctx.error(file, element, "name", dot < 0
        ? `"${fullName}" is already defined.`
        : `"${fullName.slice(dot + 1)}" is already defined in "${fullName.slice(0, dot)}".`);
    } else {
      ctx.error(file, element, "name", `"${fullName}" is already defined in file "${existing.file}".`);
    }
    return false;
  };

  const addEnum = (enumType: EnumDescriptorProto, scope: string) => {
    const fullName = qualify(scope, enumType.name);
    add("enum", fullName, enumType, { enumType });
    const seen = new Set<string>();
    for (const value of enumType.value) {
      const addedOuter = add("enumValue", qualify(scope, value.name), value);
      const addedInner = !seen.has(value.name);
      seen.add(value.name);
      if (addedInner && !addedOuter) {
        const outer = scope === "" ? "the global scope" : `"${scope}"`;
        ctx.error(file, value, "name",
          "Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  " +
          `Therefore, "${value.name}" must be unique within ${outer}, not just within "${enumType.name}".`);
      }
    }
  };

  const addExtension = (ext: FieldDescriptorProto, scope: string) =>
    add("field", qualify(scope, ext.name), ext, { field: ext, isExtension: true });

  const addMessage = (message: DescriptorProto, scope: string) => {
    const fullName = qualify(scope, message.name);
    add("message", fullName, message, { message });
    for (const oneof of message.oneofDecl) add("oneof", qualify(fullName, oneof.name), oneof);
    for (const field of message.field) add("field", qualify(fullName, field.name), field, { field });
    for (const nested of message.nestedType) addMessage(nested, fullName);
    for (const e of message.enumType) addEnum(e, fullName);
    for (const ext of message.extension) addExtension(ext, fullName);
  };

  for (const message of proto.messageType) addMessage(message, proto.package);
  for (const e of proto.enumType) addEnum(e, proto.package);
  for (const service of proto.service) {
    const fullName = qualify(proto.package, service.name);
    add("service", fullName, service);
    for (const method of service.method) add("method", qualify(fullName, method.name), method);
  }
  for (const ext of proto.extension) addExtension(ext, proto.package);
}
