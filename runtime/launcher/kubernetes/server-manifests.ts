// The micro server itself on Kubernetes, with replicas against shared engines (docs/scale-out.md): a Secret with the
// engines' URLs (a PostgreSQL password is in one), a Deployment of `micro-server` replicas reading them, each pod
// advertising its own IP (MICRO_ADVERTISE_HOST) so that the others can forward runtime calls to it, and the Services
// `micro-proxy` (8081, what services' MICRO_PROXY points at by default: options.ts DEFAULT_PROXY) and `micro-api`
// (8080 HTTP/gRPC-Web, 8082 web) in front of all replicas. Pods carry the labels the tenants' NetworkPolicies admit
// (DEFAULT labels of MICRO_KUBERNETES_SERVER_LABELS). Typed with kubernetes-types like manifests.ts; toYaml
// (files.ts) writes them.
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Namespace, Secret, Service } from "kubernetes-types/core/v1.js";
import { DEFAULT_SERVER_LABELS, DEFAULT_SERVER_NAMESPACE } from "./options.js";

export interface ServerManifestOptions {
  /** An image whose PATH has `micro-server` (the micro-ts-server package's bin) and node 20. */
  image: string;
  /** The engines every replica shares: all five are required (an embedded primitive would be per pod). */
  engines: { store: string; registry: string; config: string; events: string; broker: string };
  /** Default 3. */
  replicas?: number;
  /** Default "micro" (MICRO_KUBERNETES_SERVER_NAMESPACE's default). */
  namespace?: string;
  /** MICRO_CONFIG_SECRET_KEY: every server sharing config needs the same one (docs/scale-out.md). */
  configSecretKey?: string;
}

export const SERVER_NAME = "micro-server";
const SELECTOR = { ...DEFAULT_SERVER_LABELS };
const PORTS = { proxy: 8081, api: 8080, web: 8082 } as const;

export type ServerObject = Namespace | Secret | Deployment | Service;

export function serverManifests(o: ServerManifestOptions): ServerObject[] {
  const namespace = o.namespace ?? DEFAULT_SERVER_NAMESPACE;
  const replicas = o.replicas ?? 3;
  if (!o.image) throw new Error("server manifests: image is required (one with micro-server and node 20)");
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`server manifests: replicas must be a whole number >= 1, not ${replicas}`);
  for (const [p, url] of Object.entries(o.engines)) {
    if (!url) throw new Error(`server manifests: the ${p} engine's URL is required: replicas share every primitive`);
  }
  const labels = { ...SELECTOR, "app.kubernetes.io/managed-by": "micro" };
  const secret = `${SERVER_NAME}-engines`;
  const engineEnv = {
    MICRO_STORE: o.engines.store, MICRO_REGISTRY: o.engines.registry, MICRO_CONFIG: o.engines.config,
    MICRO_EVENTS: o.engines.events, MICRO_BROKER: o.engines.broker,
    ...(o.configSecretKey ? { MICRO_CONFIG_SECRET_KEY: o.configSecretKey } : {}),
  };
  const service = (name: string, ports: Array<[string, number]>): Service => ({
    apiVersion: "v1", kind: "Service", metadata: { name, namespace, labels },
    spec: { selector: SELECTOR, ports: ports.map(([n, port]) => ({ name: n, port, targetPort: n, protocol: "TCP" })) },
  });
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name: secret, namespace, labels }, stringData: engineEnv },
    {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: SERVER_NAME, namespace, labels },
      spec: {
        replicas,
        selector: { matchLabels: SELECTOR },
        // one replica at a time: the others keep serving (the Services route only to ready pods)
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
            // a replica's data dir holds only its own signing key and local state: an emptyDir (a new key after a
            // restart is published to the shared key set; the old one ages out)
            volumes: [{ name: "data", emptyDir: {} }, { name: "tmp", emptyDir: {} }],
            containers: [{
              name: "server", image: o.image, command: ["micro-server"],
              envFrom: [{ secretRef: { name: secret } }],
              env: [
                { name: "MICRO_BIND_HOST", value: "0.0.0.0" },
                { name: "MICRO_ADVERTISE_HOST", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
                { name: "MICRO_DATA_DIR", value: "/data" },
                { name: "HOME", value: "/data" },
              ],
              ports: [
                { name: "proxy", containerPort: PORTS.proxy, protocol: "TCP" },
                { name: "api", containerPort: PORTS.api, protocol: "TCP" },
                { name: "web", containerPort: PORTS.web, protocol: "TCP" },
              ],
              readinessProbe: { tcpSocket: { port: "proxy" }, periodSeconds: 5, failureThreshold: 3 },
              livenessProbe: { tcpSocket: { port: "proxy" }, initialDelaySeconds: 30, periodSeconds: 20, failureThreshold: 3 },
              volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "tmp", mountPath: "/tmp" }],
              resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "1Gi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            }],
          },
        },
      },
    },
    service("micro-proxy", [["proxy", PORTS.proxy]]),
    service("micro-api", [["api", PORTS.api], ["web", PORTS.web]]),
  ];
}
