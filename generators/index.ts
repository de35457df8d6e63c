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
export {
  buildRouteTable, resolveMicroPath, parsePathTemplate, ROUTE_TABLE_FORMAT, type Route, type RouteTable,
} from "./emit/routes/index.js";
