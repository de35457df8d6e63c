// State shared by the build steps of one parseProtos() call: the symbol
// table, the error collector, and per-file data (what each file can see).
// Error placement follows protoc: the element's recorded source position
// for the kind of problem (name, type, number, ...).

import type { ErrorCollector } from "./errors.js";
import type { ParsedFile } from "./parse-file.js";
import type { LegacyKind } from "./parser-base.js";
import type { SymbolTable } from "./symbols.js";

export interface FileState {
  parsed: ParsedFile;
  /** Files whose symbols this file may use: direct imports plus public imports, transitively. */
  visible: Set<string>;
}

export class BuildContext {
  constructor(
    readonly symbols: SymbolTable,
    readonly errors: ErrorCollector,
    readonly files: Map<string, FileState>,
  ) {}

  /** Reports `message` at the element's recorded position of `kind` (falling back to its name). */
  error(file: FileState, element: object, kind: LegacyKind, message: string): void {
    const entry = file.parsed.legacy.get(element);
    const pos = entry?.[kind] ?? entry?.name ?? entry?.type ?? entry?.number;
    if (pos) this.errors.add(file.parsed.proto.name, pos.line, pos.column, message);
    else this.errors.addWithoutLocation(file.parsed.proto.name, message);
  }
}

/** Joins a scope and a name the way protoc builds full names. */
export function qualify(scope: string, name: string): string {
  return scope === "" ? name : `${scope}.${name}`;
}
