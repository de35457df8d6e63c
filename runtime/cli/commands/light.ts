// The builtin commands the CLI's startup snapshot serves (runtime/cli/snapshot.ts): everything that only talks to
// the server, with no native addon or large library behind it. index.ts lists them among the rest; the snapshot's
// bundle takes this module in index.ts's place (scripts/build-cli-snapshot.mjs), so that `micro call` and
// `micro store read` start from the snapshot as service calls do, while `micro server`, `run`, `new` and
// `generate` (lmdb, grpc-js, ts-morph, handlebars) and completion (which needs every command) load from dist/.
import type { CommandClass } from "clipanion";

// Commands may extend MicroCommand (base.ts) or clipanion's plain Command: hence the loose context type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandClass<any>;
export type CommandEntry = readonly [word: string, load: () => Promise<AnyCommand>];

export const lightCommandEntries: ReadonlyArray<CommandEntry> = [
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
  ["auth", async () => (await import("./auth/create-invite.js")).AuthCreateInviteCommand],
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
];

/** First words whose commands are all here. */
export const LIGHT_WORDS: ReadonlySet<string> = new Set(lightCommandEntries.map(([word]) => word));

/** The commands of `word`, in list order: what index.ts's loadBuiltinCommands gives for a light word. */
export function loadBuiltinCommands(word?: string): Promise<AnyCommand[]> {
  if (word === undefined || !LIGHT_WORDS.has(word)) throw new Error(`the commands of "${word}" are not in the CLI's snapshot`);
  return Promise.all(lightCommandEntries.filter(([w]) => w === word).map(([, load]) => load()));
}
