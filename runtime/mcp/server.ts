// The MCP server core, the same for every way in (the gateway's /mcp, and through it `micro mcp` over stdio): an
// official-SDK `Server` whose tools/list and tools/call ask a ToolBackend, which knows the caller. Tool errors
// carry Micro's envelope {id, code, detail, status}; server streams come back collected, with progress.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type ListToolsResult,
} from "@modelcontextprotocol/sdk/types.js";
import { META_LEFT_OUT, type McpTool } from "../../generators/tables/index.js";
import { MicroError } from "../wire/index.js";
import type { NamespaceTools } from "./tools.js";

/** Key of a failed call's `_meta`: Micro's error envelope, as the text content also carries it. */
export const META_ERROR = "micro/error";

export const INSTRUCTIONS = "Each tool calls one endpoint of a Micro service in your namespace; its input is the " +
  "endpoint's request as proto3 JSON (64-bit integers as strings, enums by name). Server-streaming endpoints " +
  "answer with the messages collected; client- and bidi-streaming endpoints are not tools (tools/list's " +
  `_meta["${META_LEFT_OUT}"] names them). A failed call is a tool error whose text is Micro's error {id, code, detail, status}.`;

export interface CallContext {
  signal: AbortSignal;
  /** Reports one more message of a server stream (a no-op when the client asked for no progress). */
  progress(count: number, message: string): Promise<void>;
}

export interface ToolBackend {
  /** The tools the caller may call (and the endpoints that are no tools). */
  list(): Promise<NamespaceTools>;
  /** Calls a tool; undefined when no such tool exists for the caller's namespace. */
  call(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult | undefined>;
}

export function createToolServer(backend: ToolBackend, version: string): Server {
  const server = new Server({ name: "micro", version }, { capabilities: { tools: { listChanged: true } }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async (): Promise<ListToolsResult> => {
    const { tools, leftOut } = await backend.list();
    return { tools: tools as unknown as ListToolsResult["tools"], _meta: { [META_LEFT_OUT]: leftOut } };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const token = request.params._meta?.progressToken;
    const ctx: CallContext = {
      signal: extra.signal,
      progress: async (count, message) => {
        if (token === undefined) return;
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress: count, message } });
      },
    };
    let result: CallToolResult | undefined;
    try {
      result = await backend.call(request.params.name, request.params.arguments ?? {}, ctx);
    } catch (err) {
      return toolError(MicroError.from(err, "micro.api"));
    }
    if (!result) throw new McpError(ErrorCode.InvalidParams, `unknown tool ${JSON.stringify(request.params.name)}: see tools/list`);
    return result;
  });
  return server;
}

/** A successful call: the answer as text, and as structured content when the tool declares an output schema. */
export function toolResult(tool: McpTool, value: unknown): CallToolResult {
  const result: CallToolResult = { content: [{ type: "text", text: JSON.stringify(value) }] };
  if (tool.outputSchema) result.structuredContent = value as Record<string, unknown>;
  return result;
}

export function toolError(err: MicroError): CallToolResult {
  const envelope = err.toJSON();
  return { isError: true, content: [{ type: "text", text: JSON.stringify(envelope) }], _meta: { [META_ERROR]: envelope } };
}
