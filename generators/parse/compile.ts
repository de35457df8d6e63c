// Drives the pipeline for a set of input files, in protoc's order: each file
// is parsed, its imports are built first (depth-first, in import order), then
// the file itself is built: symbols, type resolution, validation, options.
// The resulting order (dependencies before dependents) is also the order of
// `protoc --include_imports` output.

import { create } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema, type FileDescriptorProto, type FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { BuildContext, type FileState } from "./build-context.js";
import { crossLinkFile } from "./cross-link.js";
import { ErrorCollector, ProtoParseError } from "./errors.js";
import { finalizeFile } from "./finalize.js";
import { OptionInterpreter } from "./option-interpreter.js";
import { parseFile } from "./parse-file.js";
import { registerFileSymbols } from "./register-symbols.js";
import { applyInterpretedPaths, toSourceCodeInfo } from "./source-info.js";
import { findSourceFile } from "./source-tree.js";
import { SymbolTable } from "./symbols.js";
import { checkFileNumbers, validateFile } from "./validate.js";

export class Compiler {
  private readonly errors = new ErrorCollector();
  private readonly files = new Map<string, FileState>();
  private readonly ctx = new BuildContext(new SymbolTable(), this.errors, this.files);
  /** Files being built, for import cycle detection. */
  private readonly pending: FileState[] = [];
  private readonly output: FileDescriptorProto[] = [];

  constructor(private readonly includePaths: readonly string[]) {}

  /** Builds an input file (and its imports); throws ProtoParseError on any error. */
  addInput(name: string): void {
    if (!this.files.has(name)) this.build(name);
    this.errors.throwIfAny();
  }

  result(): FileDescriptorSet {
    return create(FileDescriptorSetSchema, { file: this.output });
  }

  /** Returns false if the file was not found or had errors (protoc then flags the import). */
  private build(name: string): boolean {
    try {
      return this.buildUnchecked(name);
    } catch (e) {
      if (e instanceof ProtoParseError) throw e;
      // A bug here must still surface as a located, protoc-style error.
      this.errors.add(name, 0, 0, `internal error while compiling this file: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private buildUnchecked(name: string): boolean {
    const source = findSourceFile(this.includePaths, name);
    if (!source) {
      this.errors.addWithoutLocation(name, "File not found.");
      return false;
    }
    const errorsBefore = this.errors.count;
    const parsed = parseFile(name, source.content, this.errors);
    // Like protoc, a file with syntax errors is not built further.
    if (this.errors.count > errorsBefore) return false;
    const state: FileState = { parsed, visible: new Set() };

    const proto = parsed.proto;
    this.pending.push(state);
    try {
      for (const dep of proto.dependency) {
        const at = parsed.importLocations.get(dep) ?? { line: 0, column: 0 };
        if (this.files.has(dep)) continue;
        const cycleStart = this.pending.findIndex((p) => p.parsed.proto.name === dep);
        if (cycleStart >= 0) this.reportCycle(cycleStart);
        else if (this.build(dep)) continue;
        this.errors.add(name, at.line, at.column, `Import "${dep}" was not found or had errors.`);
      }
    } finally {
      this.pending.pop();
    }

    // Like protoc, keep building after a failed import so that unresolved
    // names are reported too.
    for (const dep of proto.dependency) {
      if (!this.files.has(dep)) continue;
      state.visible.add(dep);
      this.addPublicImports(dep, state.visible);
    }
    registerFileSymbols(this.ctx, state);
    crossLinkFile(this.ctx, state);
    checkFileNumbers(this.ctx, state);
    if (this.errors.count > errorsBefore) return false;

    const interpreter = new OptionInterpreter(this.ctx, state);
    interpreter.interpretAll();
    if (this.errors.count > errorsBefore) return false;
    validateFile(this.ctx, state);
    if (this.errors.count > errorsBefore) return false;

    this.files.set(name, state);
    finalizeFile(proto, parsed.syntax);
    proto.sourceCodeInfo = toSourceCodeInfo(applyInterpretedPaths(parsed.locations, interpreter.interpretedPaths));
    this.output.push(proto);
    return true;
  }

  /** protoc's AddRecursiveImportError: reported in the first file of the cycle, at its next import. */
  private reportCycle(start: number): void {
    const chain = this.pending.slice(start).map((p) => p.parsed.proto.name);
    const first = this.pending[start]!.parsed;
    const next = chain[1] ?? first.proto.name;
    const at = first.importLocations.get(next) ?? { line: 0, column: 0 };
    this.errors.add(first.proto.name, at.line, at.column, `File recursively imports itself: ${[...chain, first.proto.name].join(" -> ")}`);
  }

  /** Public imports are visible through the file that imports them, transitively. */
  private addPublicImports(file: string, visible: Set<string>): void {
    const proto = this.files.get(file)?.parsed.proto;
    if (!proto) return;
    for (const index of proto.publicDependency) {
      const dep = proto.dependency[index];
      if (dep === undefined || visible.has(dep)) continue;
      visible.add(dep);
      this.addPublicImports(dep, visible);
    }
  }
}

