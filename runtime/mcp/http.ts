// `/mcp` on the gateway: MCP's Streamable HTTP transport (the official SDK's), one session per client. A session
// is opened by an `initialize` POST and bound to the namespace its caller settles on; each later request is
// admitted again with its own Bearer token (the micro-token cookie does not count here: MCP clients send
// Authorization, and a cookie could be ridden cross-site). A session follows the registry of its namespace and
// sends notifications/tools/list_changed when its tools change. `/mcp?builtins=true` makes the builtins tools
// too, for an admin of the namespace only.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type * as http from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { sendError } from "../gateway/reply.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";
import { MicroError } from "../wire/index.js";
import { GatewayTools, LIST_ENDPOINT, LIST_SERVICE, type GatewayDeps, type SessionScope } from "./gateway-tools.js";
import { createToolServer } from "./server.js";
import { namespaceTools } from "./tools.js";

export { MCP_PATH } from "./path.js";
/** Sessions kept at most; the least recently used goes first. */
const MAX_SESSIONS = 1000;
/** A session nobody used for this long is closed. */
const IDLE_MS = 30 * 60_000;
/** Registry events arrive in bursts (a service registers each of its nodes): one look after the burst. */
const SETTLE_MS = 50;
/** Who may turn builtins into tools: whoever may manage the namespace's accounts (its admins). */
const ADMIN_PROBE: [string, string] = ["auth", "Accounts.List"];

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  scope: SessionScope;
  lastUsed: number;
  stopWatching: () => void;
}

export class McpHttp {
  private readonly sessions = new Map<string, Session>();
  private readonly current = new AsyncLocalStorage<http.IncomingMessage>();

  constructor(private readonly deps: GatewayDeps, private readonly version: string) {}

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const caller = bearerOnly(req);
    const id = req.headers["mcp-session-id"];
    if (typeof id === "string") {
      const session = this.sessions.get(id);
      if (!session) return void res.writeHead(404, { "content-type": "application/json" }).end(rpcError(-32001, "MCP session not found: initialize a new one"));
      session.lastUsed = Date.now();
      return this.current.run(caller, () => session.transport.handleRequest(caller, res));
    }
    if (req.method !== "POST") return void res.writeHead(400, { "content-type": "application/json" }).end(rpcError(-32000, "no MCP session: POST an initialize request first"));
    const scope = await this.scopeOf(caller, req.url ?? "");
    this.sweep();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.deps.settings.maxBodyBytes,
      onsessioninitialized: (sid) => {
        this.sessions.set(sid, { transport, server, scope, lastUsed: Date.now(), stopWatching: this.watch(server, scope) });
      },
    });
    transport.onclose = () => this.drop(transport.sessionId);
    const server = createToolServer(new GatewayTools(this.deps, scope, () => this.requestNow()), this.version);
    await server.connect(transport);
    await this.current.run(caller, () => transport.handleRequest(caller, res));
    if (!transport.sessionId) await server.close(); // not an initialize: nothing to keep
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }

  /** The request a tool handler runs for: the SDK calls handlers within handleRequest's async context. */
  private requestNow(): http.IncomingMessage {
    const req = this.current.getStore();
    if (!req) throw new MicroError("micro.api", 500, "MCP request context lost");
    return req;
  }

  /** The namespace the caller settles on (admitted as the tool listing), and whether builtins are wanted — an
   * admin's choice: anyone else asking for them is refused rather than silently given less. */
  private async scopeOf(req: http.IncomingMessage, url: string): Promise<SessionScope> {
    const admit = this.deps.preparer.admitter(req);
    const namespace = await admit(LIST_SERVICE, LIST_ENDPOINT);
    const wanted = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "").get("builtins");
    const builtins = wanted === "true" || wanted === "1";
    if (builtins) {
      const admin = await admit(...ADMIN_PROBE).then((ns) => ns === namespace, () => false);
      if (!admin) throw new MicroError("micro.api", 403, `builtins are tools only for an admin of namespace ${namespace}`);
    }
    return { namespace, builtins };
  }

  /** notifications/tools/list_changed when the namespace's tools change (names, schemas, descriptions). */
  private watch(server: Server, scope: SessionScope): () => void {
    const stop = new AbortController();
    let last: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      const text = JSON.stringify((await namespaceTools(this.deps.registry, scope.namespace, scope.builtins)).tools);
      if (last !== undefined && text !== last && !stop.signal.aborted) await server.sendToolListChanged().catch(() => undefined);
      last = text;
    };
    void look().catch(() => undefined);
    const follow = async (domain: string) => {
      for await (const _ of this.deps.registry.watch({ domain, signal: stop.signal })) {
        clearTimeout(timer);
        timer = setTimeout(() => void look().catch(() => undefined), SETTLE_MS);
      }
    };
    void follow(scope.namespace).catch(() => undefined);
    if (scope.builtins && scope.namespace !== ADMIN_NAMESPACE) void follow(ADMIN_NAMESPACE).catch(() => undefined);
    return () => { stop.abort(); clearTimeout(timer); };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (now - s.lastUsed > IDLE_MS) this.drop(id);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0]!;
      this.drop(oldest[0]);
    }
  }

  private drop(id: string | undefined): void {
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session || id === undefined) return;
    this.sessions.delete(id);
    session.stopWatching();
    void session.server.close().catch(() => undefined);
  }
}

/** The request with its cookies left out: at /mcp only the Authorization header proves who calls. */
function bearerOnly(req: http.IncomingMessage): http.IncomingMessage {
  if (req.headers.cookie === undefined) return req;
  delete req.headers.cookie;
  return req;
}

function rpcError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
}

/** For the gateway: a refusal before any MCP message is read answers with Micro's envelope. */
export async function serveMcp(mcp: McpHttp, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    await mcp.handle(req, res);
  } catch (err) {
    if (!res.headersSent) sendError(res, err);
    else res.destroy();
  }
}
