// Rust: a crate (options: crate) whose build.rs runs tonic-build + prost-build on the FileDescriptorSet this
// generator writes (proto.binpb: no protoc needed at build time), plus rendered modules: a <Service>Client
// per service with async methods returning Result<_, micro::Error>, and the micro runtime (options, token).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { protobuf, wkt } from "../../../cjs/protobuf.js";
import type { MessageModel } from "../../../model/types.js";
import type { SdkInput } from "../input.js";
import { isWkt, type SdkLanguage } from "../language.js";
import { pascal, snake } from "../names.js";
import { clientName, type SdkView } from "../view.js";

export const RUST_VERSIONS = { tonic: "0.13", prost: "0.13", tokio: "1", serde: "1", serdeJson: "1" };

const KEYWORDS = new Set(["as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
  "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static",
  "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract",
  "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try"]);

const ident = (s: string) => (KEYWORDS.has(s) ? `r#${s}` : s);

/** prost's path for a message, from the crate root: crate::store::ReadRequest, crate::a::b::outer::Inner. */
function rustType(m: MessageModel): string {
  if (isWkt(m.file.name)) return m.name === "Empty" ? "()" : `::prost_types::${m.name}`;
  const pkg = m.file.package ? m.file.package.split(".").map((p) => ident(snake(p))) : [];
  const nested = (m.file.package ? m.fullName.slice(m.file.package.length + 1) : m.fullName).split(".");
  const last = nested.pop()!;
  return ["crate", ...pkg, ...nested.map((n) => ident(snake(n))), pascal(last)].join("::");
}

/**
 * lib.rs's module tree as a flat list for the template: {open} starts `pub mod x {`, {pkg} includes a proto
 * package's generated code (and its clients, for the SDK's packages), {close} ends a module. Every package of
 * the SDK's files and their imports gets its module: prost refers across packages with super:: paths.
 */
function moduleItems(view: SdkView, input: SdkInput): Array<{ open?: string; pkg?: unknown; close?: true }> {
  const packages = [...new Set(view.protoFiles.filter((f) => !isWkt(f)).map((f) => input.model.allFiles.get(f)!.package))]
    .filter((p) => p !== "").sort();
  interface Node { children: Map<string, Node>; pkg?: string }
  const root: Node = { children: new Map() };
  for (const name of packages) {
    let node = root;
    for (const part of name.split(".")) {
      if (!node.children.has(part)) node.children.set(part, { children: new Map() });
      node = node.children.get(part)!;
    }
    node.pkg = name;
  }
  const items: Array<{ open?: string; pkg?: unknown; close?: true }> = [];
  const walk = (node: Node) => {
    for (const [part, child] of node.children) {
      items.push({ open: ident(snake(part)) });
      if (child.pkg) items.push({ pkg: view.packages.find((p) => p.name === child.pkg) ?? { name: child.pkg, services: [] } });
      walk(child);
      items.push({ close: true });
    }
  };
  walk(root);
  return items;
}

export const rust: SdkLanguage = {
  name: "rust",
  decorate(view, input, options) {
    const crate = options.crate ?? "micro-sdk";
    view.rust = { crate, lib: crate.replace(/-/g, "_"), versions: RUST_VERSIONS };
    (view.rust as Record<string, unknown>).items = moduleItems(view, input);
    for (const p of view.packages) {
      const mods = p.name.split(".").map((w) => ident(snake(w)));
      p.rust = { path: mods.join("::") };
      for (const s of p.services) {
        s.rust = { client: clientName(input.model, s.model, pascal), tonic: `${snake(s.name)}_client::${pascal(s.name)}Client` };
        for (const m of s.methods) {
          m.rust = { name: ident(snake(m.name)), input: rustType(m.model.input), output: rustType(m.model.output) };
        }
      }
    }
  },
  generateMessages(view, input, outDir) {
    // build.rs compiles this descriptor set (imports and source info included, so docs carry the comments).
    mkdirSync(outDir, { recursive: true });
    // Only the SDK's files and their imports: prost generates every file of the set.
    const set = protobuf.fromBinary(wkt.FileDescriptorSetSchema, input.descriptorSet);
    const keep = new Set(view.protoFiles);
    set.file = set.file.filter((f) => keep.has(f.name));
    writeFileSync(join(outDir, "proto.binpb"), protobuf.toBinary(wkt.FileDescriptorSetSchema, set));
    return ["proto.binpb"];
  },
};

export type { SdkView, SdkInput };
