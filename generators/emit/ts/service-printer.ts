// Prints one `<file>_micro.ts`: per service a handler interface (what a service implements), a client
// interface (what callers get), the shared service definition (protobuf-es descriptor + docs + http rules)
// and a client factory. Message types come from protoc-gen-es's `_pb.ts` next to it.
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import type { GeneratedFile, ImportSymbol, Printable } from "@bufbuild/protoplugin";

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
  const init = (m: DescMethod): Printable => [initShape, "<typeof ", f.importSchema(m.output, true), ">"];
  const initIn = (m: DescMethod): Printable => [initShape, "<typeof ", f.importSchema(m.input, true), ">"];
  const shapeOut = (m: DescMethod): ImportSymbol => f.importShape(m.output);
  const shapeIn = (m: DescMethod): ImportSymbol => f.importShape(m.input);
  const ctx = rpc("HandlerContext", true);
  const callOptions = rpc("CallOptions", true);
  const comments = opts.comments ? `comments_${services[0]!.desc.file.name.replace(/[^A-Za-z0-9_]/g, "_")}` : undefined;
  if (comments) {
    f.print(f.jsDoc("The proto comments of this file and its imports, registered with the service so that the platform's\ntables built from its descriptor carry them (a FileDescriptorSet of comments only, base64)."));
    f.print("const ", comments, " = ", f.string(opts.comments!), ";");
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
      switch (d.methodKind) {
        case "unary":
          f.print("  ", d.localName, "(request: ", shapeIn(d), ", context: ", ctx, "): ", init(d), " | Promise<", init(d), ">;");
          break;
        case "server_streaming":
          f.print("  ", d.localName, "(request: ", shapeIn(d), ", context: ", ctx, "): AsyncIterable<", init(d), ">;");
          break;
        case "client_streaming":
          f.print("  ", d.localName, "(requests: AsyncIterable<", shapeIn(d), ">, context: ", ctx, "): ", init(d), " | Promise<", init(d), ">;");
          break;
        case "bidi_streaming":
          f.print("  ", d.localName, "(requests: AsyncIterable<", shapeIn(d), ">, context: ", ctx, "): AsyncIterable<", init(d), ">;");
          break;
      }
    }
    f.print("}");
    f.print();

    printDoc(f, doc(f, svc.doc, `Typed client for ${svc.desc.typeName}.`, svc.desc.typeName));
    f.print(f.export("interface", `${name}Client`), " {");
    for (const m of svc.methods) {
      printDoc(f, doc(f, m.doc, undefined, undefined, "  ", m.deprecated));
      const d = m.desc;
      switch (d.methodKind) {
        case "unary":
          f.print("  ", d.localName, "(request: ", initIn(d), ", options?: ", callOptions, "): Promise<", shapeOut(d), ">;");
          break;
        case "server_streaming":
          f.print("  ", d.localName, "(request: ", initIn(d), ", options?: ", callOptions, "): AsyncIterable<", shapeOut(d), ">;");
          break;
        case "client_streaming":
          f.print("  ", d.localName, "(requests: AsyncIterable<", initIn(d), ">, options?: ", callOptions, "): Promise<", shapeOut(d), ">;");
          break;
        case "bidi_streaming":
          f.print("  ", d.localName, "(requests: AsyncIterable<", initIn(d), ">, options?: ", callOptions, "): AsyncIterable<", shapeOut(d), ">;");
          break;
      }
    }
    f.print("}");
    f.print();

    f.print(f.jsDoc(`Definition of ${svc.desc.typeName} shared by clients and servers: descriptor, docs, HTTP rules.`));
    f.print(f.export("const", `${name}Service`), ": ", rpc("ServiceDef", true), "<typeof ", descriptor, "> = ", rpc("defineService"), "(", descriptor, ", {");
    if (svc.doc) f.print("  doc: ", f.string(svc.doc), ",");
    if (comments) f.print("  comments: ", comments, ",");
    f.print("  methods: {");
    for (const m of svc.methods) {
      const fields: Printable[] = [];
      if (m.doc) fields.push(["doc: ", f.string(m.doc)]);
      if (m.http.length) fields.push(["http: [", join(m.http.map((h) => httpRule(f, h)), ", "), "]"]);
      f.print("    ", m.desc.localName, ": {", fields.length ? [" ", join(fields, ", "), " "] : "", "},");
    }
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

function httpRule(f: GeneratedFile, h: HttpRuleView): Printable {
  const parts: Printable[] = [["method: ", f.string(h.method)], ["path: ", f.string(h.path)]];
  if (h.body) parts.push(["body: ", f.string(h.body)]);
  if (h.responseBody) parts.push(["responseBody: ", f.string(h.responseBody)]);
  return ["{ ", join(parts, ", "), " }"];
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
