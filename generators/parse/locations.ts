// Source locations as protoc's Parser::LocationRecorder records them. A
// location is appended when its recorder is created (so the list is in
// pre-order, like protoc's) and its span is closed at the previous token when
// the recorder is finished, unless an explicit end was set.

import type { Token } from "./tokenizer.js";

export interface RawLocation {
  path: number[];
  span: number[];
  leading?: string;
  trailing?: string;
  detached: string[];
}

export interface TokenSource {
  readonly current: Token;
  readonly previous: Token;
}

export class LocationRecorder {
  readonly location: RawLocation;

  private constructor(
    private readonly input: TokenSource,
    private readonly sink: RawLocation[],
    path: number[],
  ) {
    this.location = { path, span: [input.current.line, input.current.column], detached: [] };
    sink.push(this.location);
  }

  static root(input: TokenSource, sink: RawLocation[]): LocationRecorder {
    return new LocationRecorder(input, sink, []);
  }

  /** A child location; `sink` lets extension-range options record into a scratch list. */
  child(...pathParts: number[]): LocationRecorder {
    return new LocationRecorder(this.input, this.sink, [...this.location.path, ...pathParts]);
  }

  childIn(sink: RawLocation[], ...pathParts: number[]): LocationRecorder {
    return new LocationRecorder(this.input, sink, [...this.location.path, ...pathParts]);
  }

  addPath(part: number): void {
    this.location.path.push(part);
  }

  get pathLength(): number {
    return this.location.path.length;
  }

  startAt(token: Token): void {
    this.location.span[0] = token.line;
    this.location.span[1] = token.column;
  }

  startAtLocation(other: LocationRecorder): void {
    this.location.span[0] = other.location.span[0]!;
    this.location.span[1] = other.location.span[1]!;
  }

  endAt(token: Token): void {
    if (token.line !== this.location.span[0]) this.location.span.push(token.line);
    this.location.span.push(token.endColumn);
  }

  /** Mirrors the recorder's destructor: close the span at the last consumed token. */
  finish(): void {
    if (this.location.span.length <= 2) this.endAt(this.input.previous);
  }

  /** Line/column (0-based) where this location starts, for error messages. */
  get start(): { line: number; column: number } {
    return { line: this.location.span[0]!, column: this.location.span[1]! };
  }

  attachComments(leading: string, trailing: string, detached: string[]): void {
    if (leading !== "") this.location.leading = leading;
    if (trailing !== "") this.location.trailing = trailing;
    this.location.detached.push(...detached);
  }
}

/** Runs `body` with a recorder and always finishes it (protoc relies on C++ scope exit). */
export function withLocation<T>(recorder: LocationRecorder, body: (loc: LocationRecorder) => T): T {
  try {
    return body(recorder);
  } finally {
    recorder.finish();
  }
}
