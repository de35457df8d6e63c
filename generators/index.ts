// What other parts of micro-ts use from the generators.
export { generateFromDir, GenerateError, pluginParameter } from "./generate.js";
export { listProtoFiles } from "./proto-files.js";
export type { GenerateFromDirOptions, GenerateResult } from "./generate.js";
export { buildModel } from "./model/index.js";
export type * from "./model/types.js";
export { createMicroPlugin, runPluginBytes, PLUGIN_NAME, pluginVersion } from "./plugin/index.js";
export { buildCodeGeneratorRequest } from "./request/index.js";
export type { EmitContext, Emitter, MicroOptions, MicroTarget } from "./emit/context.js";
export { MICRO_TARGETS, DEFAULT_RPC_IMPORT } from "./emit/context.js";
export { buildCliTable, CLI_TABLE_FORMAT, type CliTable, type CliCommand, type CliFlag } from "./emit/cli/index.js";
export { buildRouteTable, ROUTE_TABLE_FORMAT, type Route, type RouteTable } from "./emit/routes/index.js";
export { resolveMicroPath, parsePathTemplate } from "./rules/index.js";
// Code generation in other languages (micro generate --lang, micro new --lang) and the toolchains it installs.
export { generateSdk, SDK_LANGUAGES } from "./emit/sdk/index.js";
export { GO_PLUGINS, goPluginDir, installed, run, sdkToolDir, type RunOptions } from "./emit/sdk/tools.js";
export { ProtoParseError } from "./parse/index.js";
// protobuf-es as the generators load it (one copy shared with protoc-gen-es; see cjs/protobuf.ts).
export { protobuf } from "./cjs/protobuf.js";
