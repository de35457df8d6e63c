// Token-level helpers shared by the statement parsers, ported from protoc's
// compiler::Parser. A failed DO(...) in protoc becomes a thrown ParseAbort
// here; statement loops catch it and skip the statement, so errors are
// reported with the same recovery (and the same follow-up errors) as protoc.

import type { ErrorCollector } from "./errors.js";
import { parseFloatToken, parseIntegerToken, unescapeStringToken } from "./literals.js";
import { LocationRecorder, type RawLocation } from "./locations.js";
import { Tokenizer, type TokenType } from "./tokenizer.js";

/** Thrown to unwind out of a statement after an error was recorded. */
export class ParseAbort extends Error {}

/** Where a descriptor element was declared, for the builder's error messages (protoc's SourceLocationTable). */
export type LegacyKind = "name" | "number" | "type" | "extendee" | "default" | "option_name" | "option_value" | "input_type" | "output_type" | "other";
export type LegacyLocations = WeakMap<object, Partial<Record<LegacyKind, { line: number; column: number }>>>;

const INT32_MAX = 2147483647n;

export class ParserBase {
  readonly input: Tokenizer;
  readonly locations: RawLocation[] = [];
  readonly legacy: LegacyLocations = new WeakMap();
  syntax = "";
  private upcomingDocComments = "";
  private upcomingDetached: string[] = [];

  constructor(readonly fileName: string, source: string, private readonly errors: ErrorCollector) {
    this.input = new Tokenizer(source, (line, column, message) => this.errors.add(fileName, line, column, message));
  }

  /** Reads the first token, collecting the comments before it. */
  start(): void {
    const c = this.input.nextWithComments();
    this.upcomingDetached = c.detached;
    this.upcomingDocComments = c.leading;
  }

  addError(message: string): void {
    this.addErrorAt(this.input.current.line, this.input.current.column, message);
  }
  addErrorAt(line: number, column: number, message: string): void {
    this.errors.add(this.fileName, line, column, message);
  }
  fail(message: string): never {
    this.addError(message);
    throw new ParseAbort(message);
  }

  recordLegacy(target: object, kind: LegacyKind, loc: LocationRecorder): void {
    let entry = this.legacy.get(target);
    if (!entry) this.legacy.set(target, (entry = {}));
    entry[kind] = loc.start;
  }

  lookingAt(text: string): boolean {
    return this.input.current.text === text;
  }
  lookingAtType(type: TokenType): boolean {
    return this.input.current.type === type;
  }
  atEnd(): boolean {
    return this.lookingAtType("end");
  }
  tryConsume(text: string): boolean {
    if (!this.lookingAt(text)) return false;
    this.input.next();
    return true;
  }
  consume(text: string, error = `Expected "${text}".`): void {
    if (!this.tryConsume(text)) this.fail(error);
  }

  consumeIdentifier(error: string): string {
    if (!this.lookingAtType("identifier")) this.fail(error);
    const text = this.input.current.text;
    this.input.next();
    return text;
  }

  consumeInteger64(max: bigint, error: string): bigint {
    if (!this.lookingAtType("integer")) this.fail(error);
    const value = parseIntegerToken(this.input.current.text, max);
    if (value === undefined) {
      this.addError("Integer out of range.");
      this.input.next();
      return 0n;
    }
    this.input.next();
    return value;
  }

  consumeInteger(error: string): number {
    return Number(this.consumeInteger64(INT32_MAX, error));
  }

  consumeSignedInteger(error: string): number {
    let max = INT32_MAX;
    const negative = this.tryConsume("-");
    if (negative) max += 1n;
    const value = this.consumeInteger64(max, error);
    return negative ? -Number(value) : Number(value);
  }

  consumeNumber(error: string): number {
    const t = this.input.current;
    if (t.type === "float") {
      this.input.next();
      return parseFloatToken(t.text);
    }
    if (t.type === "integer") {
      const value = parseIntegerToken(t.text, 0xffffffffffffffffn);
      if (value === undefined) this.addError("Integer out of range.");
      this.input.next();
      return Number(value ?? 0n);
    }
    if (t.text === "inf") {
      this.input.next();
      return Infinity;
    }
    if (t.text === "nan") {
      this.input.next();
      return NaN;
    }
    this.fail(error);
  }

  /** A string literal, with C-style concatenation of adjacent literals. Returns bytes (latin1). */
  consumeString(error: string): string {
    if (!this.lookingAtType("string")) this.fail(error);
    let out = "";
    while (this.lookingAtType("string")) {
      out += unescapeStringToken(this.input.current.text);
      this.input.next();
    }
    return out;
  }

  /** Consumes ";", "{" or "}" and hands the surrounding comments to `location`. */
  tryConsumeEndOfDeclaration(text: string, location: LocationRecorder | null): boolean {
    if (!this.lookingAt(text)) return false;
    const c = this.input.nextWithComments();
    // The leading comment collected now belongs to the next declaration.
    const leading = this.upcomingDocComments;
    this.upcomingDocComments = c.leading;
    if (location) {
      const detached = this.upcomingDetached;
      this.upcomingDetached = c.detached;
      location.attachComments(leading, c.trailing, detached);
    } else if (text === "}") {
      this.upcomingDetached = c.detached;
    } else {
      this.upcomingDetached.push(...c.detached);
    }
    return true;
  }

  consumeEndOfDeclaration(text: string, location: LocationRecorder | null): void {
    if (!this.tryConsumeEndOfDeclaration(text, location)) this.fail(`Expected "${text}".`);
  }

  skipStatement(): void {
    for (;;) {
      if (this.atEnd()) return;
      if (this.lookingAtType("symbol")) {
        if (this.tryConsumeEndOfDeclaration(";", null)) return;
        if (this.tryConsume("{")) {
          this.skipRestOfBlock();
          return;
        }
        if (this.lookingAt("}")) return;
      }
      this.input.next();
    }
  }

  skipRestOfBlock(): void {
    for (;;) {
      if (this.atEnd()) return;
      if (this.lookingAtType("symbol")) {
        if (this.tryConsumeEndOfDeclaration("}", null)) return;
        if (this.tryConsume("{")) this.skipRestOfBlock();
      }
      this.input.next();
    }
  }

  /** Runs one statement; on a parse error, skips to the end of it like protoc. */
  statement(body: () => void): void {
    try {
      body();
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      this.skipStatement();
    }
  }
}
