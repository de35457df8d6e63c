// config.Config over gRPC, in front of any Config implementation. The namespace is the one the request names,
// else the call's; an account acts on its own namespace only, a platform admin on any. As in Micro 3.0, whose
// CLI names the account's namespace in the request while the call's header names another ("micro"): the front
// door admits any account to config (auth/policy.ts, "own") and this handler decides.
import { Config as ConfigService } from "../gen/config/config_pb.js";
import { Forbidden, MicroError, NotFound, type HandlerContext, type ServiceImpl } from "../rpc/index.js";
import { isPlatformAdmin } from "../rpc/access.js";
import { ERROR_ID, badRequest } from "./validate.js";
import type { Config } from "./types.js";

/** The namespace a call acts on (403 when the caller may not). Without an account (a server hosting this without
 * auth) the call's own namespace is the only one. */
function actingNamespace(ctx: Pick<HandlerContext, "account" | "namespace">, requested: string | undefined): string {
  const namespace = requested || ctx.namespace;
  const allowed = ctx.account ? ctx.account.issuer === namespace || isPlatformAdmin(ctx) : namespace === ctx.namespace;
  if (!allowed) throw Forbidden(ERROR_ID, `access to namespace ${namespace} denied`);
  return namespace;
}

/** Nothing there: "Not found", Micro 3.0's wording (its CLI prints it, and its integration suite looks for it). */
async function micro3NotFound<T>(result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (err) {
    if (err instanceof MicroError && err.code === 404) throw NotFound(ERROR_ID, "Not found");
    throw err;
  }
}

export function configHandler(config: Config): ServiceImpl<typeof ConfigService> {
  return {
    async get(req, ctx) {
      const value = await micro3NotFound(config.get(req.path, { namespace: actingNamespace(ctx, req.namespace), secret: !!req.options?.secret }));
      return { value };
    },
    async set(req, ctx) {
      if (!req.value) throw badRequest("value is required");
      await config.set(req.path, req.value, { namespace: actingNamespace(ctx, req.namespace), secret: !!req.options?.secret });
      return {};
    },
    async delete(req, ctx) {
      await config.delete(req.path, { namespace: actingNamespace(ctx, req.namespace) });
      return {};
    },
    async read(req, ctx) {
      const change = await micro3NotFound(config.read(req.path, { namespace: actingNamespace(ctx, req.namespace) }));
      return { change: { ...change, changeSet: { ...change.changeSet, timestamp: BigInt(change.changeSet.timestamp) } } };
    },
  };
}
