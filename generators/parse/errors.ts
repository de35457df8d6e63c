// Error type for the protoc-free front end. Messages follow protoc's
// "file:line:column: message" convention so CLI users see familiar output.

export interface Diagnostic {
  file: string;
  /** 1-based line, or 0 when the error is not tied to a line (e.g. a missing input file). */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  if (d.line <= 0) return `${d.file}: ${d.message}`;
  return d.column === undefined ? `${d.file}:${d.line}: ${d.message}` : `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export class ProtoParseError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  /** Every problem found (protoc reports them all); the first one also fills file/line/column. */
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "ProtoParseError";
    // Prefer a diagnostic with a line (e.g. the import statement over "x.proto: File not found.").
    const first = diagnostics.find((d) => d.line > 0) ?? diagnostics[0] ?? { file: "", line: 0, message: "unknown error" };
    this.file = first.file;
    this.line = first.line;
    if (first.column !== undefined) this.column = first.column;
    this.diagnostics = diagnostics;
  }
}

/** Collects diagnostics; positions given to add() are 0-based like protoc's tokenizer. */
export class ErrorCollector {
  readonly diagnostics: Diagnostic[] = [];

  add(file: string, line0: number, column0: number, message: string): void {
    this.diagnostics.push({ file, line: line0 + 1, column: column0 + 1, message });
  }

  addWithoutLocation(file: string, message: string): void {
    this.diagnostics.push({ file, line: 0, message });
  }

  get count(): number {
    return this.diagnostics.length;
  }

  get hasErrors(): boolean {
    return this.diagnostics.length > 0;
  }

  throwIfAny(): void {
    if (this.hasErrors) throw new ProtoParseError(this.diagnostics);
  }
}
