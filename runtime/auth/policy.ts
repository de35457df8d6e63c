// THE access policy: the one function every way in (gateway, gRPC proxy, service-to-service calls through
// authMiddleware) asks whether a caller may call a resource in a namespace.
//
// - Builtin services (store, config, auth, …) are never governed by rules: they need an account of the namespace
//   (or a platform admin), and their management endpoints the admin scope. Only what login needs is public.
// - Everything else (the namespace's own services) is decided by the namespace's rules (rules.ts), whose
//   default rule makes them public; deleting it locks them down.
// - Platform admins (accounts of "micro" with scope admin, or the builtins' own service accounts) act as members
//   of every namespace.
import { ADMIN_NAMESPACE, BUILTIN_SERVICES, isBuiltinService, isPlatformAdmin as isPlatformAdminCtx } from "../rpc/access.js";
import type { CallerAccount } from "../rpc/types.js";
import { authorize } from "./rules.js";
import { ADMIN_SCOPE, SERVICE_SCOPE, type Resource, type Rule } from "./types.js";

export { ADMIN_NAMESPACE, BUILTIN_SERVICES, isBuiltinService };

/** Who may call an endpoint of a builtin service. */
export type Requirement =
  | "public"     // anyone; the handler may still check more (Auth.Generate: admins, or signup)
  | "account"    // any account of the namespace
  | "service"    // a service account of the namespace (registering itself), or an admin
  | "admin"      // the admin scope of the namespace
  | "own";       // any account, of any namespace: the handler acts only on the account's own namespace (config)

/** Per builtin service: endpoint (or "Service.*", or "*") → requirement. Anything not listed needs an account. */
const REQUIREMENTS: Record<string, Record<string, Requirement>> = {
  auth: {
    // login, token refresh and token checks must work before anyone has a token
    "Auth.Token": "public",
    "Auth.Inspect": "public",
    // anonymous only for signup; the handler requires admin for everything else
    "Auth.Generate": "public",
    // own secret with the old one, or any account's for an admin (handler)
    "Accounts.ChangeSecret": "account",
    "Accounts.*": "admin",
    // services read their namespace's rules to judge the calls they receive (runtime/service/verify.ts)
    "Rules.List": "service",
    "Rules.*": "admin",
  },
  runtime: { "*": "admin" },
  // Micro 3.0's config names its namespace in the request: its CLI sends the account's own namespace there while
  // the call's header names the CLI's issuer ("micro"). The handler decides (config/handler.ts): an account acts on
  // its own namespace only, a platform admin on any.
  config: { "*": "own" },
  registry: { "Registry.Register": "service", "Registry.Deregister": "service" },
  // network and router only read the registry (an account's view of its namespace, as Registry.GetService): the
  // default requirement, an account of the namespace
  // grpcurl needs reflection to log in (auth.Auth/Token); anonymous callers are described the builtins only,
  // members also their namespace's own services (the handler decides)
  "grpc.reflection.v1": { "ServerReflection.*": "public" },
  "grpc.reflection.v1alpha": { "ServerReflection.*": "public" },
};

export function requirementFor(service: string, endpoint: string): Requirement {
  const table = REQUIREMENTS[service] ?? {};
  const prefix = endpoint.includes(".") ? `${endpoint.slice(0, endpoint.indexOf("."))}.*` : undefined;
  return table[endpoint] ?? (prefix ? table[prefix] : undefined) ?? table["*"] ?? "account";
}

export function isPlatformAdmin(account: CallerAccount | undefined): boolean {
  return isPlatformAdminCtx({ account });
}

/** An account of the namespace, or a platform admin (who counts as a member everywhere). */
export function isMember(account: CallerAccount | undefined, namespace: string): boolean {
  return !!account && (account.issuer === namespace || isPlatformAdmin(account));
}

/** Holds the admin scope in the namespace, or is a platform admin. */
export function isNamespaceAdmin(account: CallerAccount | undefined, namespace: string): boolean {
  return !!account && ((account.issuer === namespace && account.scopes.includes(ADMIN_SCOPE)) || isPlatformAdmin(account));
}

export function meets(requirement: Requirement, account: CallerAccount | undefined, namespace: string): boolean {
  switch (requirement) {
    case "public": return true;
    case "account": return isMember(account, namespace);
    case "own": return !!account;
    case "admin": return isNamespaceAdmin(account, namespace);
    case "service":
      return isNamespaceAdmin(account, namespace) ||
        (!!account && isMember(account, namespace) && (account.type === "service" || account.scopes.includes(SERVICE_SCOPE)));
  }
}

export interface AccessQuery {
  /** The verified caller, possibly of another namespace; undefined when anonymous. */
  account?: CallerAccount;
  /** The namespace the call runs in. */
  namespace: string;
  resource: Resource;
  /** The namespace's rules; consulted for non-builtin services only (see `needsRules`). */
  rules: readonly Rule[];
  /** A token was presented but did not verify: an anonymous refusal then says so. */
  rejectedToken?: boolean;
}

export type Decision = { allowed: true } | { allowed: false; code: 401 | 403; detail: string };

/** Whether deciding on `resource` needs the namespace's rules (lets callers skip loading them). */
export function needsRules(resource: Resource): boolean {
  return !isBuiltinService(resource.name);
}

/** The decision. Details name the resource and what is missing, never anything about the credentials. */
export function decideAccess(q: AccessQuery): Decision {
  const { account, namespace, resource } = q;
  if (isBuiltinService(resource.name)) {
    const requirement = requirementFor(resource.name, resource.endpoint);
    if (meets(requirement, account, namespace)) return { allowed: true };
    return refuse(q, requirement === "admin" || requirement === "service"
      ? `${resource.endpoint} of ${resource.name} requires the ${requirement === "admin" ? "admin" : "service or admin"} scope in namespace ${namespace}`
      : `${resource.name} requires an account of namespace ${namespace}`);
  }
  // Platform admins are evaluated as members of the namespace; others as they are.
  const subject = account && isPlatformAdmin(account) ? { ...account, issuer: namespace } : account;
  if (authorize(q.rules, subject, resource, namespace) === "granted") return { allowed: true };
  return refuse(q, `access to ${resource.name} ${resource.endpoint} in namespace ${namespace} denied`);
}

function refuse(q: AccessQuery, forbidden: string): Decision {
  if (q.account) return { allowed: false, code: 403, detail: forbidden };
  return { allowed: false, code: 401, detail: q.rejectedToken ? "invalid or expired token" : "authentication required" };
}

/** Auth.Generate: admins of the namespace create accounts; anyone else only by signing up a new namespace. */
export function generateAuthority(caller: CallerAccount | undefined, namespace: string): "admin" | "signup" {
  return isNamespaceAdmin(caller, namespace) ? "admin" : "signup";
}

/** Accounts.ChangeSecret: an admin changes any account's secret of the namespace without the old one; anyone else
 * only their own, with the old one ("self"). */
export function changeSecretAuthority(caller: CallerAccount | undefined, namespace: string, id: string): "admin" | "self" | "none" {
  if (isNamespaceAdmin(caller, namespace)) return "admin";
  if (caller && caller.issuer === namespace && caller.id === id) return "self";
  return "none";
}
