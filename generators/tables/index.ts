// The run-time entry of the generators: what the running platform builds from the descriptors services register.
// It is the same model and the same emitter functions protoc-gen-micro runs at build time, so the CLI's dynamic
// commands, the gateway's routes and the OpenAPI document *are* the generated tables, not a second reading of
// the descriptors. runtime/ imports the generators through this entry (and rules/, and the codegen index) only.
import type { DescFile } from "@bufbuild/protobuf";
import { buildModel, type Model } from "../model/index.js";

export type * from "../model/types.js";
export {
  buildCliTable, CLI_TABLE_FORMAT, sameWord, type CliTable, type CliCommand, type CliFlag, type CliTableOptions, type FlagType,
} from "../emit/cli/index.js";
export {
  buildRouteTable, defaultRoute, ROUTE_TABLE_FORMAT, type Route, type RouteTable, type RouteTableOptions, type RouteVariable,
} from "../emit/routes/index.js";
export {
  AUTHENTICATED, buildOpenApiDocument, describeApi,
  type ApiDocumentInput, type ApiEndpoint, type ApiService, type SecurityRequirement,
} from "../emit/openapi/index.js";
export { buildEndpointSchemas, DEFS_PREFIX, messageSchema, type EndpointSchema, type Schema } from "../emit/schemas/index.js";
export {
  buildMcpTools, MCP_STREAM_LIMIT, META_ENDPOINT, META_LEFT_OUT, META_SERVICE, META_STREAMING,
  type LeftOut, type McpTool, type McpTools,
} from "../emit/mcp/index.js";

/** Anything that holds descriptors: protobuf-es's FileRegistry, or a list of files. */
export interface DescriptorFiles {
  readonly files: Iterable<DescFile>;
}

const models = new WeakMap<DescriptorFiles, Model>();

/**
 * The model of a set of descriptors, every file with services counted as "to generate" (what a service registers
 * is its own file and its imports). Cached per registry object: callers keep one registry per distinct descriptor.
 */
export function modelOf(descriptors: DescriptorFiles): Model {
  let model = models.get(descriptors);
  if (!model) {
    const files = [...descriptors.files];
    model = buildModel(files, files.filter((f) => f.services.length > 0));
    models.set(descriptors, model);
  }
  return model;
}
