// Settings of the kubernetes runtime, from `micro server` flags or the environment.
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
}

export const DEFAULT_PROXY = "micro-proxy.micro.svc.cluster.local:8081";
export const DEFAULT_GIT_IMAGE = "alpine/git";

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

export function kubernetesSettings(env: NodeJS.ProcessEnv = process.env, given: Partial<KubernetesSettings> = {}): KubernetesSettings {
  return {
    apply: given.apply ?? truthy(env.MICRO_KUBERNETES_APPLY),
    image: given.image ?? (env.MICRO_KUBERNETES_IMAGE || undefined),
    gitImage: given.gitImage ?? (env.MICRO_KUBERNETES_GIT_IMAGE || DEFAULT_GIT_IMAGE),
    proxy: given.proxy ?? (env.MICRO_KUBERNETES_PROXY || DEFAULT_PROXY),
    kubectl: given.kubectl ?? (env.MICRO_KUBECTL || "kubectl"),
  };
}

export type RuntimeKind = "local" | "kubernetes";

/** `--runtime` or MICRO_RUNTIME; "local" when neither is set. */
export function runtimeKind(given: string | undefined, env: NodeJS.ProcessEnv = process.env): RuntimeKind {
  const kind = given || env.MICRO_RUNTIME || "local";
  if (kind !== "local" && kind !== "kubernetes") throw new Error(`unknown runtime "${kind}": use local or kubernetes`);
  return kind;
}
