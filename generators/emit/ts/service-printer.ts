// Prints one `<file>_micro.ts`: per service a handler interface (what a service implements), a client
// interface (what callers get), the shared service definition (protobuf-es descriptor + docs + http rules)
// and a client factory. Message types come from protoc-gen-es's `_pb.ts` next to it. Handler results are spelled
// with the rpc module's MaybePromise and Reply aliases; lines stay within layout.ts's WIDTH.
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import type { GeneratedFile, ImportSymbol, Printable } from "@bufbuild/protoplugin";
import { pieces, widthOf, WIDTH } from "./layout.js";

export interface HttpRuleView { method: string; path: string; body?: string; responseBody?: string }
export interface MethodView { desc: DescMethod; doc?: string; deprecated?: boolean; http: HttpRuleView[] }
export interface ServiceView { desc: DescService; doc?: string; methods: MethodView[] }

export interface PrintOptions {
  /** Module the generated code imports the runtime from (e.g. "micro-ts/rpc"). */
  rpcImport: string;
  /** The file's proto comments as a service registers them (comments.ts), or "". */
  comments?: string;
}

export function printServices(f: GeneratedFile, services: ServiceView[], opts: PrintOptions): void {
  const rpc = (name: string, typeOnly = false) => f.import(name, opts.rpcImport, typeOnly);
  const initShape = f.import("MessageInitShape", "@bufbuild/protobuf", true);
  const initIn = (m: DescMethod): Printable => [initShape, "<typeof ", f.importSchema(m.input, true), ">"];
  const reply = (m: DescMethod): Printable => [rpc("Reply", true), "<typeof ", f.importSchema(m.output, true), ">"];
  const maybePromise = rpc("MaybePromise", true);
  const shapeOut = (m: DescMethod): ImportSymbol => f.importShape(m.output);
  const shapeIn = (m: DescMethod): ImportSymbol => f.importShape(m.input);
  const ctx = rpc("HandlerContext", true);
  const callOptions = rpc("CallOptions", true);
  const comments = opts.comments ? `comments_${services[0]!.desc.file.name.replace(/[^A-Za-z0-9_]/g, "_")}` : undefined;
  if (comments) {
    f.print(f.jsDoc("The proto comments of this file and its imports, registered with the service so that the platform's\ntables built from its descriptor carry them (a FileDescriptorSet of comments only, base64)."));
    printString(f, "", ["const ", comments, " ="], opts.comments!, ";");
    f.print();
  }

  for (const svc of services) {
    const name = svc.desc.name;
    const descriptor = f.importSchema(svc.desc);

    printDoc(f, doc(f, svc.doc, `Implemented by a service that serves ${svc.desc.typeName}.`, svc.desc.typeName));
    f.print(f.export("interface", `${name}Handler`), " {");
    for (const m of svc.methods) {
      printDoc(f, doc(f, m.doc, undefined, undefined, "  ", m.deprecated));
      const d = m.desc;
      const request: Printable = d.methodKind === "unary" || d.methodKind === "server_streaming"
        ? ["request: ", shapeIn(d)] : ["requests: AsyncIterable<", shapeIn(d), ">"];
      const result: Printable = d.methodKind === "unary" || d.methodKind === "client_streaming"
        ? [maybePromise, "<", reply(d), ">"] : ["AsyncIterable<", reply(d), ">"];
      printSignature(f, "  ", d.localName, [request, ["context: ", ctx]], result);
    }
    f.print("}");
    f.print();

    printDoc(f, doc(f, svc.doc, `Typed client for ${svc.desc.typeName}.`, svc.desc.typeName));
    f.print(f.export("interface", `${name}Client`), " {");
    for (const m of svc.methods) {
      printDoc(f, doc(f, m.doc, undefined, undefined, "  ", m.deprecated));
      const d = m.desc;
      const request: Printable = d.methodKind === "unary" || d.methodKind === "server_streaming"
        ? ["request: ", initIn(d)] : ["requests: AsyncIterable<", initIn(d), ">"];
      const result: Printable = d.methodKind === "unary" || d.methodKind === "client_streaming"
        ? ["Promise<", shapeOut(d), ">"] : ["AsyncIterable<", shapeOut(d), ">"];
      printSignature(f, "  ", d.localName, [request, ["options?: ", callOptions]], result);
    }
    f.print("}");
    f.print();

    f.print(f.jsDoc(`Definition of ${svc.desc.typeName} shared by clients and servers: descriptor, docs, HTTP rules.`));
    f.print(f.export("const", `${name}Service`), ": ", rpc("ServiceDef", true), "<typeof ", descriptor, "> = ", rpc("defineService"), "(", descriptor, ", {");
    if (svc.doc) printString(f, "  ", "doc:", svc.doc, ",");
    if (comments) f.print("  comments: ", comments, ",");
    f.print("  methods: {");
    for (const m of svc.methods) printMethodInfo(f, m);
    f.print("  },");
    f.print("});");
    f.print();

    f.print(f.jsDoc(`Creates a typed ${svc.desc.typeName} client over a transport (see createGrpcTransport).`));
    f.print(f.export("function", `create${name}Client`), "(transport: ", rpc("Transport", true), "): ", name, "Client {");
    f.print("  return ", rpc("createClient"), "(", name, "Service, transport);");
    f.print("}");
    f.print();
  }
}

/** One method's entry in the definition: on one line when it fits, else a field a line, each wrapped alike. */
function printMethodInfo(f: GeneratedFile, m: MethodView): void {
  const name = m.desc.localName;
  const rules = m.http.map((h) => httpRule(f, h));
  const fields: Printable[] = [];
  if (m.doc) fields.push(["doc: ", f.string(m.doc)]);
  if (rules.length) fields.push(["http: [", join(rules, ", "), "]"]);
  const line: Printable = ["    ", name, ": {", fields.length ? [" ", join(fields, ", "), " "] : "", "},"];
  if (widthOf(line) <= WIDTH) {
    f.print(line);
    return;
  }
  f.print("    ", name, ": {");
  if (m.doc) printString(f, "      ", "doc:", m.doc, ",");
  if (rules.length) {
    const http: Printable = ["      http: [", join(rules, ", "), "],"];
    if (widthOf(http) <= WIDTH) f.print(http);
    else {
      f.print("      http: [");
      m.http.forEach((h, i) => {
        if (widthOf(["        ", rules[i]!, ","]) <= WIDTH) f.print("        ", rules[i]!, ",");
        else printObject(f, "        ", httpFields(h));
      });
      f.print("      ],");
    }
  }
  f.print("    },");
}

function httpFields(h: HttpRuleView): [string, string][] {
  const out: [string, string][] = [["method", h.method], ["path", h.path]];
  if (h.body) out.push(["body", h.body]);
  if (h.responseBody) out.push(["responseBody", h.responseBody]);
  return out;
}

function httpRule(f: GeneratedFile, h: HttpRuleView): Printable {
  return ["{ ", join(httpFields(h).map(([k, v]) => [k, ": ", f.string(v)]), ", "), " }"];
}

/** An object of string fields, a field a line (each literal wrapped if it must be). */
function printObject(f: GeneratedFile, indent: string, fields: [string, string][]): void {
  f.print(indent, "{");
  for (const [k, v] of fields) printString(f, indent + "  ", `${k}:`, v, ",");
  f.print(indent, "},");
}

/** `indent lead "text"trail` on one line when it fits, else the literal in `+`-joined pieces on the lines below. */
function printString(f: GeneratedFile, indent: string, lead: Printable, text: string, trail: string): void {
  if (widthOf([indent, lead, " ", f.string(text), trail]) <= WIDTH) {
    f.print(indent, lead, " ", f.string(text), trail);
    return;
  }
  f.print(indent, lead);
  const inner = indent + "  ";
  const parts = pieces(text, WIDTH - inner.length - Math.max(trail.length, 2));
  parts.forEach((part, i) => f.print(inner, f.string(part), i < parts.length - 1 ? " +" : trail));
}

/** A method signature on one line when it fits, else one parameter a line, as prettier writes it. */
function printSignature(f: GeneratedFile, indent: string, name: string, params: Printable[], result: Printable): void {
  const line: Printable = [indent, name, "(", join(params, ", "), "): ", result, ";"];
  if (widthOf(line) <= WIDTH) {
    f.print(line);
    return;
  }
  f.print(indent, name, "(");
  for (const p of params) f.print(indent, "  ", p, ",");
  f.print(indent, "): ", result, ";");
}

function join(items: Printable[], sep: string): Printable {
  return items.flatMap((item, i) => (i === 0 ? [item] : [sep, item]));
}

/** A JSDoc block from the proto comment, with a fallback line and the proto element it came from. */
function doc(f: GeneratedFile, text: string | undefined, fallback: string | undefined, source?: string, indent = "", deprecated = false): Printable {
  const lines: string[] = [];
  const body = (text ?? fallback ?? "").trim();
  if (body) lines.push(body);
  if (deprecated) lines.push("@deprecated");
  if (source) lines.push(`@generated from service ${source}`);
  if (!lines.length) return "";
  return f.jsDoc(lines.join("\n\n"), indent);
}

function printDoc(f: GeneratedFile, d: Printable): void {
  if (d !== "") f.print(d);
}
