// Running a builtin command with clipanion: usage errors print the command's usage; failures inside a command
// (ours or anyone's) become one line on stderr and an exit code (errors.ts), never clipanion's stack trace.
import { Builtins, Cli, type CommandClass } from "clipanion";
import type { MicroContext } from "./context.js";
import { loadBuiltinCommands } from "./commands/index.js";
import { BUILTIN_WORDS } from "./commands/words.js";
import { reportFailure } from "./report.js";
import { CLI_VERSION } from "./version.js";
import { namePlaceholders } from "./help/placeholders.js";
import { enclosingGroup, groupHelp, groupMembers, unknownInGroup } from "./help/groups.js";

/** clipanion's Cli with option values named in its help and errors (`--env NAME`, not `--env #0`): renamed where
 * usage lines are made, before help pads the option column, and in errors, whose usage lines clipanion's parser
 * made itself. */
class MicroCli extends Cli<MicroContext> {
  protected override getUsageByIndex(...args: Parameters<Cli<MicroContext>["getUsageByIndex"]>): ReturnType<Cli<MicroContext>["getUsageByIndex"]> {
    const { usage, options } = super.getUsageByIndex(...args);
    return { usage: namePlaceholders(usage), options: options.map((o) => ({ ...o, definition: namePlaceholders(o.definition) })) };
  }

  override error(...args: Parameters<Cli<MicroContext>["error"]>): string {
    return namePlaceholders(super.error(...args));
  }
}

/** A clipanion CLI with the given commands. `colors` decides for its own help and errors:
 * left unset, clipanion's builtin --help would colour by the process's colour depth even when piped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createCli(commands: CommandClass<any>[], colors = false): Cli<MicroContext> {
  const cli = new MicroCli({ binaryLabel: "micro", binaryName: "micro", binaryVersion: CLI_VERSION, enableCapture: false, enableColors: colors });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of commands) cli.register(command);
  return cli;
}

export async function runBuiltin(args: string[], context: MicroContext): Promise<number> {
  // Only the commands of the first word: `micro call ...` needs neither the other modules nor their parsers.
  const word = args.length > 0 && !args[0]!.startsWith("-") ? args[0] : undefined;
  const commands = await loadBuiltinCommands(word);
  const cli = createCli(commands, context.colors);
  if (args.length === 0 || (args.length === 1 && (args[0] === "--help" || args[0] === "-h"))) {
    const { servicesSection } = await import("./help/top.js");
    context.stdout.write(cli.usage(null, { colored: context.colors }) + await servicesSection(context));
    return 0;
  }
  // `micro store`, `micro store --help`: the group's commands (clipanion knows only whole command paths)
  const words = leadingWords(args);
  const rest = args.slice(words.length);
  const members = groupMembers(commands, words);
  const ownCommand = commands.some((c) => (c.paths ?? []).some((p) => p.join(" ") === words.join(" ")));
  if (members && ((rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) || (rest.length === 0 && !ownCommand))) {
    context.stdout.write(groupHelp(cli, words, members, context.colors));
    return 0;
  }
  let command;
  try {
    command = cli.process(args, context);
  } catch (err) {
    const group = isCommandNotFound(err) ? enclosingGroup(commands, words) : undefined;
    if (group) {
      context.stderr.write(`${unknownInGroup(commands, group, words[group.length])}\n\n${groupHelp(cli, group, groupMembers(commands, group)!, context.errorColors)}`);
    } else {
      context.stderr.write(cli.error(err, { colored: context.errorColors }));
    }
    return 1;
  }
  let failure: number | undefined;
  // clipanion hands a command's failure to its catch(); answering here keeps the one-line format for all commands
  command.catch = async (error: unknown) => { failure = reportFailure(error, context); };
  const code = await cli.run(command, context);
  return failure ?? code;
}

/** The command words: everything before the first flag. */
function leadingWords(args: string[]): string[] {
  const flag = args.findIndex((a) => a.startsWith("-"));
  return flag < 0 ? args : args.slice(0, flag);
}

/** clipanion's "Command not found; did you mean one of: ..." (not a known command's wrong flags or arguments). */
function isCommandNotFound(err: unknown): boolean {
  return err instanceof Error && err.name === "UnknownSyntaxError" && /^Command not found/.test(err.message);
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
