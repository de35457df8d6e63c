// Finds the instances of a service: the caller's namespace first, then "micro" (the builtins), and rotates
// the order per service so consecutive calls spread round robin over the nodes.
import type { Registry } from "../registry/types.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";

export interface Resolution { namespace: string; addresses: string[] }

export class Resolver {
  private readonly cursors = new Map<string, number>();

  constructor(private readonly registry: Registry) {}

  async resolve(service: string, namespace: string): Promise<Resolution | undefined> {
    for (const ns of namespace === ADMIN_NAMESPACE ? [namespace] : [namespace, ADMIN_NAMESPACE]) {
      const versions = await this.registry.getService(service, { domain: ns });
      const addresses = versions.flatMap((v) => v.nodes.map((n) => n.address));
      if (addresses.length) return { namespace: ns, addresses: this.rotate(`${ns}/${service}`, addresses) };
    }
    return undefined;
  }

  private rotate(key: string, addresses: string[]): string[] {
    const n = (this.cursors.get(key) ?? 0) % addresses.length;
    this.cursors.set(key, n + 1);
    return [...addresses.slice(n), ...addresses.slice(0, n)];
  }
}
