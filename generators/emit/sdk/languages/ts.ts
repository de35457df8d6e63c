// TypeScript: an npm package (options: name) with protoc-gen-es messages under src/gen/, a client class per
// service (rendered) that runs over either transport: grpc-js in Node (the package's main entry) or gRPC-Web
// through @connectrpc/connect-web in browsers (its ./web entry).
import { mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createRequire } from "node:module";
import type { MessageModel } from "../../../model/types.js";
import type { SdkInput } from "../input.js";
import { isWkt, type SdkLanguage, type SdkOptions } from "../language.js";
import { camel } from "../names.js";
import { protocWithSet } from "../toolchain.js";
import { clientName, type SdkView } from "../view.js";

export const TS_VERSIONS = {
  protobuf: "2.13.0", grpcJs: "^1.14.7", connect: "^2.2.0", typescript: "~5.9.3", typesNode: "^20.19.0", esbuild: "^0.25.0", playwrightCore: "^1.65.1",
};

/** protoc-gen-es's name for a message: nested names joined with "_". */
function esName(m: MessageModel): string {
  const local = m.file.package ? m.fullName.slice(m.file.package.length + 1) : m.fullName;
  return local.split(".").join("_");
}

/** Module of a proto file's messages, relative to src/: "./gen/store/store_pb.js", or the WKT module. */
function esModule(protoPath: string): string {
  return isWkt(protoPath) ? "@bufbuild/protobuf/wkt" : `./gen/${protoPath.replace(/\.proto$/, "")}_pb.js`;
}

export const ts: SdkLanguage = {
  name: "ts",
  decorate(view, input, options) {
    view.ts = { name: options.name ?? "micro-sdk", versions: TS_VERSIONS };
    for (const p of view.packages) {
      // Each _pb module as a namespace: names from different files (a service and a message both called
      // Orders) cannot clash.
      const imports = new Map<string, string>();
      const ref = (protoPath: string, name: string) => {
        const from = esModule(protoPath);
        const alias = isWkt(protoPath) ? "wkt" : `${protoPath.replace(/\.proto$/, "").replace(/[^A-Za-z0-9]+/g, "_")}_pb`;
        imports.set(from, `import * as ${alias} from "${from}";`);
        return `${alias}.${name}`;
      };
      for (const s of p.services) {
        s.ts = { client: clientName(input.model, s.model), desc: ref(s.model.file.name, s.name) };
        for (const m of s.methods) {
          const input_ = m.model.input, output = m.model.output;
          m.ts = { name: m.model.localName, input: ref(input_.file.name, `${esName(input_)}Schema`), output: ref(output.file.name, esName(output)) };
        }
      }
      const module = p.name.split(".").map((w) => camel(w)).join("_");
      p.ts = { module, imports: [...imports.values()].sort(), reexports: p.files.map((f) => `export * from "${esModule(f)}";`) };
      p.path = { module };
    }
  },
  generateMessages(view, input, outDir, options) {
    const files = view.protoFiles.filter((f) => !isWkt(f));
    const require = createRequire(import.meta.url);
    const plugin = options.protocGenEs ?? require.resolve("@bufbuild/protoc-gen-es/bin/protoc-gen-es");
    // The folder is all generated: cleared, so messages of removed files do not linger.
    rmSync(join(outDir, "src", "gen"), { recursive: true, force: true });
    mkdirSync(join(outDir, "src", "gen"), { recursive: true });
    protocWithSet(input.descriptorSet, files, [`--plugin=protoc-gen-es=${plugin}`, `--es_out=${outDir}/src/gen`,
      "--es_opt=target=ts,import_extension=js"]);
    return files.map((f) => `src/gen/${dirname(f) === "." ? "" : dirname(f) + "/"}${basename(f, ".proto")}_pb.ts`);
  },
};

export type { SdkView, SdkInput };
