// Where the gateway serves MCP: a module of its own so that the gateway knows the path without loading MCP's SDK.
export const MCP_PATH = "/mcp";
