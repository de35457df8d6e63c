// Between the auth types (types.ts) and proto/auth messages, for the handler and the remote client.
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  Access as AccessPb, type Account as AccountPb, type AccountSchema, type Rule as RulePb, type RuleSchema, type Token as TokenPb, type TokenSchema,
} from "../gen/auth/auth_pb.js";
import { BadRequest } from "../rpc/errors.js";
import type { Access, Account, Rule, Token } from "./types.js";

export function accessFromProto(a: AccessPb): Access | "unknown" {
  return a === AccessPb.GRANTED ? "granted" : a === AccessPb.DENIED ? "denied" : "unknown";
}

export function accessToProto(a: Access): AccessPb {
  return a === "granted" ? AccessPb.GRANTED : AccessPb.DENIED;
}

/** Not yet validated beyond the access value: the engine checks the rest. */
export function ruleFromProto(r: RulePb | undefined): Rule {
  const access = accessFromProto(r?.access ?? AccessPb.UNKNOWN);
  if (access === "unknown") throw BadRequest("auth", "rule access must be granted or denied");
  return {
    id: r?.id ?? "", scope: r?.scope ?? "", priority: r?.priority ?? 0,
    resource: { type: r?.resource?.type ?? "", name: r?.resource?.name ?? "", endpoint: r?.resource?.endpoint ?? "" },
    access,
  };
}

export function ruleToProto(r: Rule): MessageInitShape<typeof RuleSchema> {
  return { id: r.id, scope: r.scope, priority: r.priority, resource: { ...r.resource }, access: accessToProto(r.access) };
}

/** `secret` only for Generate's reply. */
export function accountToProto(a: Account, secret = ""): MessageInitShape<typeof AccountSchema> {
  return { id: a.id, type: a.type, issuer: a.issuer, scopes: a.scopes, metadata: a.metadata, name: a.name, secret };
}

export function accountFromProto(a: AccountPb | undefined): Account {
  return { id: a?.id ?? "", type: a?.type ?? "", issuer: a?.issuer ?? "", scopes: [...(a?.scopes ?? [])], metadata: { ...a?.metadata }, name: a?.name ?? "" };
}

export function tokenToProto(t: Token): MessageInitShape<typeof TokenSchema> {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, created: BigInt(t.created), expiry: BigInt(t.expiry) };
}

export function tokenFromProto(t: TokenPb | undefined): Token {
  return { accessToken: t?.accessToken ?? "", refreshToken: t?.refreshToken ?? "", created: Number(t?.created ?? 0n), expiry: Number(t?.expiry ?? 0n) };
}
