// The services a user is shown: what the registry lists in the session's namespace, without the server's own
// plumbing (grpc.reflection.v1 and v1alpha, any grpc.* protocol service). Hidden ones stay callable by name.
import type { Service as RegistryEntry } from "../../gen/registry/registry_pb.js";
import type { Session } from "../session/session.js";

/** Whether a registry name is one of the server's protocol services rather than an application's. */
export function isInternalService(name: string): boolean {
  return name.startsWith("grpc.");
}

export async function listVisibleServices(session: Session, options: { timeoutMs?: number } = {}): Promise<RegistryEntry[]> {
  const { Registry } = await import("../../gen/registry/registry_pb.js");
  const registry = await session.client(Registry);
  const { services } = await registry.listServices({ options: { domain: session.namespace } }, { timeoutMs: options.timeoutMs });
  return services.filter((s) => !isInternalService(s.name));
}

/** The visible names, each once, sorted. Rejects with the server's refusal, or with NoAnswer when it does not
 * answer within `ms`: help and suggestions must never hang on a server that is down. */
export async function serviceNamesWithin(session: Session, ms: number): Promise<string[]> {
  const work = listVisibleServices(session, { timeoutMs: ms }).then((s) => [...new Set(s.map((e) => e.name))].sort());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new NoAnswer()), ms + 250).unref(); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class NoAnswer extends Error {
  constructor() {
    super("no answer");
  }
}
