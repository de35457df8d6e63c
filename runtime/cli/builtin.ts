// Running a builtin command with clipanion: usage errors print the command's usage; failures inside a command
// (ours or anyone's) become one line on stderr and an exit code (errors.ts), never clipanion's stack trace.
import { Builtins, Cli, type CommandClass } from "clipanion";
import type { MicroContext } from "./context.js";
import { loadBuiltinCommands } from "./commands/index.js";
import { BUILTIN_WORDS } from "./commands/words.js";
import { reportFailure } from "./report.js";
import { CLI_VERSION } from "./version.js";

/** A clipanion CLI with the given commands. `colors` decides for its own help and errors:
 * left unset, clipanion's builtin --help would colour by the process's colour depth even when piped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createCli(commands: CommandClass<any>[], colors = false): Cli<MicroContext> {
  const cli = new Cli<MicroContext>({ binaryLabel: "micro", binaryName: "micro", binaryVersion: CLI_VERSION, enableCapture: false, enableColors: colors });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of commands) cli.register(command);
  return cli;
}

export async function runBuiltin(args: string[], context: MicroContext): Promise<number> {
  // Only the commands of the first word: `micro call ...` needs neither the other modules nor their parsers.
  const word = args.length > 0 && !args[0]!.startsWith("-") ? args[0] : undefined;
  const cli = createCli(await loadBuiltinCommands(word), context.colors);
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
export async function shortUsage(): Promise<string> {
  const words = [...BUILTIN_WORDS].filter((w) => /^[a-z]/.test(w)).sort();
  return [
    "Usage: micro <command> [flags], or micro <service> [endpoint] [flags] for a running service",
    `Commands: ${words.join(", ")}`,
    "Run `micro --help` for details.",
    "",
  ].join("\n");
}
