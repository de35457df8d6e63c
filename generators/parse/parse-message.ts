// Message bodies (protoc's ParseMessageDefinition/Block/Statement): nested
// messages and enums, fields, oneofs, extension ranges, reserved, extend
// blocks and message options; plus the synthetic oneofs of proto3 optional.

import { create } from "@bufbuild/protobuf";
import {
  DescriptorProtoSchema, DescriptorProto_ExtensionRangeSchema, DescriptorProto_ReservedRangeSchema,
  ExtensionRangeOptionsSchema, FieldDescriptorProtoSchema, MessageOptionsSchema, OneofDescriptorProtoSchema,
  OneofOptionsSchema, type DescriptorProto, type FieldDescriptorProto, type OneofDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { FieldField, Label, MAX_FIELD_NUMBER, MAX_RANGE_SENTINEL, MessageField, OneofField, RangeField } from "./descriptor-numbers.js";
import { bytesToUtf8 } from "./literals.js";
import { withLocation, type LocationRecorder, type RawLocation } from "./locations.js";
import { parseEnumDefinition } from "./parse-enum.js";
import { parseMessageField, parseMessageFieldNoLabel, parseUserDefinedType } from "./parse-field.js";
import { parseOption } from "./parse-options.js";
import type { ParserBase } from "./parser-base.js";

export function parseMessageDefinition(p: ParserBase, message: DescriptorProto, messageLocation: LocationRecorder): void {
  p.consume("message");
  withLocation(messageLocation.child(MessageField.name), (location) => {
    p.recordLegacy(message, "name", location);
    message.name = p.consumeIdentifier("Expected message name.");
  });
  parseMessageBlock(p, message, messageLocation);
  if (p.syntax === "proto3") generateSyntheticOneofs(message);
}

export function parseMessageBlock(p: ParserBase, message: DescriptorProto, messageLocation: LocationRecorder): void {
  p.consumeEndOfDeclaration("{", messageLocation);
  while (!p.tryConsumeEndOfDeclaration("}", null)) {
    if (p.atEnd()) p.fail("Reached end of input in message definition (missing '}').");
    p.statement(() => parseMessageStatement(p, message, messageLocation));
  }
  // "to max" can only be resolved once we know whether this is a MessageSet.
  const isMessageSet = message.options?.uninterpretedOption.some(
    (o) => o.name.length === 1 && o.name[0]!.namePart === "message_set_wire_format" && o.identifierValue === "true",
  ) ?? false;
  const max = isMessageSet ? 2147483647 : MAX_FIELD_NUMBER + 1;
  for (const range of [...message.extensionRange, ...message.reservedRange]) {
    if (range.end === MAX_RANGE_SENTINEL) range.end = max;
  }
}

function parseMessageStatement(p: ParserBase, message: DescriptorProto, messageLocation: LocationRecorder): void {
  if (p.tryConsumeEndOfDeclaration(";", null)) return;
  if (p.lookingAt("message")) {
    const nested = create(DescriptorProtoSchema);
    withLocation(messageLocation.child(MessageField.nestedType, message.nestedType.length), (loc) => {
      message.nestedType.push(nested);
      parseMessageDefinition(p, nested, loc);
    });
  } else if (p.lookingAt("enum")) {
    withLocation(messageLocation.child(MessageField.enumType, message.enumType.length), (loc) =>
      parseEnumDefinition(p, message.enumType, loc));
  } else if (p.lookingAt("extensions")) {
    withLocation(messageLocation.child(MessageField.extensionRange), (loc) => parseExtensions(p, message, loc));
  } else if (p.lookingAt("reserved")) {
    parseMessageReserved(p, message, messageLocation);
  } else if (p.lookingAt("extend")) {
    withLocation(messageLocation.child(MessageField.extension), (loc) =>
      parseExtend(p, message.extension, message.nestedType, messageLocation, MessageField.nestedType, loc));
  } else if (p.lookingAt("option")) {
    withLocation(messageLocation.child(MessageField.options), (loc) =>
      parseOption(p, (message.options ??= create(MessageOptionsSchema)), loc, "statement"));
  } else if (p.lookingAt("oneof")) {
    const index = message.oneofDecl.length;
    withLocation(messageLocation.child(MessageField.oneofDecl, index), (loc) => parseOneof(p, message, index, loc, messageLocation));
  } else {
    withLocation(messageLocation.child(MessageField.field, message.field.length), (loc) => {
      const field = create(FieldDescriptorProtoSchema);
      message.field.push(field);
      parseMessageField(p, field, message.nestedType, messageLocation, MessageField.nestedType, loc);
    });
  }
}

function parseOneof(p: ParserBase, message: DescriptorProto, index: number, oneofLocation: LocationRecorder, messageLocation: LocationRecorder): void {
  const oneof: OneofDescriptorProto = create(OneofDescriptorProtoSchema);
  message.oneofDecl.push(oneof);
  p.consume("oneof");
  withLocation(oneofLocation.child(OneofField.name), () => {
    oneof.name = p.consumeIdentifier("Expected oneof name.");
  });
  p.consumeEndOfDeclaration("{", oneofLocation);
  do {
    if (p.atEnd()) p.fail("Reached end of input in oneof definition (missing '}').");
    if (p.lookingAt("option")) {
      withLocation(oneofLocation.child(OneofField.options), (loc) =>
        parseOption(p, (oneof.options ??= create(OneofOptionsSchema)), loc, "statement"));
      continue;
    }
    if (p.lookingAt("required") || p.lookingAt("optional") || p.lookingAt("repeated")) {
      p.addError("Fields in oneofs must not have labels (required / optional / repeated).");
      p.input.next();
    }
    withLocation(messageLocation.child(MessageField.field, message.field.length), (fieldLocation) => {
      const field = create(FieldDescriptorProtoSchema, { label: Label.optional, oneofIndex: index });
      message.field.push(field);
      p.statement(() => parseMessageFieldNoLabel(p, field, message.nestedType, messageLocation, MessageField.nestedType, fieldLocation));
    });
  } while (!p.tryConsumeEndOfDeclaration("}", null));
}

function parseRangeBound(p: ParserBase, location: LocationRecorder, error: string): { start: number; end: number } {
  const startToken = { ...p.input.current };
  const start = withLocation(location.child(RangeField.start), () => p.consumeInteger(error));
  let end: number;
  if (p.tryConsume("to")) {
    end = withLocation(location.child(RangeField.end), () =>
      p.tryConsume("max") ? MAX_RANGE_SENTINEL - 1 : p.consumeInteger("Expected integer."));
  } else {
    const endLocation = location.child(RangeField.end);
    endLocation.startAt(startToken);
    endLocation.endAt(startToken);
    end = start;
  }
  // Declared ranges are inclusive; descriptors store an exclusive end.
  return { start, end: end + 1 };
}

function parseExtensions(p: ParserBase, message: DescriptorProto, extensionsLocation: LocationRecorder): void {
  p.consume("extensions");
  const oldSize = message.extensionRange.length;
  do {
    withLocation(extensionsLocation.child(message.extensionRange.length), (location) => {
      const range = create(DescriptorProto_ExtensionRangeSchema);
      message.extensionRange.push(range);
      p.recordLegacy(range, "number", location);
      const { start, end } = parseRangeBound(p, location, "Expected field number range.");
      range.start = start;
      range.end = end;
    });
  } while (p.tryConsume(","));

  if (p.lookingAt("[")) {
    // Options are parsed once, then copied to every range of the statement,
    // together with their source locations (as protoc does).
    const rangeIndexPosition = extensionsLocation.pathLength;
    const scratch: RawLocation[] = [];
    const options = create(ExtensionRangeOptionsSchema);
    const indexLocation = extensionsLocation.childIn(scratch, 0);
    try {
      withLocation(indexLocation.child(RangeField.options), (location) => {
        p.consume("[");
        do parseOption(p, options, location, "assignment");
        while (p.tryConsume(","));
        p.consume("]");
      });
    } finally {
      indexLocation.finish();
    }
    for (let i = oldSize; i < message.extensionRange.length; i++) {
      message.extensionRange[i]!.options = i === oldSize ? options : create(ExtensionRangeOptionsSchema, { uninterpretedOption: [...options.uninterpretedOption] });
      for (const loc of scratch) {
        if (loc.path.length === rangeIndexPosition + 1) continue;
        const copy = { ...loc, path: [...loc.path], span: [...loc.span], detached: [...loc.detached] };
        copy.path[rangeIndexPosition] = i;
        p.locations.push(copy);
      }
    }
  }
  p.consumeEndOfDeclaration(";", extensionsLocation);
}

function parseMessageReserved(p: ParserBase, message: DescriptorProto, messageLocation: LocationRecorder): void {
  const startToken = { ...p.input.current };
  p.consume("reserved");
  if (p.lookingAtType("string")) {
    withLocation(messageLocation.child(MessageField.reservedName), (location) => {
      location.startAt(startToken);
      do {
        withLocation(location.child(message.reservedName.length), () => {
          message.reservedName.push(bytesToUtf8(p.consumeString("Expected field name.")));
        });
      } while (p.tryConsume(","));
      p.consumeEndOfDeclaration(";", location);
    });
    return;
  }
  withLocation(messageLocation.child(MessageField.reservedRange), (location) => {
    location.startAt(startToken);
    let first = true;
    do {
      withLocation(location.child(message.reservedRange.length), (rangeLocation) => {
        const range = create(DescriptorProto_ReservedRangeSchema);
        message.reservedRange.push(range);
        const bounds = parseRangeBound(p, rangeLocation, first ? "Expected field name or number range." : "Expected field number range.");
        range.start = bounds.start;
        range.end = bounds.end;
      });
      first = false;
    } while (p.tryConsume(","));
    p.consumeEndOfDeclaration(";", location);
  });
}

/** `extend Foo { ... }`: each field becomes an extension with extendee "Foo" (resolved later). */
export function parseExtend(
  p: ParserBase, extensions: FieldDescriptorProto[], messages: DescriptorProto[], parentLocation: LocationRecorder,
  nestedTypeFieldNumber: number, extendLocation: LocationRecorder,
): void {
  p.consume("extend");
  const extendeeStart = { ...p.input.current };
  const extendee = parseUserDefinedType(p);
  const extendeeEnd = { ...p.input.previous };
  p.consumeEndOfDeclaration("{", extendLocation);
  let first = true;
  do {
    if (p.atEnd()) p.fail("Reached end of input in extend definition (missing '}').");
    withLocation(extendLocation.child(extensions.length), (location) => {
      const field = create(FieldDescriptorProtoSchema);
      extensions.push(field);
      const extendeeLocation = location.child(FieldField.extendee);
      extendeeLocation.startAt(extendeeStart);
      extendeeLocation.endAt(extendeeEnd);
      if (first) {
        p.recordLegacy(field, "extendee", extendeeLocation);
        first = false;
      }
      field.extendee = extendee;
      p.statement(() => parseMessageField(p, field, messages, parentLocation, nestedTypeFieldNumber, location));
    });
  } while (!p.tryConsumeEndOfDeclaration("}", null));
}

/** proto3 `optional` fields get a one-field oneof named `_name` (prefixed with X until unique). */
function generateSyntheticOneofs(message: DescriptorProto): void {
  const names = new Set<string>([...message.field.map((f) => f.name), ...message.oneofDecl.map((o) => o.name)]);
  for (const field of message.field) {
    if (!field.proto3Optional) continue;
    let name = field.name.startsWith("_") ? field.name : "_" + field.name;
    while (names.has(name)) name = "X" + name;
    names.add(name);
    field.oneofIndex = message.oneofDecl.length;
    message.oneofDecl.push(create(OneofDescriptorProtoSchema, { name }));
  }
}
