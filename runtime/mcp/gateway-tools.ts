// The gateway's ToolBackend: the caller is the HTTP request being served (its Bearer token, its Micro-Namespace
// header or host), and everything goes the gateway's own way — the authorize hook admits the listing and each
// call (so rules filter tools exactly as they filter routes), the catalog finds the instance, the codec converts
// proto3 JSON, Upstream makes the gRPC call with the caller's token (or the front door's call token).
import type * as http from "node:http";
import { MCP_STREAM_LIMIT, type McpTool } from "../../generators/tables/index.js";
import { encodeRequest, isPlainObject, responseJson, type JsonObject } from "../gateway/codec.js";
import type { Settings } from "../gateway/options.js";
import { requestIdOf, type CallPreparer } from "../gateway/prepare.js";
import type { Upstream, UpstreamRequest } from "../gateway/upstream.js";
import type { Target } from "../gateway/catalog.js";
import type { Registry } from "../registry/types.js";
import { MicroError } from "../wire/index.js";
import { toolResult, type CallContext, type ToolBackend } from "./server.js";
import { namespaceTools, type NamespaceTools } from "./tools.js";

/** The resource a tool listing is admitted as (as /openapi.json is admitted as openapi Openapi.Read). */
export const LIST_SERVICE = "mcp";
export const LIST_ENDPOINT = "Mcp.ListTools";

export interface GatewayDeps {
  registry: Registry;
  preparer: CallPreparer;
  upstream: Upstream;
  settings: Settings;
}

export interface SessionScope {
  /** The namespace the session was opened in; every request of it must settle there. */
  namespace: string;
  /** Builtins are tools too (an admin asked for them). */
  builtins: boolean;
}

type Admit = (service: string, endpoint: string) => Promise<string>;

export class GatewayTools implements ToolBackend {
  constructor(private readonly deps: GatewayDeps, private readonly scope: SessionScope, private readonly current: () => http.IncomingMessage) {}

  async list(): Promise<NamespaceTools> {
    const admit = await this.admitter();
    const all = await namespaceTools(this.deps.registry, this.scope.namespace, this.scope.builtins);
    const callable = (service: string, endpoint: string) => admit(service, endpoint).then((ns) => ns === this.scope.namespace, () => false);
    const out: NamespaceTools = { tools: [], leftOut: [] };
    for (const tool of all.tools) if (await callable(tool._meta["micro/service"], tool._meta["micro/endpoint"])) out.tools.push(tool);
    for (const left of all.leftOut) if (await callable(left.service, left.endpoint)) out.leftOut.push(left);
    return out;
  }

  async call(name: string, args: Record<string, unknown>, ctx: CallContext) {
    await this.admitter();
    const all = await namespaceTools(this.deps.registry, this.scope.namespace, this.scope.builtins);
    const tool = all.tools.find((t) => t.name === name);
    if (!tool) return undefined;
    const req = this.current();
    // Admitted like any gateway call to the endpoint: a tool the caller may not see refuses with the same 401/403.
    const { namespace, target, metadata } = await this.deps.preparer.prepareEndpoint(req, tool._meta["micro/service"], tool._meta["micro/endpoint"], requestIdOf(req));
    if (namespace !== this.scope.namespace) throw new MicroError("micro.api", 403, `this MCP session is bound to namespace ${this.scope.namespace}`);
    if (!isPlainObject(args)) throw new MicroError("micro.api", 400, "tool arguments must be a JSON object");
    const bytes = encodeRequest(target, args as JsonObject);
    const request = { addresses: target.addresses, path: target.path, metadata, service: target.service, json: !target.method };
    if (target.kind === "unary") {
      const reply = await this.deps.upstream.unary({ ...request, timeoutMs: this.deps.settings.timeoutMs }, bytes);
      return toolResult(tool, JSON.parse(responseJson(target, reply) ?? "{}"));
    }
    if (target.kind !== "server_streaming") throw new MicroError("micro.api", 400, `${target.endpoint} is a ${target.kind} endpoint: not a tool`);
    return toolResult(tool, await this.collect(tool, request, bytes, ctx, target));
  }

  /** A server stream's messages, at most MCP_STREAM_LIMIT and within the gateway's call deadline: either bound
   * cuts the stream (cancelled upstream) and says so with truncated=true. */
  private async collect(tool: McpTool, request: Omit<UpstreamRequest, "timeoutMs">, bytes: Uint8Array, ctx: CallContext,
    target: Target): Promise<{ messages: unknown[]; truncated: boolean }> {
    const stream = await this.deps.upstream.open({ ...request, timeoutMs: 0 });
    let truncated = false;
    const cut = () => { truncated = true; stream.cancel(); };
    const deadline = setTimeout(cut, this.deps.settings.timeoutMs);
    const abandoned = () => stream.cancel();
    ctx.signal.addEventListener("abort", abandoned, { once: true });
    const messages: unknown[] = [];
    try {
      stream.send(bytes);
      stream.end();
      for await (const m of stream.messages()) {
        messages.push(JSON.parse(responseJson(target, m) ?? "{}"));
        await ctx.progress(messages.length, `${messages.length} message${messages.length === 1 ? "" : "s"} of ${tool.name}`);
        if (messages.length >= MCP_STREAM_LIMIT) {
          cut();
          break;
        }
      }
    } catch (err) {
      if (!truncated) throw err; // cut by us: the stream's end is ours, not the service's failure
    } finally {
      clearTimeout(deadline);
      ctx.signal.removeEventListener("abort", abandoned);
    }
    return { messages, truncated };
  }

  /** Admission of the caller into the session's namespace (the listing's resource), once per request. */
  private async admitter(): Promise<Admit> {
    const admit = this.deps.preparer.admitter(this.current());
    const namespace = await admit(LIST_SERVICE, LIST_ENDPOINT);
    if (namespace !== this.scope.namespace) throw new MicroError("micro.api", 403, `this MCP session is bound to namespace ${this.scope.namespace}`);
    return admit;
  }
}
