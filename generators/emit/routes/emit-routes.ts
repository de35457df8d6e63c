// The `routes` target: one `<proto stem>.routes.json` per file that declares services.
import type { EmitContext } from "../context.js";
import { printJsonFile } from "../json-file.js";
import { buildRouteTable } from "./route-table.js";

export function routeTableFileName(fileStem: string): string {
  return `${fileStem}.routes.json`;
}

export function emitRoutes(ctx: EmitContext): void {
  for (const file of ctx.model.files) {
    if (file.services.length === 0) continue;
    printJsonFile(ctx, routeTableFileName(file.stem), buildRouteTable(file));
  }
}
