// Which method the words after `micro <service>` name: `micro helloworld` → Helloworld.Call,
// `micro helloworld message` → Helloworld.Message, `micro foobar helloworld message` → Helloworld.Message of
// the service registered as foobar. Words match method names ignoring case, dashes and underscores.
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { lowerFirst } from "../../../generators/rules/index.js";
import { CliError, ExitCode } from "../errors.js";
import { protoServices, type FoundService } from "../remote/lookup.js";

export interface EndpointCommand {
  method: DescMethod;
  /** Words after the service name that reach it, as help shows them. */
  words: string[];
}

const norm = (s: string) => s.replace(/[-_]/g, "").toLowerCase();

/** The proto service a bare `micro <name> <method>` means: the one named like the service, or the only one. */
function primaryService(found: FoundService, services: DescService[]): DescService | undefined {
  return services.find((s) => norm(s.name) === norm(found.name)) ?? (services.length === 1 ? services[0] : undefined);
}

/** Every endpoint of the service with the words that call it, in declaration order. */
export function endpointCommands(found: FoundService): EndpointCommand[] {
  const services = protoServices(found);
  const primary = primaryService(found, services);
  return services.flatMap((s) => s.methods.map((m) => ({
    method: m,
    words: s === primary ? [lowerFirst(m.name)] : [lowerFirst(s.name), lowerFirst(m.name)],
  })));
}

/** The method the words name, or undefined when there are none and the service has no default (Call). */
export function resolveEndpoint(found: FoundService, words: string[]): DescMethod | undefined {
  const services = protoServices(found);
  const primary = primaryService(found, services);
  const call = (s: DescService | undefined) => s?.methods.find((m) => m.name === "Call");
  const methodOf = (s: DescService | undefined, word: string) => s?.methods.find((m) => norm(m.name) === norm(word));
  if (words.length === 0) {
    const calls = services.map(call).filter((m): m is DescMethod => !!m);
    return call(primary) ?? (calls.length === 1 ? calls[0] : undefined);
  }
  if (words.length === 1) {
    const [w] = words;
    const found1 = methodOf(primary, w)
      ?? call(services.find((s) => norm(s.name) === norm(w)))
      ?? unique(services.map((s) => methodOf(s, w)).filter((m): m is DescMethod => !!m));
    if (found1) return found1;
  } else if (words.length === 2) {
    const m = methodOf(services.find((s) => norm(s.name) === norm(words[0])), words[1]);
    if (m) return m;
  } else {
    throw new CliError(`too many words: micro ${found.name} ${words.join(" ")}; flags look like --name=value`);
  }
  const known = endpointCommands(found).map((e) => e.words.join(" ")).join(", ");
  throw new CliError(`unknown endpoint "${words.join(" ")}" of service ${found.name}; its endpoints: ${known}`, ExitCode.badMethod);
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
