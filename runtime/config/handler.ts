// config.Config over gRPC, in front of any Config implementation. The namespace defaults to the caller's,
// and only platform admins may name another one.
import { Config as ConfigService } from "../gen/config/config_pb.js";
import type { ServiceImpl } from "../rpc/index.js";
import { namespaceFor } from "../rpc/access.js";
import { ERROR_ID, badRequest } from "./validate.js";
import type { Config } from "./types.js";

export function configHandler(config: Config): ServiceImpl<typeof ConfigService> {
  return {
    async get(req, ctx) {
      const value = await config.get(req.path, { namespace: namespaceFor(ctx, req.namespace, ERROR_ID), secret: !!req.options?.secret });
      return { value };
    },
    async set(req, ctx) {
      if (!req.value) throw badRequest("value is required");
      await config.set(req.path, req.value, { namespace: namespaceFor(ctx, req.namespace, ERROR_ID), secret: !!req.options?.secret });
      return {};
    },
    async delete(req, ctx) {
      await config.delete(req.path, { namespace: namespaceFor(ctx, req.namespace, ERROR_ID) });
      return {};
    },
    async read(req, ctx) {
      const change = await config.read(req.path, { namespace: namespaceFor(ctx, req.namespace, ERROR_ID) });
      return { change: { ...change, changeSet: { ...change.changeSet, timestamp: BigInt(change.changeSet.timestamp) } } };
    },
  };
}
