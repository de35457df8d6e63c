// Entry point of the `micro` CLI. Builtin commands are clipanion classes; anything else is looked up as a
// `micro-<name>` executable or a running service (dynamic commands). Only what the command needs is loaded:
// a service call never imports clipanion, and nothing imports grpc-js until a call is made.
// The builtins come through `loadBuiltin` (bin/launch.cjs passes it) so that this module and the service-call
// path can be bundled into the CLI's startup snapshot with only the commands it serves (snapshot.ts).
import { createContext, type MicroContext } from "./context.js";
import { BUILTIN_WORDS } from "./commands/words.js";
import { reportFailure } from "./report.js";
import { CliError, ExitCode } from "./errors.js";
import { closeConnections } from "./session/connection.js";

export { CLI_VERSION } from "./version.js";

/** builtin.js, imported when a command needs it. */
export type BuiltinLoader = () => Promise<typeof import("./builtin.js")>;

export async function main(argv: string[], loadBuiltin: BuiltinLoader): Promise<number> {
  const { args, envOverride } = takeGlobalEnv(argv);
  const context = createContext({ envOverride });
  try {
    return await dispatch(args, context, loadBuiltin);
  } catch (err) {
    return reportFailure(err, context);
  } finally {
    closeConnections();
  }
}

async function dispatch(args: string[], context: MicroContext, loadBuiltin: BuiltinLoader): Promise<number> {
  if (args[0] === "help") return dispatch([...args.slice(1), "--help"], context, loadBuiltin);
  if (namesService(args)) {
    const { runDynamic, UnknownCommandError } = await import("./dynamic/run.js");
    try {
      return await runDynamic(args, context);
    } catch (err) {
      // a typo of a builtin (`micro sevrices`) gets a suggestion, also when no server answers the lookup
      const unreachable = err instanceof CliError && err.exitCode === ExitCode.unreachable;
      if (!(err instanceof UnknownCommandError) && !unreachable) throw err;
      const code = reportFailure(err, context);
      const { didYouMean } = await import("./help/top.js");
      context.stderr.write(await didYouMean(args[0]!, context, { askServer: !unreachable }));
      if (!unreachable) context.stderr.write(await (await loadBuiltin()).shortUsage());
      return code;
    }
  }
  // `micro call SERVICE ENDPOINT [JSON]`, the form with no flags, needs no command-line parser: straight to the call
  if (args[0] === "call" && (args.length === 3 || args.length === 4) && args.slice(1).every((a) => !a.startsWith("-"))) {
    const { runCall } = await import("./remote/call.js");
    return runCall({ service: args[1]!, endpoint: args[2]!, body: args[3], context }, { stream: false });
  }
  const { runBuiltin } = await loadBuiltin();
  return runBuiltin(normalizeFlagNames(args), context);
}

/** The command's first word, after any leading `--env NAME`. */
export function commandWord(argv: string[]): string | undefined {
  return takeGlobalEnv(argv).args[0];
}

/** Whether argv is a service call (or a micro-<name> plugin) rather than a builtin command. */
export function isServiceCommand(argv: string[]): boolean {
  return namesService(takeGlobalEnv(argv).args);
}

function namesService(args: string[]): boolean {
  return args.length > 0 && !args[0]!.startsWith("-") && args[0] !== "help" && !BUILTIN_WORDS.has(args[0]!);
}

/** `micro --env dev <command>`: a global flag before the command picks the environment for this run. */
function takeGlobalEnv(argv: string[]): { args: string[]; envOverride?: string } {
  let args = argv;
  let envOverride: string | undefined;
  while (args[0] === "--env" || args[0]?.startsWith("--env=")) {
    envOverride = args[0] === "--env" ? args[1] : args[0].slice("--env=".length);
    args = args.slice(args[0] === "--env" ? 2 : 1);
  }
  return { args, envOverride };
}

/** Micro spells some flags with underscores (--request_timeout); clipanion option names take dashes. */
function normalizeFlagNames(args: string[]): string[] {
  const end = args.indexOf("--");
  return args.map((a, i) => ((end < 0 || i < end) && /^--[a-z][a-z0-9]*(_[a-z0-9]+)+(=|$)/.test(a)
    ? a.replace(/^--[^=]+/, (name) => name.replace(/_/g, "-"))
    : a));
}
