// The tools of a namespace: for each registered service with a descriptor, the MCP tools buildMcpTools makes
// from it — the function the `mcp` codegen target runs, applied to the model of the registered descriptor under
// the name the service registered — so /mcp lists, byte for byte, what the generated `*.mcp.json` holds. Who may
// see which tool is not decided here (access.ts filters with the caller's admission).
// Built once per distinct (name, endpoints, descriptor), as the gateway's route tables are.
import { buildMcpTools, modelOf, type LeftOut, type McpTool, type McpTools } from "../../generators/tables/index.js";
import { DESCRIPTOR_KEY, implemented, pickVersions } from "../registry/describe.js";
import { schemaOf } from "../registry/schema.js";
import type { Registry, RegistryService } from "../registry/types.js";
import { ADMIN_NAMESPACE, isBuiltinService } from "../rpc/access.js";

/** gRPC server reflection registers like a service but is plumbing, not an API. */
const REFLECTION = /^grpc\.reflection\./;
const MAX_BUILT = 500;
const DEBUG = "debug.Debug";
const built = new Map<string, McpTools>();

export interface NamespaceTools {
  tools: McpTool[];
  leftOut: LeftOut[];
}

/** Every tool of the namespace's services (builtins too when asked), by service name then proto order. A tool
 * whose name another service already took is left out, named as such. */
export async function namespaceTools(registry: Registry, namespace: string, builtins: boolean): Promise<NamespaceTools> {
  const own = await registry.listServices({ domain: namespace });
  const records = own.filter((s) => !isBuiltinService(s.name));
  if (builtins) {
    const micro = namespace === ADMIN_NAMESPACE ? own : await registry.listServices({ domain: ADMIN_NAMESPACE });
    records.push(...micro.filter((s) => isBuiltinService(s.name)));
  }
  const out: NamespaceTools = { tools: [], leftOut: [] };
  const taken = new Map<string, string>();
  for (const record of pickVersions(records).sort((a, b) => a.name.localeCompare(b.name))) {
    if (REFLECTION.test(record.name)) continue;
    const { tools, leftOut } = toolsOf(record);
    out.leftOut.push(...leftOut);
    for (const tool of tools) {
      const owner = taken.get(tool.name);
      if (owner) {
        out.leftOut.push({ ...endpointOf(tool), reason: `its tool name ${tool.name} is taken by ${owner}` });
        continue;
      }
      taken.set(tool.name, `${tool._meta["micro/service"]} ${tool._meta["micro/endpoint"]}`);
      out.tools.push(tool);
    }
  }
  return out;
}

function endpointOf(tool: McpTool): Omit<LeftOut, "reason"> {
  return { service: tool._meta["micro/service"], endpoint: tool._meta["micro/endpoint"], streaming: tool._meta["micro/streaming"] };
}

/** The tools of one registration; a service without a (decodable) descriptor has none: with no schema, an agent
 * could not know what to send. */
export function toolsOf(record: RegistryService): McpTools {
  const text = record.metadata[DESCRIPTOR_KEY];
  const names = implemented(record);
  if (!text) return { tools: [], leftOut: [schemaless(record, "it registered no descriptor")] };
  const key = `${record.name}\n${names.join(",")}\n${text}`;
  let tools = built.get(key);
  if (!tools) {
    tools = build(record, names);
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
    built.set(key, tools);
  }
  return tools;
}

function build(record: RegistryService, names: string[]): McpTools {
  try {
    const schema = schemaOf(record);
    if (!schema) return { tools: [], leftOut: [schemaless(record, "it registered no descriptor")] };
    const model = modelOf(schema);
    // The proto services this entry lists endpoints of; a descriptor also carries its imports' services.
    const wanted = new Set(names);
    // Every framework service also serves Micro's Debug (health, stats, traces, logs): as tools they would repeat
    // for each service, for `micro debug`'s purposes; the debug builtin itself keeps them (with builtins).
    const services = model.services.filter((s) => (wanted.size === 0 || wanted.has(s.name)) && (s.fullName !== DEBUG || record.name === "debug"));
    return buildMcpTools(services, { registryName: record.name });
  } catch (err) {
    return { tools: [], leftOut: [schemaless(record, `its descriptor does not decode (${(err as Error).message})`)] };
  }
}

function schemaless(record: RegistryService, why: string): LeftOut {
  return { service: record.name, endpoint: "*", streaming: "unary", reason: `no tools: ${why}` };
}
