// Running a builtin command with clipanion: usage errors print the command's usage; failures inside a command
// (ours or anyone's) become one line on stderr and an exit code (errors.ts), never clipanion's stack trace.
import { Builtins, Cli } from "clipanion";
import type { MicroContext } from "./context.js";
import { builtinCommands } from "./commands/index.js";
import { reportFailure } from "./report.js";
import { CLI_VERSION } from "./version.js";

export function createCli(): Cli<MicroContext> {
  const cli = new Cli<MicroContext>({ binaryLabel: "micro", binaryName: "micro", binaryVersion: CLI_VERSION, enableCapture: false });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of builtinCommands) cli.register(command);
  return cli;
}

export async function runBuiltin(args: string[], context: MicroContext): Promise<number> {
  const cli = createCli();
  if (args.length === 0) {
    context.stdout.write(cli.usage(null, { colored: context.colors }));
    return 0;
  }
  let command;
  try {
    command = cli.process(args, context);
  } catch (err) {
    context.stderr.write(cli.error(err, { colored: context.errorColors }));
    return 1;
  }
  let failure: number | undefined;
  // clipanion hands a command's failure to its catch(); answering here keeps the one-line format for all commands
  command.catch = async (error: unknown) => { failure = reportFailure(error, context); };
  const code = await cli.run(command, context);
  return failure ?? code;
}

/** A short reminder after an unknown command: the command words, and where the full help is. */
export function shortUsage(): string {
  const words = new Set(createCli().definitions().map((d) => d.path.split(" ")[1]).filter((w) => w && /^[a-z]/.test(w)));
  return [
    "Usage: micro <command> [flags], or micro <service> [endpoint] [flags] for a running service",
    `Commands: ${[...words].sort().join(", ")}`,
    "Run `micro --help` for details.",
    "",
  ].join("\n");
}
