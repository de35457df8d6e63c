// Finding a service to call: its registry entry in the current namespace, else in "micro" (the builtins), and
// the protobuf types from the descriptor it registered, to convert JSON to protobuf and back.
import type { DescMethod, DescService, FileRegistry } from "@bufbuild/protobuf";
import type { Service as RegistryEntry } from "../../gen/registry/registry_pb.js";
import type { Session } from "../session/session.js";
import { DEFAULT_NAMESPACE } from "../settings/envs.js";
import { CliError, ExitCode } from "../errors.js";
import { sameWord } from "../../../generators/rules/index.js";

export interface FoundService {
  /** Registry name: what the micro-service header carries. */
  name: string;
  /** Namespace it was found in. */
  namespace: string;
  entry: RegistryEntry;
  /** Types from its registered descriptor; undefined when it registered none. */
  schema?: FileRegistry;
}

export async function findService(session: Session, name: string): Promise<FoundService | undefined> {
  const [{ Registry }, { schemaOf }] = await Promise.all([
    import("../../gen/registry/registry_pb.js"), import("../../registry/schema.js"),
  ]);
  const registry = await session.client(Registry);
  const domains = [...new Set([session.namespace, DEFAULT_NAMESPACE])];
  // Both lookups at once (one round trip, not two, for a tenant calling a platform service); the own namespace wins.
  const lookups = domains.map((domain) => registry.getService({ service: name, options: { domain } }).then(
    ({ services }) => services,
    (err: unknown) => {
      // another namespace's registry may be closed to this account: then the service is not ours to call
      if (domain !== session.namespace && (err as { code?: number }).code === 403) return [];
      throw err;
    }));
  lookups.forEach((l) => l.catch(() => undefined)); // a later one's failure matters only if it is reached
  for (const [i, domain] of domains.entries()) {
    const services = await lookups[i]!;
    const entry = services.find((s) => s.metadata.descriptor) ?? services[0];
    if (entry) return { name, namespace: domain, entry, schema: schemaOf(entry) };
  }
  return undefined;
}

export async function requireService(session: Session, name: string): Promise<FoundService> {
  const found = await findService(session, name);
  if (!found) throw new CliError(`Service "${name}" not found`, ExitCode.unreachable);
  return found;
}

/** The proto services behind a registry entry: the ones its endpoints name ("Helloworld.Call" → Helloworld). */
export function protoServices(found: FoundService): DescService[] {
  const schema = requireSchema(found);
  const all = [...schema].filter((t): t is DescService => t.kind === "service");
  const named = new Set(found.entry.endpoints.map((e) => e.name.split(".")[0]));
  const mine = all.filter((s) => named.has(s.name));
  return mine.length ? mine : all;
}

/** The method an endpoint name ("Helloworld.Call") refers to; case and dashes do not matter. */
export function findMethod(found: FoundService, endpoint: string): DescMethod | undefined {
  const [service, method] = endpoint.split(".");
  for (const s of protoServices(found)) {
    if (!sameWord(s.name, service)) continue;
    const m = s.methods.find((x) => sameWord(x.name, method ?? ""));
    if (m) return m;
  }
  return undefined;
}

export function requireSchema(found: FoundService): FileRegistry {
  if (!found.schema) {
    throw new CliError(`service ${found.name} registered no protobuf descriptor, so the CLI cannot encode requests for it`);
  }
  return found.schema;
}
