// The auth layer of an RpcServer: admits each call (guard.ts → policy.ts) before its handler runs and tells the
// handler who is calling (ctx.account) and in which namespace (ctx.namespace).
import type { Middleware } from "../rpc/server.js";
import { admit, type GuardSource } from "./guard.js";

export function authMiddleware(source: GuardSource): Middleware {
  return async (ctx, next) => {
    const { account, namespace } = await admit(source, { headers: ctx.metadata, service: ctx.service, endpoint: ctx.endpoint });
    ctx.account = account;
    ctx.namespace = namespace;
    await next();
  };
}
