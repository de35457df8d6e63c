// Entry point of the `micro` CLI. Builtin commands are clipanion classes; anything else is looked up as
// a `micro-<name>` executable or a running service (dynamic commands).
import { Builtins, Cli } from "clipanion";
import { builtinCommands } from "./commands/index.js";

export const CLI_VERSION = "0.1.0";

export function createCli(): Cli {
  const cli = new Cli({ binaryLabel: "micro", binaryName: "micro", binaryVersion: CLI_VERSION, enableCapture: false });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of builtinCommands) cli.register(command);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  const cli = createCli();
  return cli.run(argv);
}
