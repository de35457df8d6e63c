// Which command the words after `micro <service>` name, read from the service's command table (table.ts): a
// command's path or one of its aliases, words compared as the table's sameWord does (case, dashes and
// underscores do not matter). `micro helloworld` → Helloworld.Call, `micro helloworld message` →
// Helloworld.Message, `micro foobar helloworld message` → Helloworld.Message of the service registered as foobar.
import { sameWord } from "../../../generators/tables/index.js";
import { CliError, ExitCode } from "../errors.js";
import type { FoundService } from "../remote/lookup.js";
import { commandsOf, type TableCommand } from "./table.js";

/** The words after the service name that call a command, as help shows them. */
export function commandWords(c: TableCommand): string[] {
  return c.command.path.slice(1);
}

/** The command the words name, or undefined when there are none and the service has no default (Call). */
export function resolveEndpoint(found: FoundService, words: string[]): TableCommand | undefined {
  const { commands } = commandsOf(found);
  const matches = (path: string[]) => path.length === words.length + 1 && words.every((w, i) => sameWord(w, path[i + 1]!));
  const hit = commands.find((c) => matches(c.command.path)) ?? commands.find((c) => c.command.aliases.some(matches));
  if (hit || words.length === 0) return hit;
  if (!commands.some((c) => [c.command.path, ...c.command.aliases].some((p) => p.length > words.length))) {
    throw new CliError(`too many words: micro ${found.name} ${words.join(" ")}; flags look like --name=value`);
  }
  const known = commands.map((c) => commandWords(c).join(" ")).join(", ");
  throw new CliError(`unknown endpoint "${words.join(" ")}" of service ${found.name}; its endpoints: ${known}`, ExitCode.badMethod);
}
