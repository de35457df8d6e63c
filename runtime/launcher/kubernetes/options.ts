// Settings of the kubernetes runtime, from `micro server` flags or the environment.
import { isIP } from "node:net";
import { DNS_LABEL, LABEL_KEY, LABEL_VALUE } from "./names.js";

export interface KubernetesSettings {
  /** Run `kubectl apply` on create/update (and `kubectl delete` on delete); otherwise only write the manifests. */
  apply: boolean;
  /** One image for every service, instead of node:20-slim / golang:1.22 / python:3.11-slim by toolchain. */
  image?: string;
  /** Image of the init container that clones git sources (it needs git and sh). */
  gitImage: string;
  /** The micro proxy as pods reach it. */
  proxy: string;
  /** The kubectl command (looked up on PATH). */
  kubectl: string;
  /** Where the micro server's pods run: tenant NetworkPolicies admit them (and only them, besides the tenant's own). */
  server: { namespace: string; labels: Record<string, string> };
  /** CIDRs pods may reach besides the public internet, the server and DNS (an internal git host, a registry mirror). */
  egressAllow: string[];
  /** The non-root uid and gid every container runs as. */
  runAs: { uid: number; gid: number };
}

export const DEFAULT_PROXY = "micro-proxy.micro.svc.cluster.local:8081";
export const DEFAULT_GIT_IMAGE = "alpine/git";
export const DEFAULT_SERVER_NAMESPACE = "micro";
export const DEFAULT_SERVER_LABELS = { "app.kubernetes.io/name": "micro-server" };
/** The `node` user of the node images; the Go, Python and git images run it without a passwd entry. */
export const DEFAULT_RUN_AS = { uid: 1000, gid: 1000 };

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

export function kubernetesSettings(env: NodeJS.ProcessEnv = process.env, given: Partial<KubernetesSettings> = {}): KubernetesSettings {
  return {
    apply: given.apply ?? truthy(env.MICRO_KUBERNETES_APPLY),
    image: given.image ?? (env.MICRO_KUBERNETES_IMAGE || undefined),
    gitImage: given.gitImage ?? (env.MICRO_KUBERNETES_GIT_IMAGE || DEFAULT_GIT_IMAGE),
    proxy: given.proxy ?? (env.MICRO_KUBERNETES_PROXY || DEFAULT_PROXY),
    kubectl: given.kubectl ?? (env.MICRO_KUBECTL || "kubectl"),
    server: given.server ?? {
      namespace: serverNamespace(env.MICRO_KUBERNETES_SERVER_NAMESPACE || DEFAULT_SERVER_NAMESPACE),
      labels: env.MICRO_KUBERNETES_SERVER_LABELS ? parseLabels(env.MICRO_KUBERNETES_SERVER_LABELS) : { ...DEFAULT_SERVER_LABELS },
    },
    egressAllow: given.egressAllow ?? parseCidrs(env.MICRO_KUBERNETES_EGRESS_ALLOW ?? ""),
    runAs: given.runAs ?? (env.MICRO_KUBERNETES_RUN_AS ? parseRunAs(env.MICRO_KUBERNETES_RUN_AS) : { ...DEFAULT_RUN_AS }),
  };
}

function serverNamespace(raw: string): string {
  if (!DNS_LABEL.test(raw) || raw.length > 63) throw new Error(`MICRO_KUBERNETES_SERVER_NAMESPACE: "${raw}" is not a Kubernetes namespace name`);
  return raw;
}

/** `key=value,key=value`: the labels of the server's pods. */
export function parseLabels(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf("=");
    const [k, v] = eq < 0 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (v === undefined || !LABEL_KEY.test(k) || k.split("/").pop()!.length > 63 || !LABEL_VALUE.test(v) || v.length > 63) {
      throw new Error(`MICRO_KUBERNETES_SERVER_LABELS: "${pair}" is not a label key=value`);
    }
    out[k] = v;
  }
  // An empty selector would admit every pod of the server's namespace.
  if (!Object.keys(out).length) throw new Error("MICRO_KUBERNETES_SERVER_LABELS: give at least one key=value the server's pods carry");
  return out;
}

/** Comma-separated CIDRs, e.g. `10.20.0.0/16,2001:db8::/64`. */
export function parseCidrs(raw: string): string[] {
  return raw.split(",").map((c) => c.trim()).filter(Boolean).map((cidr) => {
    const [addr, bits, ...rest] = cidr.split("/");
    const family = isIP(addr);
    const max = family === 6 ? 128 : 32;
    if (!family || rest.length || !/^\d{1,3}$/.test(bits ?? "") || Number(bits) > max) {
      throw new Error(`MICRO_KUBERNETES_EGRESS_ALLOW: "${cidr}" is not a CIDR (like 10.20.0.0/16)`);
    }
    return cidr;
  });
}

/** `uid` or `uid:gid`, neither of them root. */
export function parseRunAs(raw: string): { uid: number; gid: number } {
  const m = /^(\d+)(?::(\d+))?$/.exec(raw.trim());
  const uid = Number(m?.[1]);
  const gid = Number(m?.[2] ?? m?.[1]);
  if (!m || uid === 0 || gid === 0 || uid > 2 ** 31 - 1 || gid > 2 ** 31 - 1) {
    throw new Error(`MICRO_KUBERNETES_RUN_AS: "${raw}" is not uid or uid:gid of a non-root user (both above 0)`);
  }
  return { uid, gid };
}

export type RuntimeKind = "local" | "kubernetes";

/** `--runtime` or MICRO_RUNTIME; "local" when neither is set. */
export function runtimeKind(given: string | undefined, env: NodeJS.ProcessEnv = process.env): RuntimeKind {
  const kind = given || env.MICRO_RUNTIME || "local";
  if (kind !== "local" && kind !== "kubernetes") throw new Error(`unknown runtime "${kind}": use local or kubernetes`);
  return kind;
}
