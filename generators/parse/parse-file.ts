// One .proto file to an unresolved FileDescriptorProto plus its raw source
// locations (protoc's Parser::Parse and top-level statements). Type names
// are left as written; resolution happens once all imports are parsed.

import { create } from "@bufbuild/protobuf";
import { DescriptorProtoSchema, FileDescriptorProtoSchema, FileOptionsSchema, type FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import type { ErrorCollector } from "./errors.js";
import { FileField, has } from "./descriptor-numbers.js";
import { bytesToUtf8 } from "./literals.js";
import { LocationRecorder, withLocation, type RawLocation } from "./locations.js";
import { parseEnumDefinition } from "./parse-enum.js";
import { parseExtend, parseMessageDefinition } from "./parse-message.js";
import { parseOption } from "./parse-options.js";
import { parseServiceDefinition } from "./parse-service.js";
import { ParseAbort, ParserBase, type LegacyLocations } from "./parser-base.js";

export interface ParsedFile {
  proto: FileDescriptorProto;
  /** "proto2" or "proto3" (protoc defaults to proto2 when no syntax statement is present). */
  syntax: string;
  locations: RawLocation[];
  legacy: LegacyLocations;
  /** Where each `import "x"` statement starts (0-based), for "not found" errors. */
  importLocations: Map<string, { line: number; column: number }>;
}

/** Parses `source` (raw file bytes as a latin1 string). Errors go to `errors`. */
export function parseFile(fileName: string, source: string, errors: ErrorCollector): ParsedFile {
  const p = new ParserBase(fileName, source, errors);
  const file = create(FileDescriptorProtoSchema, { name: fileName });
  const importLocations = new Map<string, { line: number; column: number }>();
  p.start();

  const root = LocationRecorder.root(p.input, p.locations);
  try {
    if (p.lookingAt("syntax")) {
      if (!parseSyntax(p, root)) return result();
      file.syntax = p.syntax;
    } else {
      p.syntax = "proto2";
    }
    while (!p.atEnd()) {
      p.statement(() => parseTopLevelStatement(p, file, root, importLocations));
      if (p.lookingAt("}")) {
        // A stray "}" would otherwise stop the loop forever.
        p.addError('Unmatched "}".');
        p.input.nextWithComments();
      }
    }
  } finally {
    root.finish();
  }
  return result();

  function result(): ParsedFile {
    return { proto: file, syntax: p.syntax, locations: p.locations, legacy: p.legacy, importLocations };
  }
}

function parseSyntax(p: ParserBase, root: LocationRecorder): boolean {
  try {
    return withLocation(root.child(FileField.syntax), (location) => {
      p.consume("syntax", "File must begin with a syntax statement, e.g. 'syntax = \"proto2\";'.");
      p.consume("=");
      const token = { ...p.input.current };
      const syntax = bytesToUtf8(p.consumeString("Expected syntax identifier."));
      p.consumeEndOfDeclaration(";", location);
      p.syntax = syntax;
      if (syntax !== "proto2" && syntax !== "proto3") {
        p.addErrorAt(token.line, token.column, `Unrecognized syntax identifier "${syntax}".  This parser only recognizes "proto2" and "proto3".`);
        return false;
      }
      return true;
    });
  } catch (e) {
    if (e instanceof ParseAbort) return false;
    throw e;
  }
}

function parseTopLevelStatement(
  p: ParserBase, file: FileDescriptorProto, root: LocationRecorder, importLocations: Map<string, { line: number; column: number }>,
): void {
  if (p.tryConsumeEndOfDeclaration(";", null)) return;
  if (p.lookingAt("message")) {
    withLocation(root.child(FileField.messageType, file.messageType.length), (loc) => {
      const message = create(DescriptorProtoSchema);
      file.messageType.push(message);
      parseMessageDefinition(p, message, loc);
    });
  } else if (p.lookingAt("enum")) {
    withLocation(root.child(FileField.enumType, file.enumType.length), (loc) => parseEnumDefinition(p, file.enumType, loc));
  } else if (p.lookingAt("service")) {
    withLocation(root.child(FileField.service, file.service.length), (loc) => parseServiceDefinition(p, file.service, loc));
  } else if (p.lookingAt("extend")) {
    withLocation(root.child(FileField.extension), (loc) =>
      parseExtend(p, file.extension, file.messageType, root, FileField.messageType, loc));
  } else if (p.lookingAt("import")) {
    parseImport(p, file, root, importLocations);
  } else if (p.lookingAt("package")) {
    parsePackage(p, file, root);
  } else if (p.lookingAt("option")) {
    withLocation(root.child(FileField.options), (loc) => parseOption(p, (file.options ??= create(FileOptionsSchema)), loc, "statement"));
  } else {
    p.fail('Expected top-level statement (e.g. "message").');
  }
}

function parseImport(
  p: ParserBase, file: FileDescriptorProto, root: LocationRecorder, importLocations: Map<string, { line: number; column: number }>,
): void {
  withLocation(root.child(FileField.dependency, file.dependency.length), (location) => {
    p.consume("import");
    if (p.lookingAt("public")) {
      withLocation(root.child(FileField.publicDependency, file.publicDependency.length), () => {
        p.consume("public");
        file.publicDependency.push(file.dependency.length);
      });
    } else if (p.lookingAt("weak")) {
      withLocation(root.child(FileField.weakDependency, file.weakDependency.length), () => {
        p.consume("weak");
        file.weakDependency.push(file.dependency.length);
      });
    }
    const name = bytesToUtf8(p.consumeString("Expected a string naming the file to import."));
    file.dependency.push(name);
    importLocations.set(name, location.start);
    p.consumeEndOfDeclaration(";", location);
  });
}

function parsePackage(p: ParserBase, file: FileDescriptorProto, root: LocationRecorder): void {
  if (has(file, "package")) {
    p.addError("Multiple package definitions.");
    delete (file as { package?: string }).package;
  }
  withLocation(root.child(FileField.package), (location) => {
    p.recordLegacy(file, "name", location);
    p.consume("package");
    let name = "";
    for (;;) {
      name += p.consumeIdentifier("Expected identifier.");
      file.package = name;
      if (!p.tryConsume(".")) break;
      name += ".";
    }
    p.consumeEndOfDeclaration(";", location);
  });
}
