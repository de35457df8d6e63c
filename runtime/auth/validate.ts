// Input checks for everything that reaches the auth store: each failure is a 400 naming the field, and never
// echoes a secret back.
import { BadRequest } from "../rpc/errors.js";
import type { Access, Resource, Rule } from "./types.js";

const ERROR_ID = "auth";

/** Namespaces become host names (`ns.m3o.dev`): one DNS label. */
const NAMESPACE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Account ids: letters, digits and dashes, plus `.`, `_`, `@`, `+` so that e-mail addresses work
 * (`micro login --email`). Case-sensitive, as in Micro 3.0, whose users log in with ids like `someUsername`. */
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;
/** Account scopes; "*", "+" and "" are rule wildcards, never held by an account. */
const SCOPE = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
/** Resource parts: printable, no spaces; "*" wildcards allowed. */
const RESOURCE_PART = /^[A-Za-z0-9_.:/*-]{1,256}$/;

/** Longest secret accepted; also stops anyone making the server hash megabytes. */
export const MAX_SECRET_BYTES = 1024;

export function isValidNamespace(ns: string): boolean {
  return NAMESPACE.test(ns);
}

export function checkNamespace(ns: string, field = "namespace"): string {
  if (!NAMESPACE.test(ns)) {
    throw BadRequest(ERROR_ID, `invalid ${field}: use lowercase letters, digits and dashes (at most 63, not starting or ending with a dash)`);
  }
  return ns;
}

export function checkAccountId(id: string, field = "id"): string {
  if (!id) throw BadRequest(ERROR_ID, `${field} is required`);
  if (!ACCOUNT_ID.test(id)) {
    throw BadRequest(ERROR_ID, `invalid ${field}: use letters, digits, dashes, and . _ @ + (at most 128, starting with a letter or digit)`);
  }
  return id;
}

/** Non-empty and at most 1 KiB. The message names the field only: the value is a secret. */
export function checkSecret(secret: string, field = "secret"): string {
  if (!secret) throw BadRequest(ERROR_ID, `${field} is required`);
  if (Buffer.byteLength(secret, "utf8") > MAX_SECRET_BYTES) throw BadRequest(ERROR_ID, `${field} is too long (at most ${MAX_SECRET_BYTES} bytes)`);
  return secret;
}

export function checkAccountType(type: string | undefined): "user" | "service" {
  const t = type || "user";
  if (t !== "user" && t !== "service") throw BadRequest(ERROR_ID, `invalid type: must be "user" or "service"`);
  return t;
}

export function checkScopes(scopes: string[]): string[] {
  if (scopes.length > 32) throw BadRequest(ERROR_ID, "too many scopes (at most 32)");
  for (const s of scopes) {
    if (!SCOPE.test(s)) throw BadRequest(ERROR_ID, `invalid scope ${JSON.stringify(s.slice(0, 64))}: use lowercase letters, digits and - . _ :`);
  }
  return [...new Set(scopes)];
}

export function checkName(name: string | undefined): string {
  const n = name ?? "";
  if (n.length > 256) throw BadRequest(ERROR_ID, "name is too long (at most 256 characters)");
  return n;
}

export function checkMetadata(md: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(md ?? {});
  if (entries.length > 64) throw BadRequest(ERROR_ID, "too much metadata (at most 64 entries)");
  for (const [k, v] of entries) {
    if (!k || k.length > 128 || v.length > 1024) throw BadRequest(ERROR_ID, "metadata keys must be 1-128 characters and values at most 1024");
  }
  return Object.fromEntries(entries);
}

export function checkRuleId(id: string): string {
  if (!id) throw BadRequest(ERROR_ID, "rule id is required");
  if (!RULE_ID.test(id)) throw BadRequest(ERROR_ID, "invalid rule id: use lowercase letters, digits and - . _ (at most 128)");
  return id;
}

function checkResource(r: Partial<Resource> | undefined): Resource {
  if (!r) throw BadRequest(ERROR_ID, "rule resource is required (type:name:endpoint)");
  const out = { type: r.type || "", name: r.name || "", endpoint: r.endpoint || "" };
  for (const field of ["type", "name", "endpoint"] as const) {
    if (!RESOURCE_PART.test(out[field])) throw BadRequest(ERROR_ID, `invalid rule resource ${field}: give a name or "*"`);
  }
  return out;
}

export function checkRule(rule: { id: string; scope: string; resource?: Partial<Resource>; access: Access | "unknown"; priority: number }): Rule {
  const scope = rule.scope ?? "";
  if (scope !== "" && scope !== "*" && scope !== "+" && !SCOPE.test(scope)) {
    throw BadRequest(ERROR_ID, `invalid rule scope: "" (public), "*" (accounts of the namespace), "+" (any account) or a scope name`);
  }
  if (rule.access !== "granted" && rule.access !== "denied") throw BadRequest(ERROR_ID, "rule access must be granted or denied");
  if (!Number.isInteger(rule.priority) || Math.abs(rule.priority) > 2 ** 31 - 1) throw BadRequest(ERROR_ID, "rule priority must be a 32-bit integer");
  return { id: checkRuleId(rule.id), scope, resource: checkResource(rule.resource), access: rule.access, priority: rule.priority };
}
