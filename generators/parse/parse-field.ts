// Field declarations (protoc's ParseMessageField / ParseMessageFieldNoLabel):
// label, type (scalar, named, map<K,V>, group), name, number, [options],
// default values and json_name (which are not real options), and the map
// entry messages protoc synthesizes.

import { create } from "@bufbuild/protobuf";
import {
  DescriptorProtoSchema, FieldDescriptorProtoSchema, FieldOptionsSchema, MessageOptionsSchema,
  type DescriptorProto, type FieldDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { FieldField, FieldType, Label, MessageField, SCALAR_TYPE_KEYWORDS, has } from "./descriptor-numbers.js";
import { mapEntryName } from "./names.js";
import { bytesToUtf8, cEscape, simpleDtoa } from "./literals.js";
import { withLocation, type LocationRecorder } from "./locations.js";
import { parseMessageBlock } from "./parse-message.js";
import { parseOption } from "./parse-options.js";
import type { ParserBase } from "./parser-base.js";

interface ParsedType {
  type?: number;
  typeName?: string;
}

/** A possibly-qualified type name like `.a.b.C` or `C.D`, as written. */
export function parseUserDefinedType(p: ParserBase): string {
  if (SCALAR_TYPE_KEYWORDS.has(p.input.current.text)) {
    // Only reachable where scalars are not allowed (e.g. rpc argument types).
    p.addError("Expected message type.");
    const text = p.input.current.text;
    p.input.next();
    return text;
  }
  let name = p.tryConsume(".") ? "." : "";
  name += p.consumeIdentifier("Expected type name.");
  while (p.tryConsume(".")) name += "." + p.consumeIdentifier("Expected identifier.");
  return name;
}

function parseType(p: ParserBase): ParsedType {
  const scalar = SCALAR_TYPE_KEYWORDS.get(p.input.current.text);
  if (scalar !== undefined) {
    p.input.next();
    return { type: scalar };
  }
  return { typeName: parseUserDefinedType(p) };
}

/** `optional`/`required`/`repeated`, if present. proto3 `optional` marks proto3_optional. */
export function parseMessageField(
  p: ParserBase, field: FieldDescriptorProto, messages: DescriptorProto[], parentLocation: LocationRecorder,
  nestedTypeFieldNumber: number, fieldLocation: LocationRecorder,
): void {
  if (p.lookingAt("optional") || p.lookingAt("repeated") || p.lookingAt("required")) {
    withLocation(fieldLocation.child(FieldField.label), () => {
      if (p.tryConsume("optional")) field.label = Label.optional;
      else if (p.tryConsume("repeated")) field.label = Label.repeated;
      else {
        p.consume("required");
        field.label = Label.required;
      }
    });
    if (field.label === Label.optional && p.syntax === "proto3") field.proto3Optional = true;
  }
  parseMessageFieldNoLabel(p, field, messages, parentLocation, nestedTypeFieldNumber, fieldLocation);
}

export function parseMessageFieldNoLabel(
  p: ParserBase, field: FieldDescriptorProto, messages: DescriptorProto[], parentLocation: LocationRecorder,
  nestedTypeFieldNumber: number, fieldLocation: LocationRecorder,
): void {
  let mapTypes: [ParsedType, ParsedType] | undefined;
  withLocation(fieldLocation.child(), (location) => {
    p.recordLegacy(field, "type", location);
    let parsed: ParsedType | undefined;
    // Only `map` followed by `<` starts a map field; otherwise it is a type named "map".
    if (p.tryConsume("map")) {
      if (p.lookingAt("<")) mapTypes = [{}, {}];
      else parsed = { typeName: "map" };
    }
    if (mapTypes) {
      if (has(field, "oneofIndex")) p.fail("Map fields are not allowed in oneofs.");
      if (has(field, "label")) p.fail("Field labels (required/optional/repeated) are not allowed on map fields.");
      if (has(field, "extendee")) p.fail("Map fields are not allowed to be extensions.");
      field.label = Label.repeated;
      p.consume("<");
      mapTypes[0] = parseType(p);
      p.consume(",");
      mapTypes[1] = parseType(p);
      p.consume(">");
      location.addPath(FieldField.typeName);
    } else {
      if (!has(field, "label") && p.syntax === "proto3") field.label = Label.optional;
      if (!has(field, "label")) {
        p.addError('Expected "required", "optional", or "repeated".');
        field.label = Label.optional;
      }
      parsed ??= parseType(p);
      if (parsed.type !== undefined) {
        location.addPath(FieldField.type);
        field.type = parsed.type;
      } else {
        location.addPath(FieldField.typeName);
        field.typeName = parsed.typeName!;
      }
    }
  });

  const nameToken = { ...p.input.current };
  withLocation(fieldLocation.child(FieldField.name), (location) => {
    p.recordLegacy(field, "name", location);
    field.name = p.consumeIdentifier("Expected field name.");
  });
  p.consume("=", "Missing field number.");
  withLocation(fieldLocation.child(FieldField.number), (location) => {
    p.recordLegacy(field, "number", location);
    field.number = p.consumeInteger("Expected field number.");
  });

  parseFieldOptions(p, field, fieldLocation);

  if (has(field, "type") && field.type === FieldType.group) {
    // A group declares both a nested message and a field, with overlapping locations.
    const groupLocation = parentLocation.child();
    try {
      groupLocation.startAtLocation(fieldLocation);
      groupLocation.addPath(nestedTypeFieldNumber);
      groupLocation.addPath(messages.length);
      const group = create(DescriptorProtoSchema, { name: field.name });
      messages.push(group);
      const nameLoc = groupLocation.child(MessageField.name);
      nameLoc.startAt(nameToken);
      nameLoc.endAt(nameToken);
      p.recordLegacy(group, "name", nameLoc);
      const typeNameLoc = fieldLocation.child(FieldField.typeName);
      typeNameLoc.startAt(nameToken);
      typeNameLoc.endAt(nameToken);
      const first = group.name[0] ?? "";
      if (first < "A" || first > "Z") p.addErrorAt(nameToken.line, nameToken.column, "Group names must start with a capital letter.");
      field.name = field.name.toLowerCase();
      field.typeName = group.name;
      if (!p.lookingAt("{")) p.fail("Missing group body.");
      parseMessageBlock(p, group, groupLocation);
    } finally {
      groupLocation.finish();
    }
  } else {
    p.consumeEndOfDeclaration(";", fieldLocation);
  }

  if (mapTypes) generateMapEntry(field, mapTypes, messages);
}

function parseFieldOptions(p: ParserBase, field: FieldDescriptorProto, fieldLocation: LocationRecorder): void {
  if (!p.lookingAt("[")) return;
  withLocation(fieldLocation.child(FieldField.options), (location) => {
    p.consume("[");
    do {
      // `default` and `json_name` look like options but set descriptor fields.
      if (p.lookingAt("default")) parseDefaultAssignment(p, field, fieldLocation);
      else if (p.lookingAt("json_name")) parseJsonName(p, field, fieldLocation);
      else parseOption(p, (field.options ??= create(FieldOptionsSchema)), location, "assignment");
    } while (p.tryConsume(","));
    p.consume("]");
  });
}

function parseDefaultAssignment(p: ParserBase, field: FieldDescriptorProto, fieldLocation: LocationRecorder): void {
  if (has(field, "defaultValue")) {
    p.addError('Already set option "default".');
    delete (field as { defaultValue?: string }).defaultValue;
  }
  p.consume("default");
  p.consume("=");
  withLocation(fieldLocation.child(FieldField.defaultValue), (location) => {
    p.recordLegacy(field, "default", location);
    if (!has(field, "type")) {
      // Message or enum not known yet: take the token as is (an enum value name).
      field.defaultValue = bytesToUtf8(p.input.current.text);
      p.input.next();
      return;
    }
    field.defaultValue = parseDefaultValue(p, field.type);
  });
}

function parseDefaultValue(p: ParserBase, type: number): string {
  switch (type) {
    case FieldType.int32: case FieldType.int64: case FieldType.sint32:
    case FieldType.sint64: case FieldType.sfixed32: case FieldType.sfixed64: {
      const is32 = type === FieldType.int32 || type === FieldType.sint32 || type === FieldType.sfixed32;
      let max = is32 ? 2147483647n : 9223372036854775807n;
      const negative = p.tryConsume("-");
      if (negative) max += 1n;
      const value = p.consumeInteger64(max, "Expected integer for field default value.");
      return (negative ? "-" : "") + value.toString();
    }
    case FieldType.uint32: case FieldType.uint64: case FieldType.fixed32: case FieldType.fixed64: {
      const is32 = type === FieldType.uint32 || type === FieldType.fixed32;
      if (p.tryConsume("-")) p.addError("Unsigned field can't have negative default value.");
      return p.consumeInteger64(is32 ? 4294967295n : 18446744073709551615n, "Expected integer for field default value.").toString();
    }
    case FieldType.float: case FieldType.double: {
      const negative = p.tryConsume("-");
      return (negative ? "-" : "") + simpleDtoa(p.consumeNumber("Expected number."));
    }
    case FieldType.bool:
      if (p.tryConsume("true")) return "true";
      if (p.tryConsume("false")) return "false";
      return p.fail('Expected "true" or "false".');
    case FieldType.string:
      return bytesToUtf8(p.consumeString("Expected string for field default value."));
    case FieldType.bytes:
      return cEscape(p.consumeString("Expected string."));
    case FieldType.enum:
      return p.consumeIdentifier("Expected enum identifier for field default value.");
    default:
      return p.fail("Messages can't have default values.");
  }
}

function parseJsonName(p: ParserBase, field: FieldDescriptorProto, fieldLocation: LocationRecorder): void {
  if (has(field, "jsonName")) {
    p.addError('Already set option "json_name".');
    delete (field as { jsonName?: string }).jsonName;
  }
  withLocation(fieldLocation.child(FieldField.jsonName), (location) => {
    p.recordLegacy(field, "option_name", location);
    p.consume("json_name");
    p.consume("=");
    withLocation(location.child(), (valueLocation) => {
      p.recordLegacy(field, "option_value", valueLocation);
      field.jsonName = bytesToUtf8(p.consumeString("Expected string for JSON name."));
    });
  });
}

/** The `XxxEntry` message protoc generates for `map<K, V> xxx`. */
function generateMapEntry(field: FieldDescriptorProto, [key, value]: [ParsedType, ParsedType], messages: DescriptorProto[]): void {
  const entryName = mapEntryName(field.name);
  field.typeName = entryName;
  const entry = create(DescriptorProtoSchema, { name: entryName, options: create(MessageOptionsSchema, { mapEntry: true }) });
  const keyField = create(FieldDescriptorProtoSchema, { name: "key", label: Label.optional, number: 1 });
  const valueField = create(FieldDescriptorProtoSchema, { name: "value", label: Label.optional, number: 2 });
  if (key.type !== undefined) keyField.type = key.type;
  else keyField.typeName = key.typeName!;
  if (value.type !== undefined) valueField.type = value.type;
  else valueField.typeName = value.typeName!;
  entry.field.push(keyField, valueField);
  // protoc copies `enforce_utf8` from the map field to string key/value fields.
  for (const opt of field.options?.uninterpretedOption ?? []) {
    if (opt.name.length === 1 && opt.name[0]!.namePart === "enforce_utf8" && !opt.name[0]!.isExtension) {
      for (const f of [keyField, valueField]) {
        if (f.type === FieldType.string && has(f, "type")) (f.options ??= create(FieldOptionsSchema)).uninterpretedOption.push(opt);
      }
    }
  }
  messages.push(entry);
}
