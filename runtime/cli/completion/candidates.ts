// What may come next on a `micro` command line: builtin command words and flags from the clipanion
// definitions, and — asked of the server, briefly — service names, endpoint words and request flags.
import type { MicroContext } from "../context.js";

export interface BuiltinDefinition {
  /** Command words after `micro`. */
  words: string[];
  /** Option names, e.g. --output, -o. */
  options: string[];
}

export async function candidates(typed: string[], current: string, builtins: BuiltinDefinition[], context: MicroContext): Promise<string[]> {
  const out = new Set<string>();
  const matching = builtins.filter((b) => typed.every((w, i) => b.words[i] === w));
  for (const b of matching) if (b.words.length > typed.length) out.add(b.words[typed.length]);
  const exact = builtins.filter((b) => b.words.length === typed.length && typed.every((w, i) => b.words[i] === w));
  if (current.startsWith("-")) for (const b of exact) b.options.forEach((o) => out.add(o));
  const isBuiltin = typed.length > 0 && builtins.some((b) => b.words[0] === typed[0]);
  if (!isBuiltin) for (const c of await fromServer(typed, current, context)) out.add(c);
  return [...out].filter((c) => c.startsWith(current)).sort();
}

/** Services, endpoints and flags; nothing at all when the server is slow or unreachable. */
async function fromServer(typed: string[], current: string, context: MicroContext): Promise<string[]> {
  const work = (async () => {
    const { Session } = await import("../session/session.js");
    const session = new Session(context);
    if (typed.length === 0) {
      const { listVisibleServices } = await import("../remote/services.js");
      return (await listVisibleServices(session, { timeoutMs: 1500 })).map((s) => s.name);
    }
    const [{ findService }, { commandWords, resolveEndpoint }, { commandsOf }] = await Promise.all([
      import("../remote/lookup.js"), import("../dynamic/endpoints.js"), import("../dynamic/table.js"),
    ]);
    const found = await findService(session, typed[0]);
    if (!found?.schema) return [];
    const words = typed.slice(1).filter((w) => !w.startsWith("-"));
    if (current.startsWith("-")) return resolveEndpoint(found, words)?.command.flags.map((f) => `--${f.name}`) ?? [];
    return commandsOf(found).commands.map(commandWords)
      .filter((w) => words.every((x, i) => w[i] === x) && w.length > words.length)
      .map((w) => w[words.length]!);
  })();
  const timeout = new Promise<string[]>((resolve) => setTimeout(() => resolve([]), 2000).unref());
  return Promise.race([work.catch(() => [] as string[]), timeout]);
}
