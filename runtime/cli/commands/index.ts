// Every builtin command of the `micro` CLI. Add a command class here to make it part of the CLI, and its first
// word to BUILTIN_WORDS in words.ts (a test checks they agree).
import type { CommandClass } from "clipanion";
import { ServerCommand } from "./server.js";
import { EnvListCommand } from "./env/list.js";
import { EnvGetCommand } from "./env/get.js";
import { EnvSetCommand } from "./env/set.js";
import { EnvAddCommand } from "./env/add.js";
import { EnvDelCommand } from "./env/del.js";
import { LoginCommand } from "./login.js";
import { LogoutCommand } from "./logout.js";
import { SignupCommand } from "./signup.js";
import { UserCommand } from "./user/show.js";
import { UserNamespaceCommand } from "./user/namespace.js";
import { UserTokenCommand } from "./user/token.js";
import { UserSetPasswordCommand } from "./user/set-password.js";
import { AuthListAccountsCommand } from "./auth/list-accounts.js";
import { AuthListRulesCommand } from "./auth/list-rules.js";
import { AuthCreateRuleCommand } from "./auth/create-rule.js";
import { AuthCreateAccountCommand } from "./auth/create-account.js";
import { AuthDeleteRuleCommand } from "./auth/delete-rule.js";
import { AuthDeleteAccountCommand } from "./auth/delete-account.js";
import { ServicesCommand } from "./services.js";
import { CallCommand } from "./call.js";
import { StreamCommand } from "./stream.js";
import { PublishCommand } from "./publish.js";
import { StoreReadCommand } from "./store/read.js";
import { StoreWriteCommand } from "./store/write.js";
import { StoreDeleteCommand } from "./store/delete.js";
import { StoreListCommand } from "./store/list.js";
import { StoreDatabasesCommand } from "./store/databases.js";
import { StoreTablesCommand } from "./store/tables.js";
import { ConfigGetCommand } from "./config/get.js";
import { ConfigSetCommand } from "./config/set.js";
import { ConfigDelCommand } from "./config/del.js";
import { EventsPublishCommand } from "./events/publish.js";
import { EventsConsumeCommand } from "./events/consume.js";
import { DebugHealthCommand } from "./debug/health.js";
import { DebugStatsCommand } from "./debug/stats.js";
import { CompletionCommand, CompleteCommand } from "./completion.js";
import { RunCommand } from "./runtime/run.js";
import { StatusCommand } from "./runtime/status.js";
import { LogsCommand } from "./runtime/logs.js";
import { KillCommand } from "./runtime/kill.js";
import { UpdateCommand } from "./runtime/update.js";
import { NewCommand } from "./new.js";
import { GenerateCommand } from "./generate.js";

// Commands may extend MicroCommand (base.ts) or clipanion's plain Command: hence the loose context type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const builtinCommands: CommandClass<any>[] = [
  ServerCommand,
  EnvListCommand, EnvGetCommand, EnvSetCommand, EnvAddCommand, EnvDelCommand,
  LoginCommand, LogoutCommand, SignupCommand,
  UserCommand, UserNamespaceCommand, UserTokenCommand, UserSetPasswordCommand,
  AuthListAccountsCommand, AuthListRulesCommand, AuthCreateRuleCommand, AuthCreateAccountCommand, AuthDeleteRuleCommand,
  AuthDeleteAccountCommand,
  ServicesCommand, CallCommand, StreamCommand, PublishCommand,
  StoreReadCommand, StoreWriteCommand, StoreDeleteCommand, StoreListCommand, StoreDatabasesCommand, StoreTablesCommand,
  ConfigGetCommand, ConfigSetCommand, ConfigDelCommand,
  EventsPublishCommand, EventsConsumeCommand,
  DebugHealthCommand, DebugStatsCommand,
  CompletionCommand, CompleteCommand,
  RunCommand, StatusCommand, LogsCommand, KillCommand, UpdateCommand, NewCommand, GenerateCommand,
];
