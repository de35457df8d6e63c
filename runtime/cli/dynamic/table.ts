// The command table of a service, built when the CLI meets it: the model of the descriptor it registered and the
// same buildCliTable that protoc-gen-micro's `cli` target runs, so `micro <service> ...` parses, resolves and
// explains exactly what the generated `*.cli.json` says. Built once per registered descriptor and name. A service
// without a descriptor gets the same table shape from its endpoint Value trees (value-table.ts).
import type { DescMethod, FileRegistry } from "@bufbuild/protobuf";
import { buildCliTable, modelOf, type CliCommand, type CliTable } from "../../../generators/tables/index.js";
import { protoServices, requireSchema, type FoundService } from "../remote/lookup.js";
import { tableFromEndpoints } from "./value-table.js";

/** One command of the table with the method it calls. */
export interface TableCommand {
  readonly table: CliTable;
  readonly command: CliCommand;
  /** The protobuf method; absent when the service registered no descriptor (the call is then gRPC+JSON). */
  readonly method?: DescMethod;
}

export interface ServiceCommands {
  /** One table per proto service of the registration, in the order the generator writes them. */
  readonly tables: CliTable[];
  readonly commands: TableCommand[];
}

const built = new WeakMap<FileRegistry, Map<string, ServiceCommands>>();

const fromValues = new WeakMap<FoundService, ServiceCommands>();

export function commandsOf(found: FoundService): ServiceCommands {
  if (!found.schema) {
    let commands = fromValues.get(found);
    if (!commands) {
      const table = tableFromEndpoints(found.name, found.entry.endpoints);
      fromValues.set(found, (commands = { tables: [table], commands: table.commands.map((command) => ({ table, command })) }));
    }
    return commands;
  }
  const schema = requireSchema(found);
  let byName = built.get(schema);
  if (!byName) built.set(schema, (byName = new Map()));
  // the registered endpoints pick the proto services, so the same descriptor under two names may differ
  const key = `${found.name}\n${found.entry.endpoints.map((e) => e.name).join(",")}`;
  let commands = byName.get(key);
  if (!commands) byName.set(key, (commands = build(found, schema)));
  return commands;
}

function build(found: FoundService, schema: FileRegistry): ServiceCommands {
  const model = modelOf(schema);
  const descs = protoServices(found);
  const services = descs.map((d) => model.allFiles.get(d.file.proto.name)!.services.find((s) => s.fullName === d.typeName)!);
  const tables = services.map((s) => buildCliTable(s, { registryName: found.name, services }));
  const commands = tables.flatMap((table, i) => table.commands.map((command) => ({
    table, command, method: descs[i]!.methods.find((m) => `${descs[i]!.name}.${m.name}` === command.endpoint)!,
  })));
  return { tables, commands };
}
