// Which registry nodes each account keeps registered. A service `micro run` started registers with the account the
// runtime gave it, under whatever name its code chose (`micro run --name storesvc ./helloworld` registers as
// "helloworld"): this is how `micro update` recognises the new instance whatever its registered name or language.
import type { Registry as RegistryDesc } from "../gen/registry/registry_pb.js";
import type { HandlerContext, ServiceImpl } from "../rpc/index.js";
import type { Registry } from "../registry/types.js";

export class Registrants {
  /** "<namespace>\0<account id>" → node id → when its registration lapses (Unix ms). */
  private readonly byAccount = new Map<string, Map<string, number>>();

  /** The registry handler, noting each node a caller registers or deregisters. */
  track(impl: ServiceImpl<typeof RegistryDesc>): ServiceImpl<typeof RegistryDesc> {
    return {
      ...impl,
      register: async (req, ctx) => {
        const res = await impl.register(req, ctx);
        const ttlMs = Number(req.options?.ttl ?? 0n) * 1000;
        this.note(ctx, req.nodes.map((n) => n.id), ttlMs ? Date.now() + ttlMs : Infinity);
        return res;
      },
      deregister: async (req, ctx) => {
        const res = await impl.deregister(req, ctx);
        const nodes = this.byAccount.get(accountKey(ctx));
        for (const n of req.nodes) nodes?.delete(n.id);
        return res;
      },
    };
  }

  /** Nodes `accountId` of `namespace` registered and keeps alive, whatever service name they carry. */
  ids(namespace: string, accountId: string): Set<string> {
    const nodes = this.byAccount.get(`${namespace}\0${accountId}`);
    const now = Date.now();
    return new Set([...nodes ?? []].filter(([, expires]) => expires > now).map(([id]) => id));
  }

  private note(ctx: HandlerContext, ids: string[], expires: number): void {
    if (!ctx.account) return;
    const key = accountKey(ctx);
    const nodes = this.byAccount.get(key) ?? new Map<string, number>();
    const now = Date.now();
    for (const [id, until] of nodes) if (until <= now) nodes.delete(id);
    for (const id of ids) nodes.set(id, expires);
    this.byAccount.set(key, nodes);
  }
}

function accountKey(ctx: HandlerContext): string {
  return `${ctx.account?.issuer}\0${ctx.account?.id}`;
}

/** The nodes registered under service name `name` (a service that registers with an account of its own). */
export async function registeredIds(registry: Registry, namespace: string, name: string): Promise<Set<string>> {
  const versions = await registry.getService(name, { domain: namespace });
  return new Set(versions.flatMap((v) => v.nodes.map((n) => n.id)));
}
