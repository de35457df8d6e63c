// protoc-gen-micro: our protoplugin plugin (the model and our emitters), merged with protoc-gen-es run in-process
// for the `ts` target. Any failure becomes CodeGeneratorResponse.error; nothing here throws to the caller.
import type { Plugin, Schema } from "@bufbuild/protoplugin";
import type { CodeGeneratorRequest, CodeGeneratorResponse } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../cjs/protobuf.js";
import { loadProtocGenEs, loadProtopluginTranspile, protoplugin, type TranspileFn } from "../cjs/protoplugin.js";
import { emitCli } from "../emit/cli/index.js";
import { emitMcp } from "../emit/mcp/index.js";
import type { EmitContext, JsonFile, MicroOptions } from "../emit/context.js";
import { emitOpenApi } from "../emit/openapi/index.js";
import { emitRoutes } from "../emit/routes/index.js";
import { wrapImports } from "../emit/ts/layout.js";
import { emitTsMicro } from "../emit/ts/micro-file.js";
import { buildModel } from "../model/index.js";
import { canonicalizeCustomOptions } from "./canonical-options.js";
import { parseMicroOptions, splitParameter } from "./parameter.js";
import { PLUGIN_NAME, pluginVersion } from "./version.js";

export function createMicroPlugin(): Plugin {
  const version = pluginVersion();
  const own = createOwnPlugin(version);
  return {
    name: PLUGIN_NAME,
    version,
    run(request) {
      try {
        return runBoth(request, own);
      } catch (e) {
        return errorResponse(describeError(e));
      }
    },
  };
}

function runBoth(request: CodeGeneratorRequest, own: OwnPlugin): CodeGeneratorResponse {
  const split = splitParameter(request.parameter);
  // Ours runs first: it canonicalises custom options in the request that protoc-gen-es then embeds.
  const jsonFiles: JsonFile[] = [];
  const ours = own.run({ ...request, parameter: split.microParameter }, jsonFiles);
  if (ours.error) return ours; // unset proto2 strings read as ""
  // The JSON outputs follow the TypeScript ones, as when protoplugin printed them (emitTsMicro runs first).
  const oursFiles = [...ours.file.map(wrapMicroImports), ...jsonFiles.map((f) => protobuf.create(wkt.CodeGeneratorResponse_FileSchema, f))];
  jsonFiles.length = 0;
  if (!split.options.microTargets.includes("ts")) {
    ours.file = oursFiles; // (a spread would drop the fields protobuf-es keeps on the prototype when unset)
    return ours;
  }
  const es = loadProtocGenEs().run({ ...request, parameter: split.esParameter });
  if (es.error) return es;
  return protobuf.create(wkt.CodeGeneratorResponseSchema, {
    supportedFeatures: es.supportedFeatures,
    minimumEdition: es.minimumEdition,
    maximumEdition: es.maximumEdition,
    file: [...es.file, ...oursFiles],
  });
}

/** Our `_micro` files with long import lines wrapped (protoplugin prints every import on one line). */
function wrapMicroImports(file: CodeGeneratorResponse["file"][number]): CodeGeneratorResponse["file"][number] {
  if (!/_micro\.(ts|js|d\.ts)$/.test(file.name)) return file;
  return protobuf.create(wkt.CodeGeneratorResponse_FileSchema, { ...file, content: wrapImports(file.content) });
}

/** Our protoplugin plugin; a run also collects the JSON outputs, which skip protoplugin (emit/json-file.ts). */
interface OwnPlugin {
  run(request: CodeGeneratorRequest, jsonFiles: JsonFile[]): CodeGeneratorResponse;
}

function createOwnPlugin(version: string): OwnPlugin {
  let transpileTs: TranspileFn | undefined;
  let collecting: JsonFile[] = [];
  const plugin = protoplugin.createEcmaScriptPlugin<MicroOptions>({
    name: PLUGIN_NAME,
    version,
    parseOptions: parseMicroOptions,
    generateTs(schema: Schema<MicroOptions>) {
      if (schema.options.microTargets.includes("ts")) canonicalizeCustomOptions(schema.proto, schema.allFiles);
      const ctx: EmitContext = {
        schema, model: buildModel(schema.allFiles, schema.files), options: schema.options, jsonFiles: collecting,
      };
      if (ctx.options.microTargets.includes("ts")) emitTsMicro(ctx);
      if (ctx.options.microTargets.includes("cli")) emitCli(ctx);
      if (ctx.options.microTargets.includes("routes")) emitRoutes(ctx);
      if (ctx.options.microTargets.includes("openapi")) emitOpenApi(ctx);
      if (ctx.options.microTargets.includes("mcp")) emitMcp(ctx);
    },
    // With target=js or dts, protoplugin drops the files generateTs printed and transpiles them: JSON files must
    // come through untouched, and only TypeScript goes to protoplugin's transpiler.
    transpile(files, transpileJs, transpileDts, jsImportStyle) {
      const ts = files.filter((f) => f.name.endsWith(".ts"));
      const other = files.filter((f) => !f.name.endsWith(".ts"));
      if (ts.length === 0) return other;
      transpileTs ??= loadProtopluginTranspile();
      return [...transpileTs(ts, transpileJs, transpileDts, jsImportStyle), ...other];
    },
  });
  return {
    run(request, jsonFiles) {
      collecting = jsonFiles;
      try {
        return plugin.run(request);
      } finally {
        collecting = [];
      }
    },
  };
}

export function errorResponse(message: string): CodeGeneratorResponse {
  return protobuf.create(wkt.CodeGeneratorResponseSchema, { error: message });
}

/** A message for CodeGeneratorResponse.error: the error's own text, never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
