// The `cli` target: one `<proto stem>_<Service>.cli.json` per service, e.g. helloworld/helloworld_Helloworld.cli.json.
import type { EmitContext } from "../context.js";
import { printJsonFile } from "../json-file.js";
import { buildCliTable } from "./cli-table.js";

export function cliTableFileName(fileStem: string, serviceName: string): string {
  return `${fileStem}_${serviceName}.cli.json`;
}

export function emitCli(ctx: EmitContext): void {
  for (const file of ctx.model.files) {
    for (const service of file.services) {
      printJsonFile(ctx, cliTableFileName(file.stem, service.name), buildCliTable(service));
    }
  }
}
