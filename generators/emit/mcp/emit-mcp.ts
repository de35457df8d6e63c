// The `mcp` target: one `<proto stem>.mcp.json` per file that declares services — the MCP tools a gateway lists at
// /mcp for those services (buildMcpTools, the same function), for pipelines that register tools statically.
// What only a running gateway knows is not in it: which tools a caller's rules let it see.
import type { EmitContext } from "../context.js";
import { printJsonFile } from "../json-file.js";
import { buildMcpManifest } from "./mcp-tools.js";

export function mcpFileName(fileStem: string): string {
  return `${fileStem}.mcp.json`;
}

export function emitMcp(ctx: EmitContext): void {
  for (const file of ctx.model.files) {
    if (file.services.length === 0) continue;
    printJsonFile(ctx, mcpFileName(file.stem), buildMcpManifest(file));
  }
}
