// The end of `micro --help`: the running services, which are commands too (`micro helloworld`). Asked of the
// server with a short deadline; when it does not answer, one line says so and help goes on.
import type { MicroContext } from "../context.js";
import { BUILTIN_WORDS } from "../commands/words.js";
import { describeFailure, ExitCode, isConnectFailure } from "../errors.js";

/** How long `micro --help` waits for the registry. */
const LIST_DEADLINE_MS = 1500;

export async function servicesSection(context: MicroContext): Promise<string> {
  const [{ Session }, { serviceNamesWithin, NoAnswer }] = await Promise.all([import("../session/session.js"), import("../remote/services.js")]);
  let session;
  try {
    session = new Session(context);
  } catch (err) {
    return `\nServices: not listed (${(err as Error).message})\n`;
  }
  const where = `${session.address}, environment ${session.env.name}`;
  let names: string[];
  try {
    names = await serviceNamesWithin(session, LIST_DEADLINE_MS);
  } catch (err) {
    const { message, exitCode } = describeFailure(err);
    if (err instanceof NoAnswer || isConnectFailure(err) || exitCode === ExitCode.unreachable) return `\nServices: not listed (no answer from ${where}; is \`micro server\` running?)\n`;
    return `\nServices: not listed (${where}: ${message}${exitCode === ExitCode.unauthorized ? "; `micro login` first" : ""})\n`;
  }
  // a service named like a builtin (store, config...) is reached through the builtin command
  const callable = names.filter((n) => !BUILTIN_WORDS.has(n));
  if (callable.length === 0) return `\nServices: none running in namespace ${session.namespace} at ${where}\n`;
  return [
    "",
    `Services (namespace ${session.namespace} at ${where}): run \`micro <service> --help\` for the endpoints`,
    "",
    ...callable.map((n) => `  micro ${n}`),
    "",
  ].join("\n");
}

/** "Did you mean `micro services`?" for a mistyped first word: the closest builtin or running service, if any
 * is close. The server gets the same short deadline as help; without an answer (or when it is known to be down)
 * only builtins are considered. */
export async function didYouMean(word: string, context: MicroContext, options: { askServer: boolean }): Promise<string> {
  const [{ Session }, { serviceNamesWithin }, { closest }] = await Promise.all([
    import("../session/session.js"), import("../remote/services.js"), import("../suggest.js"),
  ]);
  const builtins = [...BUILTIN_WORDS].filter((w) => /^[a-z]/.test(w));
  const services = options.askServer ? await serviceNamesWithin(new Session(context), LIST_DEADLINE_MS).catch(() => []) : [];
  const guess = closest(word, [...builtins, ...services]);
  return guess ? `Did you mean \`micro ${guess}\`?\n` : "";
}
