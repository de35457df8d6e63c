// `micro mcp`: an MCP server on stdio that relays to the gateway's /mcp with the CLI's login. The tools, the
// rules that filter them, the calls and list_changed all come from the one server core at the gateway (runtime/
// mcp/http.ts), so an agent on stdio sees exactly what one on HTTP sees; only rules can say which tools a caller
// may call, and the rules live with the server. Each request to the gateway carries the current token (the CLI
// refreshes it before it expires) and the environment's namespace.
import type { Readable, Writable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  CallToolRequestSchema, CallToolResultSchema, ListToolsRequestSchema, ListToolsResultSchema, ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";

export interface RelayOptions {
  /** The gateway's MCP endpoint, e.g. http://127.0.0.1:8080/mcp (with ?builtins=true for builtins). */
  url: URL;
  /** Headers for each request to the gateway: Authorization (when logged in) and Micro-Namespace. */
  headers: () => Promise<Record<string, string>>;
  version: string;
  stdin: Readable;
  stdout: Writable;
}

/** Connects to the gateway (its refusal — a bad token, builtins for a non-admin — is thrown here, before stdio is
 * served), then serves stdio until the client closes it. */
export async function relayStdio(options: RelayOptions): Promise<void> {
  const upstream = new Client({ name: "micro-mcp", version: options.version });
  const transport = new StreamableHTTPClientTransport(options.url, {
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [k, v] of Object.entries(await options.headers())) headers.set(k, v);
      return fetch(input, { ...init, headers });
    },
  });
  await upstream.connect(transport);
  const local = new Server({ name: "micro", version: options.version }, {
    capabilities: { tools: { listChanged: true } },
    instructions: upstream.getInstructions(),
  });
  local.setRequestHandler(ListToolsRequestSchema, (request) =>
    upstream.request({ method: "tools/list", params: request.params }, ListToolsResultSchema));
  local.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const token = request.params._meta?.progressToken;
    const { _meta: _ignored, ...params } = request.params;
    // progress is relayed in order, and all of it before the result (after it, the client has stopped listening)
    let relayed = Promise.resolve();
    const result = await upstream.request({ method: "tools/call", params }, CallToolResultSchema, {
      signal: extra.signal,
      // a long server stream keeps the call alive while it reports messages
      resetTimeoutOnProgress: true,
      onprogress: token === undefined ? undefined : (p) => {
        relayed = relayed.then(() => extra.sendNotification({ method: "notifications/progress", params: { ...p, progressToken: token } })).catch(() => undefined);
      },
    });
    await relayed;
    return result;
  });
  upstream.setNotificationHandler(ToolListChangedNotificationSchema, () => local.sendToolListChanged());
  const closed = new Promise<void>((resolve) => { local.onclose = resolve; });
  // the SDK's stdio transport does not watch for the end of its input: the client closing it ends the relay
  options.stdin.once("end", () => void local.close());
  await local.connect(new StdioServerTransport(options.stdin, options.stdout));
  await closed;
  await upstream.close().catch(() => undefined);
}
