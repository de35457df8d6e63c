import { Forbidden } from "./errors.js";
import type { HandlerContext } from "./types.js";

/** The namespace that may administer every other one (Micro's "micro" domain). */
export const ADMIN_NAMESPACE = "micro";

/** The builtin services' names: reserved. They live in ADMIN_NAMESPACE only, and only a platform admin may
 * register a node under one (a tenant's node behind "store" or "auth" would receive everyone's tokens). */
export const BUILTIN_SERVICES: ReadonlySet<string> = new Set([
  "store", "config", "auth", "runtime", "registry", "events", "broker", "network", "router", "debug", "proxy", "api",
  // gRPC server reflection (runtime/server/reflection/service.ts)
  "grpc.reflection.v1", "grpc.reflection.v1alpha",
]);

export function isBuiltinService(name: string): boolean {
  return BUILTIN_SERVICES.has(name);
}

/** True when the caller is an admin of the "micro" namespace: the only accounts that may cross namespaces. */
export function isPlatformAdmin(ctx: Pick<HandlerContext, "account">): boolean {
  const a = ctx.account;
  return !!a && a.issuer === ADMIN_NAMESPACE && (a.scopes.includes("admin") || a.scopes.includes("service"));
}

/** Whether a call made in ctx.namespace may touch data of `namespace`. */
export function canAccessNamespace(ctx: Pick<HandlerContext, "account" | "namespace">, namespace: string): boolean {
  return namespace === ctx.namespace || isPlatformAdmin(ctx);
}

/** The namespace a call acts on: the one it names, else its own; another only for a platform admin (else 403,
 * with `errorId` as the error's id). */
export function namespaceFor(ctx: Pick<HandlerContext, "account" | "namespace">, requested: string | undefined, errorId: string): string {
  const namespace = requested || ctx.namespace;
  if (!canAccessNamespace(ctx, namespace)) throw Forbidden(errorId, `access to namespace ${namespace} denied`);
  return namespace;
}
