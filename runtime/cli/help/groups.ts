// Command groups: `micro store`, `micro auth list`, `micro env` — leading words that several commands share.
// clipanion knows only whole command paths, so `micro store --help` would fail and `micro store rea` would get
// a numbered list of every store command; here a group's help lists its commands, and a mistyped word in a
// group gets the group's closest command.
import type { Cli, CommandClass } from "clipanion";
import { closest } from "../suggest.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandClass<any>;

function pathsOf(command: AnyCommand): string[][] {
  return command.paths ?? [];
}

const startsWith = (path: string[], words: string[]) => words.every((w, i) => path[i] === w);

/** The commands under `words` when they name a group (some command's path goes on after them), else undefined. */
export function groupMembers(commands: AnyCommand[], words: string[]): AnyCommand[] | undefined {
  if (words.length === 0) return undefined;
  const isGroup = commands.some((c) => pathsOf(c).some((p) => p.length > words.length && startsWith(p, words)));
  return isGroup ? commands.filter((c) => pathsOf(c).some((p) => startsWith(p, words))) : undefined;
}

/** The longest leading part of `words` that names a group. */
export function enclosingGroup(commands: AnyCommand[], words: string[]): string[] | undefined {
  for (let n = words.length; n > 0; n--) if (groupMembers(commands, words.slice(0, n))) return words.slice(0, n);
  return undefined;
}

/** `micro store`'s commands, one usage line and description each, as `micro --help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function groupHelp(cli: Cli<any>, group: string[], members: AnyCommand[], colored: boolean): string {
  const lines = [`Commands of micro ${group.join(" ")}:`, ""];
  for (const command of members) {
    lines.push(`  ${cli.usage(command, { colored, prefix: "" }).trimEnd()}`);
    if (command.usage?.description) lines.push(`    ${command.usage.description}`);
    lines.push("");
  }
  lines.push(`Run \`micro ${group.join(" ")} <command> --help\` for a command's flags and examples.`, "");
  return lines.join("\n");
}

/** The error for `micro store rea`: which word is unknown, and the group's closest command. */
export function unknownInGroup(commands: AnyCommand[], group: string[], typed: string | undefined): string {
  const next = commands.flatMap((c) => pathsOf(c)).filter((p) => p.length > group.length && startsWith(p, group)).map((p) => p[group.length]!);
  const prefix = `micro ${group.join(" ")}`;
  if (typed === undefined) return `${prefix} needs a command: ${[...new Set(next)].join(", ")}`;
  const guess = closest(typed, next);
  return `unknown command "${prefix} ${typed}"${guess ? `: did you mean \`${prefix} ${guess}\`?` : ""}`;
}
