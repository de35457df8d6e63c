// A port of protoc's io::Tokenizer (3.21). It works on the file's bytes (as a
// latin1 string, one char per byte) so that columns are byte offsets with tabs
// expanded to 8, exactly as protoc reports them, and so that comment text is
// cut at the same places. Which comments lead, trail or are detached from a
// declaration is decided in comment-attribution.ts.

import { nextWithComments, type CommentsResult } from "./comment-attribution.js";

export type TokenType = "start" | "end" | "identifier" | "integer" | "float" | "string" | "symbol";

export interface Token {
  type: TokenType;
  /** Raw token text (latin1 bytes; string tokens keep quotes and escapes). */
  text: string;
  line: number;
  column: number;
  endColumn: number;
}

export type TokenizerErrorSink = (line: number, column: number, message: string) => void;

const TAB_WIDTH = 8;
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isDigit = (c: string) => c >= "0" && c <= "9";
const isOctal = (c: string) => c >= "0" && c <= "7";
const isHex = (c: string) => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
const isAlnum = (c: string) => isLetter(c) || isDigit(c);
const isWhitespace = (c: string) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\v" || c === "\f";
const isWhitespaceNoNewline = (c: string) => c !== "\n" && isWhitespace(c);
const isUnprintable = (c: string) => c < " " && c > "\0";

export type CommentStart = "line" | "block" | "slash" | "none";

export class Tokenizer {
  private pos = 0;
  private ch: string;
  private line = 0;
  private column = 0;
  private recordStart = -1;
  current: Token = { type: "start", text: "", line: 0, column: 0, endColumn: 0 };
  previous: Token = { type: "start", text: "", line: 0, column: 0, endColumn: 0 };

  constructor(private readonly src: string, private readonly onError: TokenizerErrorSink) {
    this.ch = src.length > 0 ? src[0]! : "\0";
  }

  private atEof(): boolean {
    return this.pos >= this.src.length;
  }

  private nextChar(): void {
    if (this.ch === "\n") {
      this.line++;
      this.column = 0;
    } else if (this.ch === "\t") {
      this.column += TAB_WIDTH - (this.column % TAB_WIDTH);
    } else {
      this.column++;
    }
    this.pos++;
    this.ch = this.pos < this.src.length ? this.src[this.pos]! : "\0";
  }

  private error(message: string): void {
    this.onError(this.line, this.column, message);
  }

  private tryConsume(c: string): boolean {
    if (this.ch === c && !this.atEof()) {
      this.nextChar();
      return true;
    }
    return false;
  }
  private tryConsumeOne(pred: (c: string) => boolean): boolean {
    if (!this.atEof() && pred(this.ch)) {
      this.nextChar();
      return true;
    }
    return false;
  }
  private consumeZeroOrMore(pred: (c: string) => boolean): void {
    while (!this.atEof() && pred(this.ch)) this.nextChar();
  }
  private consumeOneOrMore(pred: (c: string) => boolean, message: string): void {
    if (this.atEof() || !pred(this.ch)) this.error(message);
    else this.consumeZeroOrMore(pred);
  }

  private startToken(): void {
    this.current = { type: "start", text: "", line: this.line, column: this.column, endColumn: 0 };
    this.recordStart = this.pos;
  }
  private endToken(type: TokenType): void {
    this.current.type = type;
    this.current.text = this.src.slice(this.recordStart, this.pos);
    this.current.endColumn = this.column;
    this.recordStart = -1;
  }

  private tryConsumeCommentStart(): CommentStart {
    if (this.ch === "/" && !this.atEof()) {
      const line = this.line;
      const column = this.column;
      this.nextChar();
      if (this.tryConsume("/")) return "line";
      if (this.tryConsume("*")) return "block";
      // Just a slash: it becomes the current token.
      this.current = { type: "symbol", text: "/", line, column, endColumn: column + 1 };
      return "slash";
    }
    return "none";
  }

  /** Consumes the rest of a line comment (after "//"), including the newline. */
  private consumeLineComment(): string {
    const start = this.pos;
    while (!this.atEof() && this.ch !== "\n") this.nextChar();
    this.tryConsume("\n");
    return this.src.slice(start, this.pos);
  }

  /** Consumes a block comment body (after the opening delimiter), stripping leading "*" on continuation lines. */
  private consumeBlockComment(): string {
    const startLine = this.line;
    const startColumn = this.column - 2;
    let content = "";
    let recordFrom = this.pos;
    for (;;) {
      while (!this.atEof() && this.ch !== "*" && this.ch !== "/" && this.ch !== "\n") this.nextChar();
      if (this.tryConsume("\n")) {
        content += this.src.slice(recordFrom, this.pos);
        this.consumeZeroOrMore(isWhitespaceNoNewline);
        if (this.tryConsume("*") && this.tryConsume("/")) return content;
        recordFrom = this.pos;
      } else if (this.tryConsume("*") && this.tryConsume("/")) {
        return content + this.src.slice(recordFrom, this.pos - 2);
      } else if (this.tryConsume("/") && this.ch === "*") {
        this.error('"/*" inside block comment.  Block comments cannot be nested.');
      } else if (this.atEof()) {
        this.error("End-of-file inside block comment.");
        this.onError(startLine, startColumn, "  Comment started here.");
        return content + this.src.slice(recordFrom, this.pos);
      }
    }
  }

  /** Reads the next token, skipping whitespace and comments. Returns false at end of input. */
  next(): boolean {
    this.previous = this.current;
    while (!this.atEof()) {
      this.consumeZeroOrMore(isWhitespace);
      const comment = this.tryConsumeCommentStart();
      if (comment === "line") {
        this.consumeLineComment();
        continue;
      } else if (comment === "block") {
        this.consumeBlockComment();
        continue;
      } else if (comment === "slash") {
        return true;
      }
      if (this.atEof()) break;
      if (isUnprintable(this.ch) || this.ch === "\0") {
        this.error("Invalid control characters encountered in text.");
        this.nextChar();
        while (!this.atEof() && (isUnprintable(this.ch) || this.ch === "\0")) this.nextChar();
        continue;
      }
      this.readToken();
      return true;
    }
    this.current = { type: "end", text: "", line: this.line, column: this.column, endColumn: this.column };
    return false;
  }

  private readToken(): void {
    this.startToken();
    if (this.tryConsumeOne(isLetter)) {
      this.consumeZeroOrMore(isAlnum);
      this.endToken("identifier");
    } else if (this.tryConsume("0")) {
      this.endToken(this.consumeNumber(true, false));
    } else if (this.tryConsume(".")) {
      if (this.tryConsumeOne(isDigit)) {
        const prev = this.previous;
        if (prev.type === "identifier" && this.current.line === prev.line && this.current.column === prev.endColumn) {
          this.onError(this.line, this.column - 2, "Need space between identifier and decimal point.");
        }
        this.endToken(this.consumeNumber(false, true));
      } else {
        this.endToken("symbol");
      }
    } else if (this.tryConsumeOne(isDigit)) {
      this.endToken(this.consumeNumber(false, false));
    } else if (this.ch === '"' || this.ch === "'") {
      const quote = this.ch;
      this.nextChar();
      this.consumeString(quote);
      this.endToken("string");
    } else {
      if (this.ch.charCodeAt(0) & 0x80) {
        this.error(`Interpreting non ascii codepoint ${this.ch.charCodeAt(0)}.`);
      }
      this.nextChar();
      this.endToken("symbol");
    }
  }

  private consumeNumber(startedWithZero: boolean, startedWithDot: boolean): TokenType {
    let isFloat = false;
    if (startedWithZero && (this.tryConsume("x") || this.tryConsume("X"))) {
      this.consumeOneOrMore(isHex, '"0x" must be followed by hex digits.');
    } else if (startedWithZero && isDigit(this.ch) && !this.atEof()) {
      this.consumeZeroOrMore(isOctal);
      if (isDigit(this.ch) && !this.atEof()) {
        this.error("Numbers starting with leading zero must be in octal.");
        this.consumeZeroOrMore(isDigit);
      }
    } else {
      if (startedWithDot) {
        isFloat = true;
        this.consumeZeroOrMore(isDigit);
      } else {
        this.consumeZeroOrMore(isDigit);
        if (this.tryConsume(".")) {
          isFloat = true;
          this.consumeZeroOrMore(isDigit);
        }
      }
      if (this.tryConsume("e") || this.tryConsume("E")) {
        isFloat = true;
        if (!this.tryConsume("-")) this.tryConsume("+");
        this.consumeOneOrMore(isDigit, '"e" must be followed by exponent.');
      }
    }
    if (!this.atEof() && isLetter(this.ch)) {
      this.error("Need space between number and identifier.");
    } else if (this.ch === "." && !this.atEof()) {
      this.error(isFloat ? "Already saw decimal point or exponent; can't have another one." : "Hex and octal numbers must be integers.");
    }
    return isFloat ? "float" : "integer";
  }

  private consumeString(delimiter: string): void {
    for (;;) {
      if (this.atEof()) {
        this.error("Unexpected end of string.");
        return;
      }
      const c = this.ch;
      if (c === "\n") {
        this.error("String literals cannot cross line boundaries.");
        return;
      }
      if (c === "\\") {
        this.nextChar();
        if ("abfnrtv\\?'\"".includes(this.ch) && !this.atEof()) {
          this.nextChar();
        } else if (isOctal(this.ch) && !this.atEof()) {
          // Octal escape; the literal parser reads up to three digits.
        } else if (this.tryConsume("x")) {
          if (!this.tryConsumeOne(isHex)) this.error("Expected hex digits for escape sequence.");
        } else if (this.tryConsume("u")) {
          for (let i = 0; i < 4; i++) if (!this.tryConsumeOne(isHex)) { this.error("Expected four hex digits for \\u escape sequence."); break; }
        } else if (this.tryConsume("U")) {
          // 8 hex digits; protoc validates the range, we keep it lenient here.
          for (let i = 0; i < 8; i++) if (!this.tryConsumeOne(isHex)) { this.error("Expected eight hex digits up to 10ffff for \\U escape sequence"); break; }
        } else {
          this.error("Invalid escape sequence in string literal.");
        }
      } else if (c === delimiter) {
        this.nextChar();
        return;
      } else {
        this.nextChar();
      }
    }
  }

  /**
   * Like next(), but also reports the comments around the token boundary:
   * the trailing comment of the previous token, detached comments, and the
   * leading comment of the new token (protoc's NextWithComments).
   */
  nextWithComments(): CommentsResult {
    return nextWithComments(this);
  }

  // Primitives used by comment attribution (comment-attribution.ts).
  /** @internal */ skipSpacesNoNewline(): void {
    this.consumeZeroOrMore(isWhitespaceNoNewline);
  }
  /** @internal */ tryConsumeNewline(): boolean {
    return this.tryConsume("\n");
  }
  /** @internal */ readCommentStart(): CommentStart {
    return this.tryConsumeCommentStart();
  }
  /** @internal */ readLineComment(): string {
    return this.consumeLineComment();
  }
  /** @internal */ readBlockComment(): string {
    return this.consumeBlockComment();
  }
  /** @internal Skips a UTF-8 byte order mark at the very beginning. */ skipByteOrderMark(): void {
    if (this.pos === 0 && this.src.startsWith("\xEF\xBB\xBF")) {
      this.nextChar();
      this.nextChar();
      this.nextChar();
    }
  }
}
