// Adds the imports new stubs need to a handler file as text insertions: a name joins an existing import of its
// module when there is one, else one new import line goes after the last import. Nothing else is rewritten.
import type { ImportDeclaration, SourceFile } from "ts-morph";

/** Text to insert at `pos` of the original file. */
export interface Insertion {
  readonly pos: number;
  readonly text: string;
}

interface NewName {
  readonly spec: string;
  readonly typeOnly: boolean;
}

export class ImportPlan {
  private readonly insertions: Insertion[] = [];
  private readonly newImports = new Map<string, NewName[]>();
  /** Names bound at the top level of the file, plus those this plan adds. */
  private readonly taken: Set<string>;
  /** module + "\0" + imported name → local name, for names already resolved. */
  private readonly resolved = new Map<string, string>();

  constructor(private readonly file: SourceFile, private readonly eol: string) {
    this.taken = topLevelNames(file);
  }

  /** The local name under which `name` of `module` is usable as a value, importing it if needed. */
  value(module: string, name: string): string {
    return this.use(module, name, false);
  }

  /** The local name under which type `name` of `module` is usable, importing it (type-only) if needed. */
  type(module: string, name: string): string {
    return this.use(module, name, true);
  }

  /** Every insertion the names asked for need, in the original file's positions. */
  edits(): Insertion[] {
    const out = [...this.insertions];
    if (this.newImports.size > 0) {
      const lines = [...this.newImports].map(([module, names]) => {
        const allTypes = names.every((n) => n.typeOnly);
        const list = names.map((n) => (n.typeOnly && !allTypes ? `type ${n.spec}` : n.spec)).join(", ");
        return `import ${allTypes ? "type " : ""}{ ${list} } from ${JSON.stringify(module)};`;
      });
      const last = this.file.getImportDeclarations().at(-1);
      out.push(last
        ? { pos: last.getEnd(), text: lines.map((l) => this.eol + l).join("") }
        : { pos: 0, text: lines.map((l) => l + this.eol).join("") + this.eol });
    }
    return out;
  }

  private use(module: string, name: string, typeOnly: boolean): string {
    const key = `${module}\0${name}\0${typeOnly}`;
    const known = this.resolved.get(key);
    if (known) return known;
    const local = this.existing(module, name, typeOnly) ?? this.add(module, name, typeOnly);
    this.resolved.set(key, local);
    return local;
  }

  /** The local name of an import of `name` from `module` already in the file, usable as asked. */
  private existing(module: string, name: string, typeOnly: boolean): string | undefined {
    for (const decl of this.declarations(module)) {
      const ns = decl.getNamespaceImport();
      if (ns && (typeOnly || !decl.isTypeOnly())) return `${ns.getText()}.${name}`;
      for (const spec of decl.getNamedImports()) {
        if (spec.getName() !== name) continue;
        if (!typeOnly && (decl.isTypeOnly() || spec.isTypeOnly())) continue;
        return spec.getAliasNode()?.getText() ?? name;
      }
    }
    return undefined;
  }

  private add(module: string, name: string, typeOnly: boolean): string {
    let local = name;
    for (let i = 2; this.taken.has(local); i++) local = `${name}${i}`;
    this.taken.add(local);
    const spec = local === name ? name : `${name} as ${local}`;
    // Join an import of the module that has a `{ ... }` list; a value joins only a value import.
    const target = this.declarations(module).find((d) => d.getNamedImports().length > 0 && (typeOnly || !d.isTypeOnly()));
    if (target) {
      const named = target.getNamedImports();
      const last = named[named.length - 1];
      const multiline = target.getImportClause()?.getNamedBindings()?.getText().includes("\n") ?? false;
      const sep = multiline ? "," + this.eol + indentOf(this.file.getFullText(), last.getStart()) : ", ";
      const prefix = typeOnly && !target.isTypeOnly() ? "type " : "";
      this.insertions.push({ pos: last.getEnd(), text: sep + prefix + spec });
      return local;
    }
    const names = this.newImports.get(module) ?? [];
    names.push({ spec, typeOnly });
    this.newImports.set(module, names);
    return local;
  }

  private declarations(module: string): ImportDeclaration[] {
    return this.file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === module);
  }
}

/** The whitespace that starts the line holding `pos`. */
export function indentOf(text: string, pos: number): string {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function topLevelNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const decl of file.getImportDeclarations()) {
    const def = decl.getDefaultImport();
    if (def) names.add(def.getText());
    const ns = decl.getNamespaceImport();
    if (ns) names.add(ns.getText());
    for (const spec of decl.getNamedImports()) names.add(spec.getAliasNode()?.getText() ?? spec.getName());
  }
  for (const s of file.getStatements()) {
    const name = (s as { getName?: () => string | undefined }).getName?.();
    if (name) names.add(name);
  }
  for (const v of file.getVariableDeclarations()) names.add(v.getName());
  return names;
}
