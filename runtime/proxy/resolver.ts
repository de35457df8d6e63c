// Finds the instances of a service and rotates the order per service so consecutive calls spread round robin
// over the nodes. Builtins are looked up in "micro" only, every other service in the caller's namespace only:
// a user service of "micro" is no fallback for other namespaces (their rules, not its own, would admit the call),
// and a tenant's registration under a builtin's name never receives anyone's calls. The server's doors (proxy,
// api) are registered too, as Micro 3.0 lists them, but serve no handlers: no call is ever routed to one (a call
// to "proxy" would otherwise loop back into the proxy).
import type { Registry } from "../registry/types.js";
import { ADMIN_NAMESPACE, isBuiltinService } from "../rpc/access.js";

/** Node metadata naming a server door (runtime/server/builtins.ts registerDoors): never a call's destination. */
export const DOOR_KEY = "door";

export interface Resolution { namespace: string; addresses: string[] }

export class Resolver {
  private readonly cursors = new Map<string, number>();

  /** `local`: the address of a builtin this server hosts (undefined for any other service). */
  constructor(private readonly registry: Registry, private readonly local?: (service: string) => string | undefined) {}

  async resolve(service: string, namespace: string): Promise<Resolution | undefined> {
    const builtin = isBuiltinService(service);
    const own = builtin ? this.local?.(service) : undefined;
    if (own) return { namespace: ADMIN_NAMESPACE, addresses: [own] };
    const ns = builtin ? ADMIN_NAMESPACE : namespace;
    const versions = await this.registry.getService(service, { domain: ns });
    const addresses = versions.flatMap((v) => v.nodes.filter((n) => !n.metadata?.[DOOR_KEY]).map((n) => n.address));
    return addresses.length ? { namespace: ns, addresses: this.rotate(`${ns}/${service}`, addresses) } : undefined;
  }

  private rotate(key: string, addresses: string[]): string[] {
    const n = (this.cursors.get(key) ?? 0) % addresses.length;
    this.cursors.set(key, n + 1);
    return [...addresses.slice(n), ...addresses.slice(0, n)];
  }
}
