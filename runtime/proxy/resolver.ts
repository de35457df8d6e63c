// Finds the instances of a service and rotates the order per service so consecutive calls spread round robin
// over the nodes. Builtins are looked up in "micro" only, every other service in the caller's namespace only:
// a user service of "micro" is no fallback for other namespaces (their rules, not its own, would admit the call),
// and a tenant's registration under a builtin's name never receives anyone's calls. The server's doors (proxy,
// api) are registered too, as Micro 3.0 lists them, but serve no handlers: no call is ever routed to one (a call
// to "proxy" would otherwise loop back into the proxy).
import type { Registry, RegistryService } from "../registry/types.js";
import { ADMIN_NAMESPACE, isBuiltinService } from "../rpc/access.js";

/** Node metadata naming a server door (runtime/server/builtins.ts registerDoors): never a call's destination. */
export const DOOR_KEY = "door";

/** Whether a node was registered by Micro 3.0's framework (its gRPC server names its broker, registry and server in
 * every node's metadata). Such a service cannot verify our tokens itself: it inspects every token it receives with
 * an RPC to auth. So an anonymous call goes to it as Micro 3.0's own doors send one, without a token, and it judges
 * the call by the namespace's rules; every other service (ours, the SDKs') gets the front door's call token. */
export function isMicroV3Node(metadata: Record<string, string> | undefined): boolean {
  return !!metadata && metadata.server !== undefined && metadata.registry !== undefined && metadata.broker !== undefined;
}

export interface Resolution {
  namespace: string;
  addresses: string[];
  /** Some instance may verify tokens itself (one not registered by Micro 3.0's framework): an anonymous call goes
   * with a call token. */
  verifiesTokens: boolean;
  /** The registry's records of the service, when they were read (not for a builtin this server hosts). */
  records?: RegistryService[];
}

export class Resolver {
  private readonly cursors = new Map<string, number>();

  /** `local`: the address of a builtin this server hosts (undefined for any other service). */
  constructor(private readonly registry: Registry, private readonly local?: (service: string) => string | undefined) {}

  async resolve(service: string, namespace: string): Promise<Resolution | undefined> {
    const builtin = isBuiltinService(service);
    const own = builtin ? this.local?.(service) : undefined;
    if (own) return { namespace: ADMIN_NAMESPACE, addresses: [own], verifiesTokens: false };
    const ns = builtin ? ADMIN_NAMESPACE : namespace;
    const versions = await this.registry.getService(service, { domain: ns });
    const nodes = versions.flatMap((v) => v.nodes.filter((n) => !n.metadata?.[DOOR_KEY]));
    if (!nodes.length) return undefined;
    const verifiesTokens = nodes.some((n) => !isMicroV3Node(n.metadata));
    return { namespace: ns, addresses: this.rotate(`${ns}/${service}`, nodes.map((n) => n.address)), verifiesTokens, records: versions };
  }

  private rotate(key: string, addresses: string[]): string[] {
    const n = (this.cursors.get(key) ?? 0) % addresses.length;
    this.cursors.set(key, n + 1);
    return [...addresses.slice(n), ...addresses.slice(0, n)];
  }
}
