// Keeps a handler file in step with its proto: a class that `implements <Service>Handler` gets a stub for every
// rpc it has no member for. ts-morph finds the class and the imports; the edits are plain text insertions, so
// every byte the user wrote (bodies, comments, formatting) stays where it was. Nothing is ever deleted.
import { posix } from "node:path";
import { Node, Scope, type ClassDeclaration, type Project } from "ts-morph";
import { ImportPlan, indentOf, type Insertion } from "./imports.js";
import type { RpcSpec, ServiceSpec } from "./rpcs.js";

/** The package a scaffolded service imports the framework (MicroError, logger, Service) from. */
export const FRAMEWORK_MODULE = "micro-ts";

export interface HandlerSync {
  /** The new text; the input itself when nothing was added. */
  readonly text: string;
  /** Stubs added. */
  readonly added: { service: ServiceSpec; rpc: RpcSpec }[];
  /** Public methods of a handler class that no rpc of its service has (kept as they are). */
  readonly extra: { service: ServiceSpec; method: string }[];
}

export interface HandlerFile {
  /** Absolute path; imports of generated code are made relative to it. */
  readonly path: string;
  readonly text: string;
}

/** Adds the missing stubs to the handler classes in one file; `outDir` is the absolute generated code directory. */
export function syncHandler(project: Project, file: HandlerFile, specs: readonly ServiceSpec[], outDir: string): HandlerSync {
  const source = project.createSourceFile(file.path, file.text, { overwrite: true });
  const eol = file.text.includes("\r\n") ? "\r\n" : "\n";
  const plan = new ImportPlan(source, eol);
  const insertions: Insertion[] = [];
  const added: HandlerSync["added"] = [];
  const extra: HandlerSync["extra"] = [];
  for (const cls of source.getClasses()) {
    const service = implemented(cls, specs);
    if (!service) continue;
    const members = memberNames(cls);
    const rpcMethods = new Set(service.rpcs.map((r) => r.method));
    for (const method of publicMethods(cls)) if (!rpcMethods.has(method)) extra.push({ service, method });
    const missing = service.rpcs.filter((r) => !members.has(r.method));
    if (missing.length === 0) continue;
    const layout = classLayout(cls, file.text);
    const microError = plan.value(FRAMEWORK_MODULE, "MicroError");
    const stubs = missing.map((rpc) => {
      let [type, returns] = [rpc.param.type, rpc.returns];
      for (const ref of rpc.refs) {
        const module = ref.relative ? importPath(file.path, posix.join(outDir, ref.module)) : ref.module;
        const local = plan.type(module, ref.imported);
        if (local === ref.local) continue;
        const word = new RegExp(`(?<![\\w$.])${escape(ref.local)}(?![\\w$])`, "g");
        [type, returns] = [type.replace(word, local), returns.replace(word, local)];
      }
      added.push({ service, rpc });
      return stub(service, rpc, { type, returns }, microError, layout.indent, layout.unit, eol);
    });
    const body = stubs.join(eol + eol);
    insertions.push(layout.empty
      ? { pos: layout.pos, text: layout.ownLine ? body + eol : eol + body + eol }
      : { pos: layout.pos, text: layout.ownLine ? eol + body + eol : eol + eol + body + eol });
  }
  if (added.length === 0) return { text: file.text, added, extra };
  return { text: apply(file.text, [...plan.edits(), ...insertions]), added, extra };
}

/** The service whose handler interface the class implements (`implements GreeterHandler`, or `gen.GreeterHandler`). */
function implemented(cls: ClassDeclaration, specs: readonly ServiceSpec[]): ServiceSpec | undefined {
  for (const clause of cls.getImplements()) {
    const name = clause.getExpression().getText().split(".").pop();
    const spec = specs.find((s) => `${s.name}Handler` === name);
    if (spec) return spec;
  }
  return undefined;
}

/** Every named member: a method, or a property or accessor holding a function, implements an rpc. */
function memberNames(cls: ClassDeclaration): Set<string> {
  const names = new Set<string>();
  for (const m of cls.getMembers()) {
    if (Node.isMethodDeclaration(m) || Node.isPropertyDeclaration(m) || Node.isGetAccessorDeclaration(m)) names.add(m.getName());
  }
  return names;
}

/** Instance methods callers could reach: private, protected, #private and static ones are helpers. */
function publicMethods(cls: ClassDeclaration): string[] {
  const names = cls.getInstanceMethods()
    .filter((m) => m.getScope() === Scope.Public && !m.getName().startsWith("#"))
    .map((m) => m.getName());
  return [...new Set(names)];
}

interface ClassLayout {
  /** Where the stubs go: the start of the closing brace's line when it has one of its own, else the brace. */
  pos: number;
  ownLine: boolean;
  empty: boolean;
  /** Indentation of the class's members, and one level of it. */
  indent: string;
  unit: string;
}

function classLayout(cls: ClassDeclaration, text: string): ClassLayout {
  const close = cls.getEnd() - 1;
  const lineStart = text.lastIndexOf("\n", close - 1) + 1;
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, close));
  const classIndent = indentOf(text, cls.getStart());
  const first = cls.getMembers()[0];
  const unit = indentUnit(text);
  const indent = first ? indentOf(text, first.getStart()) : classIndent + unit;
  return { pos: ownLine ? lineStart : close, ownLine, empty: cls.getMembers().length === 0, indent, unit };
}

/** The file's indentation step: the first indented line's whitespace, else two spaces. */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1] : "  ";
}

interface StubTypes { type: string; returns: string }

function stub(service: ServiceSpec, rpc: RpcSpec, t: StubTypes, microError: string, indent: string, unit: string, eol: string): string {
  const detail = `${service.name}.${rpc.name} is not implemented`;
  return [
    `${indent}async ${rpc.streamsOut ? "*" : ""}${rpc.method}(${rpc.param.name}: ${t.type}): ${t.returns} {`,
    `${indent}${unit}throw new ${microError}(${JSON.stringify(service.errorId)}, 501, ${JSON.stringify(detail)});`,
    `${indent}}`,
  ].join(eol);
}

/** `to` as an ES module specifier from the file at `from`: "../gen/greeter_pb.js". */
function importPath(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Applies insertions to the original text; several at one position go in the order given. */
function apply(text: string, insertions: Insertion[]): string {
  const sorted = insertions.map((ins, i) => ({ ins, i })).sort((a, b) => a.ins.pos - b.ins.pos || a.i - b.i);
  let out = "";
  let at = 0;
  for (const { ins } of sorted) {
    out += text.slice(at, ins.pos) + ins.text;
    at = ins.pos;
  }
  return out + text.slice(at);
}

function escape(s: string): string {
  return s.replace(/[$.*+?^(){}[\]|\\]/g, "\\$&");
}
