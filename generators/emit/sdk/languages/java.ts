// Java: a Maven module (options: groupId, artifactId, javaPackage) with protoc --java_out and
// protoc-gen-grpc-java output under src/main/java, and rendered: a <Service>Client per service (blocking
// calls, iterators for server streams, StreamObservers for client and bidi streams) and the runtime
// (MicroClient: options from MICRO_*, token and namespace on every call; MicroException). The protos have no
// java_package: this generator sets java_package (<javaPackage>.<proto package>) and java_multiple_files in
// the descriptors it hands to protoc, as buf's managed mode does.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { protobuf, wkt } from "../../../cjs/protobuf.js";
import type { MessageModel } from "../../../model/types.js";
import type { SdkInput } from "../input.js";
import { findPlugin, isWkt, type SdkLanguage, type SdkOptions } from "../language.js";
import { camel, pascal } from "../names.js";
import { protocWithSet } from "../toolchain.js";
import { clientName, type SdkView } from "../view.js";

/** protoc comes from Maven too (com.google.protobuf:protoc), so the generated code matches protobuf-java. */
export const JAVA_VERSIONS = { protobuf: "4.33.4", grpc: "1.80.0", junit: "5.14.1", java: "17" };

const KEYWORDS = new Set(["abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
  "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
  "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
  "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
  "throw", "throws", "transient", "try", "void", "volatile", "while"]);

const basePackage = (o: SdkOptions) => o.javaPackage ?? "io.micro.sdk";
const javaPackageOf = (protoPackage: string, o: SdkOptions) =>
  [basePackage(o), ...protoPackage.split(".").filter((w) => w !== "").map((w) => (KEYWORDS.has(w) ? `${w}_` : w))].join(".");

function javaType(m: MessageModel, o: SdkOptions): string {
  if (isWkt(m.file.name)) return `com.google.protobuf.${m.name}`;
  const local = m.file.package ? m.fullName.slice(m.file.package.length + 1) : m.fullName;
  return `${javaPackageOf(m.file.package, o)}.${local}`;
}

export const java: SdkLanguage = {
  name: "java",
  decorate(view, input, options) {
    const base = basePackage(options);
    view.java = {
      groupId: options.groupId ?? "io.micro", artifactId: options.artifactId ?? "micro-sdk", package: base, versions: JAVA_VERSIONS,
    };
    view.path = { base: base.split(".").join("/") };
    for (const p of view.packages) {
      const pkg = javaPackageOf(p.name, options);
      p.java = { package: pkg };
      p.path = { javadir: pkg.split(".").join("/") };
      for (const s of p.services) {
        const client = clientName(input.model, s.model, pascal);
        s.java = { client, grpc: `${pkg}.${s.name}Grpc`, package: pkg };
        s.path = { jclass: client };
        for (const m of s.methods) {
          const name = camel(m.name);
          m.java = { name: KEYWORDS.has(name) ? `${name}_` : name, stubName: name, input: javaType(m.model.input, options), output: javaType(m.model.output, options) };
        }
      }
    }
  },
  generateMessages(view, input, outDir, options) {
    const set = protobuf.fromBinary(wkt.FileDescriptorSetSchema, input.descriptorSet);
    const files = view.protoFiles.filter((f) => !isWkt(f));
    for (const file of set.file) {
      if (!files.includes(file.name)) continue;
      file.options ??= protobuf.create(wkt.FileOptionsSchema);
      file.options.javaPackage = javaPackageOf(file.package, options);
      file.options.javaMultipleFiles = true;
    }
    const out = join(outDir, "src", "main", "java");
    // Generated message and stub sources are rewritten whole; the rendered clients come back right after.
    for (const p of view.packages) rmSync(join(out, ...(p.java as { package: string }).package.split(".")), { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const protoc = options.protoc ?? findPlugin(`protoc-${JAVA_VERSIONS.protobuf}-linux-x86_64.exe`, options);
    protocWithSet(protobuf.toBinary(wkt.FileDescriptorSetSchema, set), files, [
      `--plugin=protoc-gen-grpc-java=${findPlugin(`protoc-gen-grpc-java-${JAVA_VERSIONS.grpc}-linux-x86_64.exe`, options)}`,
      `--java_out=${out}`, `--grpc-java_out=${out}`,
    ], [protoc]);
    return view.packages.flatMap((p) => {
      const dir = join(out, ...(p.java as { package: string }).package.split("."));
      return readdirSync(dir).filter((f) => f.endsWith(".java")).map((f) => relative(outDir, join(dir, f)));
    });
  },
};

export type { SdkView, SdkInput };
