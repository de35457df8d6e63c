// Enum definitions (protoc's ParseEnumDefinition/Block/Statement/Constant),
// including reserved ranges/names and the parser-level allow_alias checks.

import { create } from "@bufbuild/protobuf";
import {
  EnumDescriptorProtoSchema, EnumDescriptorProto_EnumReservedRangeSchema, EnumOptionsSchema,
  EnumValueDescriptorProtoSchema, EnumValueOptionsSchema, type EnumDescriptorProto,
} from "@bufbuild/protobuf/wkt";
import { EnumField, EnumValueField, RangeField } from "./descriptor-numbers.js";
import { bytesToUtf8 } from "./literals.js";
import { withLocation, type LocationRecorder } from "./locations.js";
import { parseOption } from "./parse-options.js";
import type { ParserBase } from "./parser-base.js";

export function parseEnumDefinition(p: ParserBase, enums: EnumDescriptorProto[], enumLocation: LocationRecorder): void {
  const enumType = create(EnumDescriptorProtoSchema);
  enums.push(enumType);
  p.consume("enum");
  withLocation(enumLocation.child(EnumField.name), (location) => {
    p.recordLegacy(enumType, "name", location);
    enumType.name = p.consumeIdentifier("Expected enum name.");
  });
  p.consumeEndOfDeclaration("{", enumLocation);
  while (!p.tryConsumeEndOfDeclaration("}", null)) {
    if (p.atEnd()) p.fail("Reached end of input in enum definition (missing '}').");
    p.statement(() => parseEnumStatement(p, enumType, enumLocation));
  }
  validateEnum(p, enumType);
}

function parseEnumStatement(p: ParserBase, enumType: EnumDescriptorProto, enumLocation: LocationRecorder): void {
  if (p.tryConsumeEndOfDeclaration(";", null)) return;
  if (p.lookingAt("option")) {
    withLocation(enumLocation.child(EnumField.options), (loc) =>
      parseOption(p, (enumType.options ??= create(EnumOptionsSchema)), loc, "statement"));
  } else if (p.lookingAt("reserved")) {
    parseEnumReserved(p, enumType, enumLocation);
  } else {
    withLocation(enumLocation.child(EnumField.value, enumType.value.length), (loc) => parseEnumConstant(p, enumType, loc));
  }
}

function parseEnumConstant(p: ParserBase, enumType: EnumDescriptorProto, valueLocation: LocationRecorder): void {
  const value = create(EnumValueDescriptorProtoSchema);
  enumType.value.push(value);
  withLocation(valueLocation.child(EnumValueField.name), (location) => {
    p.recordLegacy(value, "name", location);
    value.name = p.consumeIdentifier("Expected enum constant name.");
  });
  p.consume("=", "Missing numeric value for enum constant.");
  withLocation(valueLocation.child(EnumValueField.number), (location) => {
    p.recordLegacy(value, "number", location);
    value.number = p.consumeSignedInteger("Expected integer.");
  });
  if (p.lookingAt("[")) {
    withLocation(valueLocation.child(EnumValueField.options), (location) => {
      p.consume("[");
      do parseOption(p, (value.options ??= create(EnumValueOptionsSchema)), location, "assignment");
      while (p.tryConsume(","));
      p.consume("]");
    });
  }
  p.consumeEndOfDeclaration(";", valueLocation);
}

function parseEnumReserved(p: ParserBase, enumType: EnumDescriptorProto, enumLocation: LocationRecorder): void {
  const startToken = { ...p.input.current };
  p.consume("reserved");
  if (p.lookingAtType("string")) {
    withLocation(enumLocation.child(EnumField.reservedName), (location) => {
      location.startAt(startToken);
      do {
        withLocation(location.child(enumType.reservedName.length), () => {
          enumType.reservedName.push(bytesToUtf8(p.consumeString("Expected enum value.")));
        });
      } while (p.tryConsume(","));
      p.consumeEndOfDeclaration(";", location);
    });
    return;
  }
  withLocation(enumLocation.child(EnumField.reservedRange), (location) => {
    location.startAt(startToken);
    let first = true;
    do {
      withLocation(location.child(enumType.reservedRange.length), (rangeLocation) => {
        const range = create(EnumDescriptorProto_EnumReservedRangeSchema);
        enumType.reservedRange.push(range);
        const startTok = { ...p.input.current };
        range.start = withLocation(rangeLocation.child(RangeField.start), () =>
          p.consumeSignedInteger(first ? "Expected enum value or number range." : "Expected enum number range."));
        if (p.tryConsume("to")) {
          // Enum reserved ranges are inclusive and may end at INT32_MAX.
          range.end = withLocation(rangeLocation.child(RangeField.end), () =>
            p.tryConsume("max") ? 2147483647 : p.consumeSignedInteger("Expected integer."));
        } else {
          const endLocation = rangeLocation.child(RangeField.end);
          endLocation.startAt(startTok);
          endLocation.endAt(startTok);
          range.end = range.start;
        }
      });
      first = false;
    } while (p.tryConsume(","));
    p.consumeEndOfDeclaration(";", location);
  });
}

/** Parser-level enum checks protoc performs before building descriptors. */
function validateEnum(p: ParserBase, enumType: EnumDescriptorProto): void {
  let hasAllowAlias = false;
  let allowAlias = false;
  for (const option of enumType.options?.uninterpretedOption ?? []) {
    if (option.name.length > 1) continue;
    if (!option.name[0]!.isExtension && option.name[0]!.namePart === "allow_alias") {
      hasAllowAlias = true;
      allowAlias = option.identifierValue === "true";
      break;
    }
  }
  if (hasAllowAlias && !allowAlias) {
    p.fail(`"${enumType.name}" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.`);
  }
  const numbers = new Set<number>();
  let hasDuplicates = false;
  for (const value of enumType.value) {
    if (numbers.has(value.number)) {
      hasDuplicates = true;
      break;
    }
    numbers.add(value.number);
  }
  if (allowAlias && !hasDuplicates) {
    p.fail(
      `"${enumType.name}" declares support for enum aliases but no enum values share field numbers. ` +
        "Please remove the unnecessary 'option allow_alias = true;' declaration.",
    );
  }
}
