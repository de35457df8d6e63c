// What gRPC server reflection knows in a namespace: the descriptors every service put in the registry
// (metadata.descriptor, see registry/describe.ts): the namespace's own services, then the builtins of "micro".
// Nothing is hard-wired, so a user service is reflected as soon as it registers.
import type { DescFile, FileRegistry } from "@bufbuild/protobuf";
import { ADMIN_NAMESPACE } from "../../rpc/access.js";
import { schemaOf } from "../../registry/schema.js";
import type { Registry, RegistryService } from "../../registry/types.js";

export interface Catalog {
  /** Fully-qualified names of the served gRPC services, sorted. */
  services: string[];
  /** The file a symbol (`pkg.Type`, `pkg.Service`, `pkg.Service.Method`, `pkg.Msg.Nested`) is declared in. */
  fileOfSymbol(symbol: string): DescFile | undefined;
  fileByName(name: string): DescFile | undefined;
  fileOfExtension(typeName: string, field: number): DescFile | undefined;
  /** Field numbers of the known extensions of a message; undefined when the message is unknown. */
  extensionNumbers(typeName: string): number[] | undefined;
}

export class CatalogSource {
  constructor(private readonly registry: Registry) {}

  /** `members` (accounts of the namespace) also see its own services; anyone else the builtins only. */
  async forNamespace(namespace: string, members: boolean): Promise<Catalog> {
    const own = members ? await this.registry.listServices({ domain: namespace }) : [];
    const builtins = members && namespace === ADMIN_NAMESPACE ? []
      : (await this.registry.listServices({ domain: ADMIN_NAMESPACE })).filter((s) => s.metadata.builtin === "true");
    const entries: { files: FileRegistry; served: Set<string> }[] = [];
    for (const s of [...own, ...builtins]) {
      const files = decode(s);
      if (files) entries.push({ files, served: servedServiceNames(s) });
    }
    return catalogOf(entries.map((e) => e.files), entries);
  }

}

/** The service's types, decoded (and cached) as the gateway and the CLI decode them. */
function decode(s: RegistryService): FileRegistry | undefined {
  try {
    return schemaOf(s);
  } catch {
    return undefined; // a service's broken descriptor hides that service only
  }
}

/** Short proto service names a registration serves, from its endpoints ("Store.Read" → "Store"). */
function servedServiceNames(s: RegistryService): Set<string> {
  return new Set(s.endpoints.map((e) => e.name.split(".")[0]));
}

/** Earlier registries win on conflicts: the caller's namespace shadows the builtins. */
function catalogOf(registries: FileRegistry[], entries: { files: FileRegistry; served: Set<string> }[]): Catalog {
  const services = new Set<string>();
  for (const { files, served } of entries) {
    for (const file of files.files) for (const svc of file.services) if (served.has(svc.name)) services.add(svc.typeName);
  }
  const first = <T>(fn: (r: FileRegistry) => T | undefined): T | undefined => {
    for (const r of registries) {
      const v = fn(r);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return {
    services: [...services].sort(),
    fileOfSymbol: (symbol) => first((r) => {
      const direct = r.get(symbol);
      if (direct) return direct.file;
      const dot = symbol.lastIndexOf(".");
      if (dot < 0) return undefined;
      const parent = r.get(symbol.slice(0, dot));
      const member = symbol.slice(dot + 1);
      if (parent?.kind === "service") return parent.methods.some((m) => m.name === member) ? parent.file : undefined;
      if (parent?.kind === "message") return parent.fields.some((f) => f.name === member) || parent.oneofs.some((o) => o.name === member) ? parent.file : undefined;
      if (parent?.kind === "enum") return parent.values.some((v) => v.name === member) ? parent.file : undefined;
      return undefined;
    }),
    fileByName: (name) => first((r) => r.getFile(name)),
    fileOfExtension: (typeName, field) => first((r) => {
      const msg = r.getMessage(typeName);
      return msg ? r.getExtensionFor(msg, field)?.file : undefined;
    }),
    extensionNumbers: (typeName) => {
      if (!first((r) => r.getMessage(typeName))) return undefined;
      const numbers = new Set<number>();
      for (const r of registries) {
        for (const t of r) if (t.kind === "extension" && t.extendee.typeName === typeName) numbers.add(t.number);
      }
      return [...numbers].sort((a, b) => a - b);
    },
  };
}
