import type { HandlerContext } from "./types.js";

/** The namespace that may administer every other one (Micro's "micro" domain). */
export const ADMIN_NAMESPACE = "micro";

/** True when the caller is an admin of the "micro" namespace: the only accounts that may cross namespaces. */
export function isPlatformAdmin(ctx: Pick<HandlerContext, "account">): boolean {
  const a = ctx.account;
  return !!a && a.issuer === ADMIN_NAMESPACE && (a.scopes.includes("admin") || a.scopes.includes("service"));
}

/** Whether a call made in ctx.namespace may touch data of `namespace`. */
export function canAccessNamespace(ctx: Pick<HandlerContext, "account" | "namespace">, namespace: string): boolean {
  return namespace === ctx.namespace || isPlatformAdmin(ctx);
}
