// Command words the way Micro 3.0's CLI derives them from an endpoint name (cmd/cli/util FormatServiceUsage):
// each part of "Service.Method" gets a lower-case initial; when the service part names the registry service it is
// dropped ("micro helloworld call"), otherwise it stays ("micro store blobStore read"). Our shorthands are listed
// as aliases, so the table says every word sequence the CLI accepts.
import type { MethodModel, ServiceModel } from "../../model/index.js";
import { lowerFirst, sameWord } from "../../rules/index.js";

export { sameWord };

export interface CommandWords {
  /** Words after `micro`, the form help shows. */
  readonly path: string[];
  /** Other word sequences that reach the same endpoint. */
  readonly aliases: string[][];
}

/** Where an endpoint is served: the registry name and every proto service registered under it. */
export interface Registration {
  readonly registryName: string;
  /** The proto services of the registration, the endpoint's own among them, in declaration order. */
  readonly services: readonly ServiceModel[];
}

/**
 * The service a bare `micro <name> <method>` means: the one named like the registry service, else the only one.
 * Its methods need no service word.
 */
export function primaryService(at: Registration): ServiceModel | undefined {
  return at.services.find((s) => sameWord(s.name, at.registryName)) ?? (at.services.length === 1 ? at.services[0] : undefined);
}

export function commandWords(service: ServiceModel, method: MethodModel, at: Registration): CommandWords {
  const registry = at.registryName;
  const handlerWord = lowerFirst(service.name);
  const methodWord = lowerFirst(method.name);
  const long = [registry, handlerWord, methodWord];
  const primary = primaryService(at);
  const hasMethod = (s: ServiceModel | undefined, word: string) => !!s?.methods.some((m) => sameWord(m.name, word));
  const isCall = method.name === "Call";
  // ours: `micro helloworld` alone calls Helloworld.Call, as the Micro 3.0 announcement shows; with no primary
  // service (or none with a Call), the only Call of the registration.
  const calls = at.services.filter((s) => hasMethod(s, "Call"));
  const bare = isCall && (service === primary || (!hasMethod(primary, "Call") && calls.length === 1)) ? [[registry]] : [];
  const aliases: string[][] = [...bare];
  // `micro auth accounts`, `micro foobar helloworld`: a service's Call by the service word, unless the primary
  // service has a method of that name.
  if (isCall && !hasMethod(primary, handlerWord)) aliases.push([registry, handlerWord]);
  if (service === primary) return { path: [registry, methodWord], aliases: [...aliases, long] };
  // `micro auth list`: a method no other service of the registration has, unless the word means something else.
  const named = at.services.some((s) => sameWord(s.name, methodWord) && hasMethod(s, "Call"));
  if (!hasMethod(primary, methodWord) && !named && at.services.filter((s) => hasMethod(s, methodWord)).length === 1) {
    aliases.push([registry, methodWord]);
  }
  return { path: long, aliases };
}
