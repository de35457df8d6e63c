// Every builtin command of the `micro` CLI, with the first word of its path. Add a command here to make it part
// of the CLI, and its first word to BUILTIN_WORDS in words.ts (test/cli/command-words.test.ts checks both).
// Modules are loaded per word: a command line needs only its own commands, and loading all of them (with
// clipanion compiling a parser for each) would cost a `micro call` more time than the call itself.
import type { CommandClass } from "clipanion";

// Commands may extend MicroCommand (base.ts) or clipanion's plain Command: hence the loose context type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandClass<any>;

export const builtinCommandEntries: ReadonlyArray<readonly [word: string, load: () => Promise<AnyCommand>]> = [
  ["server", async () => (await import("./server.js")).ServerCommand],
  ["env", async () => (await import("./env/list.js")).EnvListCommand],
  ["env", async () => (await import("./env/get.js")).EnvGetCommand],
  ["env", async () => (await import("./env/set.js")).EnvSetCommand],
  ["env", async () => (await import("./env/add.js")).EnvAddCommand],
  ["env", async () => (await import("./env/del.js")).EnvDelCommand],
  ["login", async () => (await import("./login.js")).LoginCommand],
  ["logout", async () => (await import("./logout.js")).LogoutCommand],
  ["signup", async () => (await import("./signup.js")).SignupCommand],
  ["user", async () => (await import("./user/show.js")).UserCommand],
  ["user", async () => (await import("./user/namespace.js")).UserNamespaceCommand],
  ["user", async () => (await import("./user/token.js")).UserTokenCommand],
  ["user", async () => (await import("./user/set-password.js")).UserSetPasswordCommand],
  ["auth", async () => (await import("./auth/list-accounts.js")).AuthListAccountsCommand],
  ["auth", async () => (await import("./auth/list-rules.js")).AuthListRulesCommand],
  ["auth", async () => (await import("./auth/create-rule.js")).AuthCreateRuleCommand],
  ["auth", async () => (await import("./auth/create-account.js")).AuthCreateAccountCommand],
  ["auth", async () => (await import("./auth/delete-rule.js")).AuthDeleteRuleCommand],
  ["auth", async () => (await import("./auth/delete-account.js")).AuthDeleteAccountCommand],
  ["services", async () => (await import("./services.js")).ServicesCommand],
  ["call", async () => (await import("./call.js")).CallCommand],
  ["stream", async () => (await import("./stream.js")).StreamCommand],
  ["publish", async () => (await import("./publish.js")).PublishCommand],
  ["store", async () => (await import("./store/read.js")).StoreReadCommand],
  ["store", async () => (await import("./store/write.js")).StoreWriteCommand],
  ["store", async () => (await import("./store/delete.js")).StoreDeleteCommand],
  ["store", async () => (await import("./store/list.js")).StoreListCommand],
  ["store", async () => (await import("./store/databases.js")).StoreDatabasesCommand],
  ["store", async () => (await import("./store/tables.js")).StoreTablesCommand],
  ["config", async () => (await import("./config/get.js")).ConfigGetCommand],
  ["config", async () => (await import("./config/set.js")).ConfigSetCommand],
  ["config", async () => (await import("./config/del.js")).ConfigDelCommand],
  ["events", async () => (await import("./events/publish.js")).EventsPublishCommand],
  ["events", async () => (await import("./events/consume.js")).EventsConsumeCommand],
  ["debug", async () => (await import("./debug/health.js")).DebugHealthCommand],
  ["debug", async () => (await import("./debug/stats.js")).DebugStatsCommand],
  ["completion", async () => (await import("./completion.js")).CompletionCommand],
  ["__complete", async () => (await import("./completion.js")).CompleteCommand],
  ["run", async () => (await import("./runtime/run.js")).RunCommand],
  ["status", async () => (await import("./runtime/status.js")).StatusCommand],
  ["logs", async () => (await import("./runtime/logs.js")).LogsCommand],
  ["kill", async () => (await import("./runtime/kill.js")).KillCommand],
  ["update", async () => (await import("./runtime/update.js")).UpdateCommand],
  ["new", async () => (await import("./new.js")).NewCommand],
  ["generate", async () => (await import("./generate.js")).GenerateCommand],
];

/** Words whose commands need every command registered (completion lists them all). */
const NEEDS_ALL = new Set(["__complete"]);

/** The commands of `word` (every command when it is undefined, unknown, or needs them all), in list order. */
export function loadBuiltinCommands(word?: string): Promise<AnyCommand[]> {
  const own = word === undefined || NEEDS_ALL.has(word) ? [] : builtinCommandEntries.filter(([w]) => w === word);
  return Promise.all((own.length ? own : builtinCommandEntries).map(([, load]) => load()));
}
