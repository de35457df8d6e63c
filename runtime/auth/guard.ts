// Admission of a call, for every way in: find the token, verify it, settle the namespace, ask policy.ts. The
// gateway and the gRPC proxy call `admit` with their headers; RpcServers install `authMiddleware` (middleware.ts).
//
// Namespace of a call: the namespace the transport asked for (the micro-namespace header, or for the gateway
// also the host), else the token's issuer, else "micro". The header always picks the namespace — it is never
// silently swapped for the caller's own, which would run the call against another namespace's service. A token
// of another namespace does not make its holder a member there: it counts as anonymous, except for "+" rules
// ("any account of any namespace"); platform admins are members everywhere.
import { MicroError } from "../rpc/errors.js";
import { MICRO_NAMESPACE } from "../wire/metadata.js";
import type { CallerAccount } from "../rpc/types.js";
import { decideAccess, isBuiltinService, needsRules } from "./policy.js";
import { DEFAULT_NAMESPACE, type Rule } from "./types.js";
import { isValidNamespace } from "./validate.js";

/** What the guard needs from an auth engine (EmbeddedAuth provides both). */
export interface GuardSource {
  /** The caller a token proves, or undefined when it does not verify. */
  verifyAccessToken(token: string): Promise<CallerAccount | undefined>;
  rulesOf(namespace: string): readonly Rule[] | Promise<readonly Rule[]>;
}

/** gRPC metadata or HTTP headers, lower-case keys. */
export type Headers = Record<string, string | string[] | undefined>;

export interface Caller {
  account?: CallerAccount;
  /** A token was presented and did not verify. */
  rejectedToken: boolean;
}

export interface AdmitRequest {
  headers: Headers;
  /** Registry name of the target service. */
  service: string;
  /** `ProtoService.Method`. */
  endpoint: string;
  /** The namespace the transport determined (e.g. the gateway's host); default: the micro-namespace header. */
  namespace?: string;
  /** A token found elsewhere (e.g. the gateway's micro-token cookie); default: from the headers. */
  token?: string;
}

export interface Admission {
  account?: CallerAccount;
  namespace: string;
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

/** The bearer token: `authorization: Bearer <jwt>`, else the `micro-token` value. A non-bearer authorization
 * yields "" (presented, but unusable). */
export function tokenFrom(headers: Headers): string | undefined {
  const auth = header(headers, "authorization");
  if (auth !== undefined) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1] : "";
  }
  return header(headers, "micro-token");
}

export async function authenticate(source: GuardSource, token: string | undefined): Promise<Caller> {
  if (token === undefined) return { rejectedToken: false };
  const account = token ? await source.verifyAccessToken(token) : undefined;
  return account ? { account, rejectedToken: false } : { rejectedToken: true };
}

/** The requested namespace (400 when malformed), else the caller's issuer, else "micro". */
export function resolveNamespace(account: CallerAccount | undefined, requested: string | undefined): string {
  if (requested) {
    if (!isValidNamespace(requested)) throw new MicroError("auth", 400, "invalid namespace: use lowercase letters, digits and dashes");
    return requested;
  }
  return account?.issuer ?? DEFAULT_NAMESPACE;
}

/** Throws the refusal (401/403 MicroError) when policy.ts says no. */
export async function authorizeCall(source: GuardSource, caller: Caller, namespace: string, service: string, endpoint: string): Promise<void> {
  const resource = { type: "service", name: service, endpoint };
  const rules = needsRules(resource) ? await source.rulesOf(namespace) : [];
  const decision = decideAccess({ account: caller.account, namespace, resource, rules, rejectedToken: caller.rejectedToken });
  if (!decision.allowed) throw new MicroError("auth", decision.code, decision.detail);
}

/** What a front door also needs from its auth engine to forward a call (EmbeddedAuth provides it). */
export interface FrontDoorSource extends GuardSource {
  callToken(namespace: string, service: string): Promise<string>;
}

export interface Forwarding extends Admission {
  /** For an anonymous call to a user service: the call token to send upstream as its Authorization (the caller's own
   * token, when it proved an account, travels as it came). */
  credential?: string;
}

/** Admission at a front door (gateway, proxy, gRPC-Web): `admit`, plus the credential the service will verify. */
export async function admitAtFrontDoor(source: FrontDoorSource, request: AdmitRequest): Promise<Forwarding> {
  const admission = await admit(source, request);
  // builtins run inside the server behind this same admission; user services verify every call themselves
  if (admission.account || isBuiltinService(request.service)) return admission;
  // spelled out: V8 (node 20) builds `{ ...admission, more }` on a slow path
  return { account: admission.account, namespace: admission.namespace, credential: await source.callToken(admission.namespace, request.service) };
}

/** All of it: who is calling, in which namespace, and may they. */
export async function admit(source: GuardSource, request: AdmitRequest): Promise<Admission> {
  const caller = await authenticate(source, request.token ?? tokenFrom(request.headers));
  const namespace = resolveNamespace(caller.account, request.namespace ?? header(request.headers, MICRO_NAMESPACE));
  await authorizeCall(source, caller, namespace, request.service, request.endpoint);
  return { account: caller.account, namespace };
}
