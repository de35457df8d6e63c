import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { CliError } from "../errors.js";
import { CLI_VERSION } from "../version.js";
import type { Environment } from "../settings/envs.js";

export class McpCommand extends MicroCommand {
  static override paths = [["mcp"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Serve the namespace's services as MCP tools over stdio, for AI agents",
    details: "An MCP server for any MCP client's config ({\"command\": \"micro\", \"args\": [\"mcp\"]}): one tool per unary or server-streaming endpoint of the services in the current environment's namespace, as the current login may call them. It relays to the API gateway's /mcp with the login's token, so rules apply exactly as through the gateway. The gateway's URL: --api, else MICRO_API_URL, else for the local environment http://127.0.0.1:$MICRO_API_PORT (default 8080). See docs/mcp.md.",
    examples: [
      ["In an MCP client's config", "$0 mcp"],
      ["Builtins (store, config, …) as tools too, for an admin", "$0 mcp --builtins"],
      ["Against a remote gateway", "$0 --env platform mcp --api https://api.example.com"],
    ],
  });

  builtins = Option.Boolean("--builtins", false, { description: "Offer the builtin services as tools too (admins of the namespace only)" });
  api = Option.String("--api", { description: "URL of the HTTP API gateway (default: MICRO_API_URL, else the local server's)" });

  async execute(): Promise<number> {
    const session = this.session();
    const url = mcpUrl(this.api ?? this.context.env.MICRO_API_URL, session.env, this.context.env);
    if (this.builtins) url.searchParams.set("builtins", "true");
    const { relayStdio } = await import("../../mcp/relay.js");
    try {
      await relayStdio({
        url,
        version: CLI_VERSION,
        stdin: this.context.stdin,
        stdout: this.context.stdout,
        headers: async () => {
          const token = await session.token();
          return { "micro-namespace": session.namespace, ...(token ? { authorization: `Bearer ${token}` } : {}) };
        },
      });
    } catch (err) {
      throw new CliError(`micro mcp: cannot serve from ${url.origin}${url.pathname}: ${(err as Error).message}`);
    }
    return 0;
  }
}

/** The gateway's /mcp: the given URL, else the local server's when the environment is the local one (or one that
 * follows it); a remote environment names only its proxy, so it needs the URL given. */
export function mcpUrl(given: string | undefined, env: Environment, vars: Record<string, string | undefined>): URL {
  let base = given;
  if (!base) {
    if (env.name !== "local" && (env.builtin || env.record.proxy)) {
      throw new CliError(`environment ${env.name} names only its proxy (${env.proxy}): give its API gateway's URL with --api or MICRO_API_URL`);
    }
    base = `http://127.0.0.1:${vars.MICRO_API_PORT || "8080"}`;
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new CliError(`"${base}" is not a URL: give the API gateway's, e.g. http://127.0.0.1:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`"${base}" is not an http(s) URL`);
  if (!url.pathname.endsWith("/mcp")) url.pathname = url.pathname.replace(/\/+$/, "") + "/mcp";
  return url;
}
