// The MCP tools of a service: one per unary or server-streaming endpoint, built from the shared endpoint schemas
// (generators/emit/schemas), so a tool's inputSchema is the same JSON Schema OpenAPI and the web forms use. This
// one function makes both the `mcp` codegen target's manifest and what a running gateway lists at /mcp.
import type { FileModel, ServiceModel, StreamingKind } from "../../model/index.js";
import { serviceEndpointSchemas, type EndpointSchema, type Schema } from "../schemas/index.js";
import { toolName } from "./tool-names.js";

export const MCP_MANIFEST_FORMAT = "micro-mcp/v1";
/** At most this many messages of a server stream come back from one tool call (then `truncated` is true). */
export const MCP_STREAM_LIMIT = 100;
/** Keys of a tool's `_meta`: which endpoint it calls. */
export const META_SERVICE = "micro/service";
export const META_ENDPOINT = "micro/endpoint";
export const META_STREAMING = "micro/streaming";
/** Key of the tools/list result's `_meta`: the endpoints that are not tools, and why. */
export const META_LEFT_OUT = "micro/leftOut";

export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: Schema;
  outputSchema?: Schema;
  _meta: { [META_SERVICE]: string; [META_ENDPOINT]: string; [META_STREAMING]: StreamingKind };
}

export interface LeftOut {
  service: string;
  endpoint: string;
  streaming: StreamingKind;
  reason: string;
}

export interface McpTools {
  tools: McpTool[];
  leftOut: LeftOut[];
}

export interface McpToolsOptions {
  /** The name the service registered under, when not the proto-derived one. Default: each service's registryName. */
  readonly registryName?: string;
}

/** The tools of these proto services, in proto order. */
export function buildMcpTools(services: readonly ServiceModel[], options: McpToolsOptions = {}): McpTools {
  const out: McpTools = { tools: [], leftOut: [] };
  for (const service of services) {
    for (const e of serviceEndpointSchemas(service, options.registryName ?? service.registryName)) {
      const why = leftOutBecause(e);
      if (why) out.leftOut.push({ service: e.service, endpoint: e.endpoint, streaming: e.streaming, reason: why });
      else out.tools.push(toolOf(e));
    }
  }
  return out;
}

/** The manifest of one proto file's services (the `mcp` target's `<stem>.mcp.json`). */
export function buildMcpManifest(file: FileModel): { format: string } & McpTools {
  return { format: MCP_MANIFEST_FORMAT, ...buildMcpTools(file.services) };
}

function leftOutBecause(e: EndpointSchema): string | undefined {
  if (e.streaming === "client_streaming" || e.streaming === "bidi_streaming") {
    return `${e.streaming.replace("_", " ")}: a tool call sends one request; call it over the gateway's WebSocket or gRPC instead`;
  }
  if (e.request.type !== "object") return `its request ${e.requestType} is not a JSON object, which a tool's input must be`;
  return undefined;
}

function toolOf(e: EndpointSchema): McpTool {
  const output = outputSchema(e);
  return {
    name: toolName(e.service, e.protoService, e.method),
    title: `${e.service} ${e.endpoint}`,
    description: describe(e),
    inputSchema: e.request,
    ...(output ? { outputSchema: output } : {}),
    _meta: { [META_SERVICE]: e.service, [META_ENDPOINT]: e.endpoint, [META_STREAMING]: e.streaming },
  };
}

function describe(e: EndpointSchema): string {
  const parts = [e.description || `Calls ${e.endpoint} of the ${e.service} service.`];
  if (e.deprecated) parts.unshift("Deprecated.");
  if (e.streaming === "server_streaming") {
    parts.push(`Server stream: returns the messages collected, at most ${MCP_STREAM_LIMIT}, with truncated=true when the stream was cut short.`);
  }
  return parts.join(" ");
}

/** A unary endpoint's response schema when it is an object (structured content must be one); a server stream's
 * collected messages. */
function outputSchema(e: EndpointSchema): Schema | undefined {
  if (e.streaming === "unary") return e.response.type === "object" ? e.response : undefined;
  const { $defs, ...message } = e.response;
  const schema: Schema = {
    type: "object",
    properties: {
      messages: { type: "array", items: message, description: `The stream's messages in order, at most ${MCP_STREAM_LIMIT}.` },
      truncated: { type: "boolean", description: "True when the stream had more messages, or did not end within the call's deadline." },
    },
    required: ["messages", "truncated"],
  };
  if ($defs) schema.$defs = $defs;
  return schema;
}
