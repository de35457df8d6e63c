export { emitMcp, mcpFileName } from "./emit-mcp.js";
export {
  buildMcpManifest, buildMcpTools, MCP_MANIFEST_FORMAT, MCP_STREAM_LIMIT, META_ENDPOINT, META_LEFT_OUT, META_SERVICE, META_STREAMING,
  type LeftOut, type McpTool, type McpTools, type McpToolsOptions,
} from "./mcp-tools.js";
export { MAX_TOOL_NAME, toolName } from "./tool-names.js";
