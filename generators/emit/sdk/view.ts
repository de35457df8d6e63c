// The language-neutral view the SDK templates render: the model's packages, services and methods, with the
// streaming kind spelled as booleans (handlebars has no comparisons) and comments as plain lines. Each language
// adds its own names to these objects (languages/*.ts) before rendering.
import type { MethodModel, Model, ServiceModel } from "../../model/types.js";

export interface MethodView {
  name: string;
  /** "Service.Method", Micro's endpoint name. */
  endpoint: string;
  /** "/pkg.Service/Method", the gRPC path. */
  path: string;
  streaming: MethodModel["streaming"];
  unary: boolean;
  serverStreaming: boolean;
  clientStreaming: boolean;
  bidiStreaming: boolean;
  /** Full proto names of the request and response messages. */
  input: string;
  output: string;
  comment: string[];
  model: MethodModel;
  [lang: string]: unknown;
}

export interface ServiceView {
  name: string;
  fullName: string;
  /** The proto package, Micro's registry name. */
  package: string;
  comment: string[];
  methods: MethodView[];
  streams: boolean;
  model: ServiceModel;
  /** Values for [name] placeholders in per-service template paths. */
  path: Record<string, string>;
  [lang: string]: unknown;
}

export interface PackageView {
  /** Proto package, e.g. "store" or "acme.shop.v1". */
  name: string;
  /** Proto paths of its files. */
  files: string[];
  services: ServiceView[];
  streams: boolean;
  /** Values for [name] placeholders in per-package template paths. */
  path: Record<string, string>;
  [lang: string]: unknown;
}

export interface SdkView {
  packages: PackageView[];
  services: ServiceView[];
  /** Proto paths of every file the SDK covers (the packages' files and what they import). */
  protoFiles: string[];
  /** Values for [name] placeholders in the paths of templates rendered once. */
  path?: Record<string, string>;
  [key: string]: unknown;
}

/** Packages of `model` with services; `only` keeps those named (in its order). */
export function buildView(model: Model, only?: readonly string[]): SdkView {
  let packages = model.packages.filter((p) => p.services.length > 0);
  if (only) {
    const missing = only.filter((name) => !packages.some((p) => p.name === name));
    if (missing.length > 0) throw new Error(`no services in package ${missing.join(", ")}`);
    packages = only.map((name) => packages.find((p) => p.name === name)!);
  }
  const views = packages.map((p): PackageView => {
    const services = p.services.map(serviceView);
    return { name: p.name, files: p.files.map((f) => f.name), services, streams: services.some((s) => s.streams), path: {} };
  });
  const protoFiles = new Set<string>();
  const addWithImports = (name: string) => {
    if (protoFiles.has(name)) return;
    const file = model.allFiles.get(name);
    if (!file) return;
    for (const dep of file.desc.dependencies) addWithImports(dep.name + ".proto");
    protoFiles.add(name);
  };
  for (const p of views) for (const f of p.files) addWithImports(f);
  return { packages: views, services: views.flatMap((p) => p.services), protoFiles: [...protoFiles] };
}

function serviceView(s: ServiceModel): ServiceView {
  const methods = s.methods.map((m): MethodView => ({
    name: m.name, endpoint: m.endpoint, path: `/${s.fullName}/${m.name}`, streaming: m.streaming,
    unary: m.streaming === "unary", serverStreaming: m.streaming === "server_streaming",
    clientStreaming: m.streaming === "client_streaming", bidiStreaming: m.streaming === "bidi_streaming",
    input: m.input.fullName, output: m.output.fullName, comment: lines(m.comments.leading), model: m,
  }));
  return {
    name: s.name, fullName: s.fullName, package: s.file.package, comment: lines(s.comments.leading), methods,
    streams: methods.some((m) => !m.unary), model: s, path: {},
  };
}

function lines(text: string): string[] {
  return text === "" ? [] : text.replace(/\s+$/, "").split("\n").map((l) => l.replace(/\s+$/, ""));
}

/**
 * The name of the client of `s`: "<Service>Client", or "<Service>MicroClient" when the package already has a
 * top-level message or enum of that name (the generated code would clash with it).
 */
export function clientName(model: Model, s: ServiceModel, transform: (name: string) => string = (n) => n): string {
  const pkg = s.file.package;
  const taken = new Set<string>();
  for (const f of model.allFiles.values()) {
    if (f.package !== pkg) continue;
    for (const m of [...f.messages, ...f.enums]) {
      const local = pkg ? m.fullName.slice(pkg.length + 1) : m.fullName;
      if (!local.includes(".")) taken.add(transform(local));
    }
  }
  const plain = transform(s.name) + "Client";
  return taken.has(plain) ? transform(s.name) + "MicroClient" : plain;
}
