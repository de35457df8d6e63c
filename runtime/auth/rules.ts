// Micro 3.0's rule evaluation, as a pure function: the rules matching the resource, sorted by priority (high
// first, stable), and the first one that applies to the caller decides; when none does, access is denied.
import type { Access, Resource, Rule } from "./types.js";

/** The parts of an account rules look at. */
export interface RuleSubject {
  issuer: string;
  scopes: string[];
}

/** Scope of rules that apply to everyone, signed in or not. */
export const SCOPE_PUBLIC = "";
/** Scope of rules that apply to any account of the namespace. */
export const SCOPE_ACCOUNT = "*";
/** Scope of rules that apply to any account of any namespace. */
export const SCOPE_ANY_NAMESPACE = "+";

/**
 * Decides access as Micro 3.0 does, with one difference: an account of another namespace counts as anonymous
 * (it matches public and "+" rules only) where 3.19 refused it at the first other rule — so a signed-in
 * stranger never gets less than an anonymous caller (the gateway's rule: "another issuer counts as anonymous").
 */
export function authorize(rules: readonly Rule[], account: RuleSubject | undefined, resource: Resource, namespace: string): Access {
  const member = !!account && account.issuer === namespace;
  const matching = rules.filter((r) => matchesResource(r.resource, resource)).sort((a, b) => b.priority - a.priority);
  for (const rule of matching) {
    if (appliesTo(rule.scope, account, member)) return rule.access;
  }
  return "denied";
}

function appliesTo(scope: string, account: RuleSubject | undefined, member: boolean): boolean {
  if (scope === SCOPE_PUBLIC) return true;
  if (!account) return false;
  if (scope === SCOPE_ANY_NAMESPACE) return true;
  if (!member) return false;
  if (scope === SCOPE_ACCOUNT) return true;
  return account.scopes.includes(scope);
}

export function matchesResource(pattern: Resource, resource: Resource): boolean {
  return wildcardMatch(pattern.type, resource.type) && wildcardMatch(pattern.name, resource.name) && wildcardMatch(pattern.endpoint, resource.endpoint);
}

/** "*" alone matches anything; elsewhere `*` matches any run of characters ("Helloworld.*", "/foo/*", "v1.*").
 * Case-insensitive, as Micro compares. */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  if (!p.includes("*")) return p === v;
  const parts = p.split("*");
  if (!v.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = v.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return v.length - at >= last.length && v.endsWith(last);
}

/** The rule every namespace gets on creation: its own services, every endpoint, public. policy.ts keeps the
 * builtin services out of reach of any rule, this one included. */
export function defaultRule(): Rule {
  return { id: "default", scope: SCOPE_PUBLIC, resource: { type: "service", name: "*", endpoint: "*" }, access: "granted", priority: 0 };
}

/** Broker topic (in the namespace whose rules changed) on which a rule's creation or deletion is announced: the
 * namespace's services drop the rules they cached (runtime/service/verify.ts). The body is the namespace. Anyone of
 * the namespace may publish there too; a spurious announcement costs one refetch of the rules. */
export const RULES_CHANGED_TOPIC = "micro.auth.rules";
