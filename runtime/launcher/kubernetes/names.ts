// Kubernetes names from Micro names. Object names must be DNS labels (a Service's even an RFC 1035 one: a letter
// first), label values have their own alphabet. When a name has to change to fit, a short hash of the original
// keeps two different Micro names from landing on the same Kubernetes name.
import { createHash } from "node:crypto";

/** RFC 1035 label: valid for every kind of object we emit (it is also a DNS-1123 label and subdomain). */
export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** A label value: empty, or up to 63 of [A-Za-z0-9-_.] starting and ending alphanumeric. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of [A-Za-z0-9-_.]. */
export const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Object names get these suffixes (Secret, ConfigMap), so the base name leaves room for them. */
export const MAX_BASE = 63 - "-source".length;

function shortHash(raw: string): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 6);
}

function fit(cleaned: string, raw: string, max: number, valid: RegExp, trimEnd: RegExp): string {
  if (cleaned === raw && cleaned.length <= max && valid.test(cleaned)) return cleaned;
  const suffix = `-${shortHash(raw)}`;
  const head = cleaned.slice(0, max - suffix.length).replace(trimEnd, "");
  return `${head}${suffix}`.replace(/^-/, "");
}

/** A DNS label for `raw`, at most `max` characters: lowercased, other characters turned to dashes, a letter first. */
export function dnsLabel(raw: string, max = 63): string {
  let cleaned = raw.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(cleaned)) cleaned = `m-${cleaned}`.replace(/-+$/, "");
  const out = fit(cleaned, raw, max, DNS_LABEL, /-+$/);
  // A hash may start with a digit when nothing else is left.
  return /^[a-z]/.test(out) ? out : `m${out}`.slice(0, max);
}

export function labelValue(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return fit(cleaned, raw, 63, LABEL_VALUE, /[^A-Za-z0-9]+$/);
}

/** The Kubernetes namespace of a Micro tenant namespace: `micro-<tenant>`. */
export function kubeNamespace(tenant: string): string {
  return dnsLabel(`micro-${tenant}`);
}

/** The base name of a service's objects (Deployment and Service; `-auth` Secret, `-source` ConfigMap). */
export function objectName(service: string): string {
  return dnsLabel(service, MAX_BASE);
}
