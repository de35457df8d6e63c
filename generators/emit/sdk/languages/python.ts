// Python: a pip-installable package (options: package, the import name; distribution, the pip name) whose
// subpackages hold grpcio-tools output (_pb2, _pb2_grpc, .pyi) for each proto directory, rewritten to import
// each other inside the package, plus a rendered client class per service with snake_case methods.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { MessageModel } from "../../../model/types.js";
import type { SdkInput } from "../input.js";
import { isWkt, type SdkLanguage, type SdkOptions } from "../language.js";
import { snake } from "../names.js";
import { protocWithSet } from "../toolchain.js";
import { clientName, type SdkView } from "../view.js";

// pyjwt checks callers' tokens in services (micro_sdk/verify.py), with cryptography as its EdDSA backend;
// 2.10.1 is the first release for Python 3.9+ with 2.10.0's issuer-check fix.
export const PYTHON_VERSIONS = { grpcio: "1.85.1", protobuf: "7.35.1", pyjwt: "2.10.1", cryptography: "42.0.0", python: "3.9" };

const KEYWORDS = new Set(["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]);

const packageName = (o: SdkOptions) => o.package ?? "micro_sdk";

/** The Python package holding the generated modules of a proto file: "micro_sdk.store", "google.protobuf". */
function moduleOf(protoPath: string, root: string): string {
  const dir = dirname(protoPath);
  return isWkt(protoPath) ? "google.protobuf" : [root, ...(dir === "." ? [] : dir.split("/"))].join(".");
}

/** The module a message lives in and its name there: store_pb2 + "Record", empty_pb2 + "Empty". */
function pyType(m: MessageModel, root: string): { module: string; from: string; name: string } {
  const stem = basename(m.file.name, ".proto") + "_pb2";
  const from = moduleOf(m.file.name, root);
  const name = m.file.package ? m.fullName.slice(m.file.package.length + 1) : m.fullName;
  return { module: stem, from, name };
}

export const python: SdkLanguage = {
  name: "python",
  decorate(view, input, options) {
    const root = packageName(options);
    view.path = { root: root.split(".").join("/") };
    view.python = { package: root, distribution: options.distribution ?? root.replace(/_/g, "-"), versions: PYTHON_VERSIONS };
    for (const p of view.packages) {
      const dir = dirname(p.files[0]!);
      // A package at the proto root gets a folder of its own for its clients (its messages stay at the root).
      p.path = { pkg: dir === "." ? snake(p.name) : dir };
      const imports = new Map<string, string>();
      for (const s of p.services) {
        s.python = { client: clientName(input.model, s.model), stub: `${basename(s.model.file.name, ".proto")}_pb2_grpc.${s.name}Stub` };
        const grpcModule = `${basename(s.model.file.name, ".proto")}_pb2_grpc`;
        const grpcFrom = moduleOf(s.model.file.name, root);
        imports.set(`${grpcFrom}.${grpcModule}`, `from ${grpcFrom} import ${grpcModule}`);
        for (const m of s.methods) {
          const input = pyType(m.model.input, root);
          const output = pyType(m.model.output, root);
          for (const t of [input, output]) imports.set(`${t.from}.${t.module}`, `from ${t.from} import ${t.module}`);
          m.python = { name: KEYWORDS.has(snake(m.name)) ? `${snake(m.name)}_` : snake(m.name), input: `${input.module}.${input.name}`, output: `${output.module}.${output.name}` };
        }
      }
      const modules = p.files.map((f) => `${basename(f, ".proto")}_pb2`);
      const from = moduleOf(p.files[0]!, root);
      p.python = { module: [root, ...p.path.pkg!.split("/")].join("."), imports: [...imports.values()].sort(), modules: modules.map((m) => `from ${from}.${m} import *`) };
    }
  },
  generateMessages(view, input, outDir, options) {
    const root = packageName(options);
    const files = view.protoFiles.filter((f) => !isWkt(f));
    const out = join(outDir, root);
    mkdirSync(out, { recursive: true });
    protocWithSet(input.descriptorSet, files, [`--python_out=${out}`, `--pyi_out=${out}`, `--grpc_python_out=${out}`],
      [process.env.MICRO_PYTHON || "python3", "-m", "grpc_tools.protoc"]);
    const tops = [...new Set(files.map((f) => f.split("/")[0]!).filter((t) => !t.endsWith(".proto")))];
    const written: string[] = [];
    for (const f of files) {
      const stem = f.replace(/\.proto$/, "");
      for (const suffix of ["_pb2.py", "_pb2.pyi", "_pb2_grpc.py"]) {
        const path = join(out, stem + suffix);
        if (!existsSync(path)) continue;
        writeFileSync(path, rewriteImports(readFileSync(path, "utf8"), root, tops));
        written.push(`${root}/${stem}${suffix}`);
      }
    }
    return written;
  },
};

/** grpcio-tools imports sibling files by proto path (`from store import store_pb2`); inside the package they are `root.store`. */
export function rewriteImports(source: string, root: string, tops: readonly string[]): string {
  // Files at the proto root are imported as plain modules (`import helloworld_pb2 as ...`).
  source = source.replace(/^(\s*)import (\w+_pb2) as /gm, `$1from ${root} import $2 as `);
  if (tops.length === 0) return source;
  const alt = tops.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  // google.protobuf (the well-known types) comes with protobuf itself, even when google/api is generated here.
  return source.replace(new RegExp(`^(\\s*)from ((?!google\\.protobuf\\b)(?:${alt})(?:\\.\\w+)*) import (\\w+_pb2\\b)`, "gm"), `$1from ${root}.$2 import $3`);
}

export type { SdkView, SdkInput };
