// Every builtin command of the `micro` CLI, with the first word of its path. Add a command here to make it part
// of the CLI, and its first word to BUILTIN_WORDS in words.ts (test/cli/command-words.test.ts checks both).
// Modules are loaded per word: a command line needs only its own commands, and loading all of them (with
// clipanion compiling a parser for each) would cost a `micro call` more time than the call itself.
import { lightCommandEntries, type AnyCommand, type CommandEntry } from "./light.js";

export const builtinCommandEntries: ReadonlyArray<CommandEntry> = [
  ["server", async () => (await import("./server.js")).ServerCommand],
  ...lightCommandEntries,
  ["completion", async () => (await import("./completion.js")).CompletionCommand],
  ["__complete", async () => (await import("./completion.js")).CompleteCommand],
  ["run", async () => (await import("./runtime/run.js")).RunCommand],
  ["status", async () => (await import("./runtime/status.js")).StatusCommand],
  ["logs", async () => (await import("./runtime/logs.js")).LogsCommand],
  ["kill", async () => (await import("./runtime/kill.js")).KillCommand],
  ["update", async () => (await import("./runtime/update.js")).UpdateCommand],
  ["new", async () => (await import("./new.js")).NewCommand],
  ["generate", async () => (await import("./generate.js")).GenerateCommand],
  ["mcp", async () => (await import("./mcp.js")).McpCommand],
];

/** Words whose commands need every command registered (completion lists them all). */
const NEEDS_ALL = new Set(["__complete"]);

/** The commands of `word` (every command when it is undefined, unknown, or needs them all), in list order. */
export function loadBuiltinCommands(word?: string): Promise<AnyCommand[]> {
  const own = word === undefined || NEEDS_ALL.has(word) ? [] : builtinCommandEntries.filter(([w]) => w === word);
  return Promise.all((own.length ? own : builtinCommandEntries).map(([, load]) => load()));
}
