// Parsing of `option x = v;` statements and `[x = v]` assignments into
// UninterpretedOption records (protoc's Parser::ParseOption). They are turned
// into real option values later by the option interpreter, once every type
// is known.

import { create } from "@bufbuild/protobuf";
import { UninterpretedOptionSchema, UninterpretedOption_NamePartSchema, type UninterpretedOption } from "@bufbuild/protobuf/wkt";
import { bytesToUtf8 } from "./literals.js";
import type { LocationRecorder } from "./locations.js";
import { withLocation } from "./locations.js";
import type { ParserBase } from "./parser-base.js";

/** Field number of `uninterpreted_option` in every *Options message. */
export const UNINTERPRETED_OPTION_FIELD = 999;

export interface OptionsHolder {
  uninterpretedOption: UninterpretedOption[];
}

export type OptionStyle = "statement" | "assignment";

function parseOptionNamePart(p: ParserBase, option: UninterpretedOption, partLocation: LocationRecorder): void {
  const part = create(UninterpretedOption_NamePartSchema, { namePart: "", isExtension: false });
  option.name.push(part);
  if (p.lookingAt("(")) {
    p.consume("(");
    withLocation(partLocation.child(1), () => {
      // An extension name: dot-separated identifiers, optionally fully qualified.
      if (p.lookingAtType("identifier")) part.namePart += p.consumeIdentifier("Expected identifier.");
      while (p.lookingAt(".")) {
        p.consume(".");
        part.namePart += "." + p.consumeIdentifier("Expected identifier.");
      }
    });
    p.consume(")");
    part.isExtension = true;
  } else {
    withLocation(partLocation.child(1), () => {
      part.namePart = p.consumeIdentifier("Expected identifier.");
    });
  }
}

/** The raw text of a `{ ... }` aggregate value: token texts joined by spaces, braces excluded. */
function parseUninterpretedBlock(p: ParserBase): string {
  p.consume("{");
  let depth = 1;
  const parts: string[] = [];
  while (!p.atEnd()) {
    if (p.lookingAt("{")) depth++;
    else if (p.lookingAt("}")) {
      depth--;
      if (depth === 0) {
        p.input.next();
        return parts.join(" ");
      }
    }
    parts.push(p.input.current.text);
    p.input.next();
  }
  return p.fail("Unexpected end of stream while parsing aggregate value.");
}

function parseOptionValue(p: ParserBase, option: UninterpretedOption, valueLocation: LocationRecorder): void {
  // Every value is one token, except negative numbers ("-" then a number).
  const negative = p.tryConsume("-");
  const token = p.input.current;
  switch (token.type) {
    case "end":
      p.fail("Unexpected end of stream while parsing option value.");
      break;
    case "identifier":
      valueLocation.addPath(3);
      if (negative) p.fail("Invalid '-' symbol before identifier.");
      option.identifierValue = p.consumeIdentifier("Expected identifier.");
      break;
    case "integer": {
      const max = negative ? 0x8000000000000000n : 0xffffffffffffffffn;
      const value = p.consumeInteger64(max, "Expected integer.");
      if (negative) {
        valueLocation.addPath(5);
        option.negativeIntValue = -value;
      } else {
        valueLocation.addPath(4);
        option.positiveIntValue = value;
      }
      break;
    }
    case "float": {
      valueLocation.addPath(6);
      const value = p.consumeNumber("Expected number.");
      option.doubleValue = negative ? -value : value;
      break;
    }
    case "string":
      valueLocation.addPath(7);
      if (negative) p.fail("Invalid '-' symbol before string.");
      option.stringValue = Uint8Array.from(Buffer.from(p.consumeString("Expected string."), "latin1"));
      break;
    case "symbol":
      if (!p.lookingAt("{")) p.fail("Expected option value.");
      valueLocation.addPath(8);
      option.aggregateValue = bytesToUtf8(parseUninterpretedBlock(p));
      break;
    default:
      p.fail("Expected option value.");
  }
}

/**
 * Parses one option into `holder.uninterpretedOption`. `optionsLocation` is the
 * location of the element's options field (e.g. [4, 0, 7] for message options).
 */
export function parseOption(p: ParserBase, holder: OptionsHolder, optionsLocation: LocationRecorder, style: OptionStyle): void {
  const index = holder.uninterpretedOption.length;
  withLocation(optionsLocation.child(UNINTERPRETED_OPTION_FIELD, index), (location) => {
    if (style === "statement") p.consume("option");
    const option = create(UninterpretedOptionSchema);
    holder.uninterpretedOption.push(option);

    withLocation(location.child(2), (nameLocation) => {
      p.recordLegacy(option, "option_name", nameLocation);
      withLocation(nameLocation.child(2, option.name.length), (part) => parseOptionNamePart(p, option, part));
      while (p.lookingAt(".")) {
        p.consume(".");
        withLocation(nameLocation.child(2, option.name.length), (part) => parseOptionNamePart(p, option, part));
      }
    });

    p.consume("=");
    withLocation(location.child(), (valueLocation) => {
      p.recordLegacy(option, "option_value", valueLocation);
      parseOptionValue(p, option, valueLocation);
    });

    if (style === "statement") p.consumeEndOfDeclaration(";", location);
  });
}

/** The name of an uninterpreted option as written, e.g. "(google.api.http).get". */
export function optionNameToString(option: UninterpretedOption): string {
  return option.name.map((n) => (n.isExtension ? `(${n.namePart})` : n.namePart)).join(".");
}
