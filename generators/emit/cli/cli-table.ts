// The command table of one service: everything `micro <service> ...` needs to parse flags, build the JSON
// request and print help, without asking the registry.
import type { ServiceModel, StreamingKind } from "../../model/index.js";
import { flattenFlags, type CliFlag } from "./flags.js";
import { commandWords, type Registration } from "./words.js";

export const CLI_TABLE_FORMAT = "micro-cli/v1";

export interface CliTable {
  readonly format: typeof CLI_TABLE_FORMAT;
  /** Registry service name, the first word after `micro`. */
  readonly service: string;
  /** Full proto name, "pkg.Service". */
  readonly protoService: string;
  readonly file: string;
  readonly help: string;
  readonly deprecated: boolean;
  readonly commands: CliCommand[];
}

export interface CliCommand {
  /** Micro endpoint, "Service.Method". */
  readonly endpoint: string;
  /** Words after `micro`, as help shows them. */
  readonly path: string[];
  /** Other word sequences that reach the endpoint. */
  readonly aliases: string[][];
  readonly usage: string;
  readonly help: string;
  readonly streaming: StreamingKind;
  readonly deprecated: boolean;
  /** Full names of the request and response messages. */
  readonly request: string;
  readonly response: string;
  readonly flags: CliFlag[];
}

/** Where the service runs, when it is not where the proto puts it. */
export interface CliTableOptions {
  /** The name it registered under (`micro run --name`, `new Service({ name })`); default: the proto's registryName. */
  readonly registryName?: string;
  /** The proto services registered with it under that name; default: every service of its file. */
  readonly services?: readonly ServiceModel[];
}

export function buildCliTable(service: ServiceModel, options: CliTableOptions = {}): CliTable {
  const at: Registration = {
    registryName: options.registryName ?? service.registryName,
    services: options.services ?? service.file.services,
  };
  return {
    format: CLI_TABLE_FORMAT,
    service: at.registryName,
    protoService: service.fullName,
    file: service.file.name,
    help: service.comments.leading || service.comments.trailing,
    deprecated: service.deprecated,
    commands: service.methods.map((method) => {
      const words = commandWords(service, method, at);
      return {
        endpoint: method.endpoint,
        path: words.path,
        aliases: words.aliases,
        usage: `micro ${words.path.join(" ")} [flags]`,
        help: method.comments.leading || method.comments.trailing,
        streaming: method.streaming,
        deprecated: method.deprecated,
        request: method.input.fullName,
        response: method.output.fullName,
        flags: flattenFlags(method.input),
      };
    }),
  };
}
