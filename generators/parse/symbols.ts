// The pool-wide symbol table (protoc's DescriptorPool::Tables) and the name
// lookup rules of DescriptorBuilder::LookupSymbol: innermost scope first,
// first name component resolved before the rest, and only symbols from the
// current file or files it can see (direct and public imports).

import type { DescriptorProto, EnumDescriptorProto, FieldDescriptorProto } from "@bufbuild/protobuf/wkt";

export type SymbolKind = "package" | "message" | "enum" | "enumValue" | "field" | "oneof" | "service" | "method";

export interface ProtoSymbol {
  kind: SymbolKind;
  fullName: string;
  /** Name of the file that defined it (for packages: the first such file). */
  file: string;
  message?: DescriptorProto;
  enumType?: EnumDescriptorProto;
  field?: FieldDescriptorProto;
  /** For extensions: the scope they are declared in (used for option name lookups). */
  isExtension?: boolean;
}

const isAggregate = (s: ProtoSymbol) => s.kind === "package" || s.kind === "message" || s.kind === "enum" || s.kind === "service";
const isType = (s: ProtoSymbol) => s.kind === "message" || s.kind === "enum";

export interface LookupResult {
  symbol?: ProtoSymbol;
  /** Set when the name exists only in a file that is not imported. */
  undeclaredIn?: { file: string; name: string };
  /** Set when the first component resolved but the rest did not (protoc's undefine_resolved_name_). */
  resolvedTo?: string;
}

export class SymbolTable {
  private readonly symbols = new Map<string, ProtoSymbol>();
  /** file name -> packages it declares (each prefix), used for package visibility. */
  private readonly filePackages = new Map<string, Set<string>>();

  get(fullName: string): ProtoSymbol | undefined {
    return this.symbols.get(fullName);
  }

  /** Adds a symbol; returns the existing one if the name is taken. */
  add(symbol: ProtoSymbol): ProtoSymbol | undefined {
    const existing = this.symbols.get(symbol.fullName);
    if (existing) return existing;
    this.symbols.set(symbol.fullName, symbol);
    return undefined;
  }

  /** Registers "a", "a.b", "a.b.c" as packages; returns a conflicting non-package symbol, if any. */
  addPackage(pkg: string, file: string): ProtoSymbol | undefined {
    const set = this.filePackages.get(file) ?? new Set<string>();
    this.filePackages.set(file, set);
    const parts = pkg.split(".");
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join(".");
      set.add(name);
      const existing = this.symbols.get(name);
      if (!existing) this.symbols.set(name, { kind: "package", fullName: name, file });
      else if (existing.kind !== "package") return existing;
    }
    return undefined;
  }

  private isInPackage(file: string, name: string): boolean {
    return this.filePackages.get(file)?.has(name) ?? false;
  }

  /**
   * Finds `name` (already fully qualified, no leading dot) if it is visible from
   * `fromFile`, whose visible files are `visible` (itself, imports, public imports of those).
   */
  find(name: string, fromFile: string, visible: ReadonlySet<string>, miss: LookupResult): ProtoSymbol | undefined {
    const symbol = this.symbols.get(name);
    if (!symbol) return undefined;
    if (symbol.file === fromFile || visible.has(symbol.file)) return symbol;
    if (symbol.kind === "package") {
      // A package may be declared by several files; any visible one will do.
      for (const f of [fromFile, ...visible]) if (this.isInPackage(f, name)) return symbol;
    }
    miss.undeclaredIn = { file: symbol.file, name };
    return undefined;
  }

  /**
   * protoc's LookupSymbolNoPlaceholder. `relativeTo` is the full name of the
   * element doing the lookup (e.g. "pkg.Msg.field"). With `typesOnly`, a
   * simple name that resolves to a non-type keeps searching outer scopes.
   */
  lookup(name: string, relativeTo: string, fromFile: string, visible: ReadonlySet<string>, typesOnly: boolean): LookupResult {
    const result: LookupResult = {};
    if (name.startsWith(".")) {
      result.symbol = this.find(name.slice(1), fromFile, visible, result);
      return result;
    }
    const dot = name.indexOf(".");
    const firstPart = dot < 0 ? name : name.slice(0, dot);
    let scope = relativeTo;
    for (;;) {
      const lastDot = scope.lastIndexOf(".");
      if (lastDot < 0) {
        result.symbol = this.find(name, fromFile, visible, result);
        return result;
      }
      scope = scope.slice(0, lastDot);
      const candidate = `${scope}.${firstPart}`;
      const found = this.find(candidate, fromFile, visible, result);
      if (found) {
        if (firstPart.length < name.length) {
          // Compound name: the rest must be found inside the first match.
          if (isAggregate(found)) {
            const full = scope + "." + name;
            result.symbol = this.find(full, fromFile, visible, result);
            if (!result.symbol) result.resolvedTo = full;
            return result;
          }
        } else if (!typesOnly || isType(found)) {
          result.symbol = found;
          return result;
        }
      }
    }
  }
}
