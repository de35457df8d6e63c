// Command words the way Micro 3.0's CLI derives them from an endpoint name (cmd/cli/util FormatServiceUsage):
// each part of "Service.Method" gets a lower-case initial; when the service part equals the registry name it is
// dropped ("micro helloworld call"), otherwise it stays ("micro store blobStore read").
import type { MethodModel, ServiceModel } from "../../model/index.js";
import { lowerFirst } from "../../rules/index.js";

export interface CommandWords {
  /** Words after `micro`, the form help shows. */
  readonly path: string[];
  /** Other word sequences that reach the same endpoint. */
  readonly aliases: string[][];
}

export function commandWords(service: ServiceModel, method: MethodModel): CommandWords {
  const registry = service.registryName;
  const handlerWord = lowerFirst(service.name);
  const methodWord = lowerFirst(method.name);
  const long = [registry, handlerWord, methodWord];
  if (handlerWord !== registry) return { path: long, aliases: [] };
  const aliases = [long];
  // ours: `micro helloworld` alone calls Helloworld.Call, as the Micro 3.0 announcement shows.
  if (method.name === "Call") aliases.unshift([registry]);
  return { path: [registry, methodWord], aliases };
}
