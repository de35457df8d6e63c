// The objects one service becomes in Kubernetes: its tenant's Namespace, ServiceAccount and NetworkPolicy, a Secret with its service account, for an
// uploaded source a ConfigMap carrying the archive, for a service whose package.json asks the server for micro-ts a
// ConfigMap carrying that package, a Deployment (init containers fetch and build the source into
// a shared emptyDir, the main container runs it) and a ClusterIP Service in front of its gRPC port.
// Every container runs as a non-root user, without privilege escalation or capabilities, under the runtime's
// seccomp profile, on a read-only root filesystem: what it writes goes to the workspace emptyDir (HOME and the
// toolchains' caches point there) or to an emptyDir on /tmp.
// Typed with kubernetes-types, so tsc rejects a field Kubernetes does not have.
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { ConfigMap, Container, EnvVar, Namespace, PodSecurityContext, Secret, SecurityContext, Service, ServiceAccount, Volume, VolumeMount } from "kubernetes-types/core/v1.js";
import type { NetworkPolicy } from "kubernetes-types/networking/v1.js";
import type { GitSource } from "../source.js";
import type { RunSpec } from "../types.js";
import { kubeNamespace, labelValue, objectName } from "./names.js";
import { SERVICE_ACCOUNT, tenantObjects, type TenantPolicy } from "./tenant.js";
import { BUILD_SCRIPT, FRAMEWORK_MOUNT, GIT_FETCH_SCRIPT, RUN_SCRIPT, UPLOAD_FETCH_SCRIPT } from "./toolchain.js";

export type KubeObject = Namespace | ServiceAccount | NetworkPolicy | Secret | ConfigMap | Deployment | Service;

/** The port every service listens on inside its pod (MICRO_SERVICE_ADDRESS) and that its Service exposes. */
export const SERVICE_PORT = 8080;
export const LABEL = { name: "micro.mu/name", namespace: "micro.mu/namespace", version: "micro.mu/version" } as const;
export const ANNOTATION = {
  name: "micro.mu/name", namespace: "micro.mu/namespace", version: "micro.mu/version",
  source: "micro.mu/source", updated: "micro.mu/updated", envKeys: "micro.mu/env-keys",
} as const;
const WORKSPACE = "/workspace/src";

export type SourcePlan = { kind: "git"; git: GitSource } | { kind: "upload"; archive: Uint8Array };

/** The micro-ts package the server provides to the service (the rule is ../framework.ts's frameworkPlan). */
export interface FrameworkShipment {
  /** The tarball's file name, its key in the ConfigMap (micro-ts-<version>.tgz). */
  file: string;
  tarball: Uint8Array;
  /** Where package.json names micro-ts and the range the server checked. */
  field: string;
  range: string;
  /** Where the build copies it, relative to the service directory; package.json then names file:<local>. */
  local: string;
}

export interface ManifestInput {
  spec: RunSpec;
  source: SourcePlan;
  /** Image that builds and runs the service (node, golang or python). */
  image: string;
  /** Image of the init container that clones a git source. */
  gitImage: string;
  /** Address of the micro proxy as pods reach it. */
  proxy: string;
  credentials?: { id: string; secret: string };
  /** Who may reach the tenant's pods, and what they may reach. */
  network: Omit<TenantPolicy, "port">;
  /** The non-root uid and gid the containers run as. */
  runAs: { uid: number; gid: number };
  /** micro-ts for the build, when the server provides it. */
  framework?: FrameworkShipment;
  /** ISO time of this create/update: changes the pod template, so an update rolls out even from the same source. */
  updated: string;
}

export const secretName = (service: string) => `${objectName(service)}-auth`;
export const configMapName = (service: string) => `${objectName(service)}-source`;
/** (`-deps`: no longer than `-source`, which objectName leaves room for.) */
export const frameworkMapName = (service: string) => `${objectName(service)}-deps`;

export function manifests(i: ManifestInput): KubeObject[] {
  const { spec } = i;
  const ns = kubeNamespace(spec.namespace);
  const name = objectName(spec.name);
  const selector = { [LABEL.name]: labelValue(spec.name), [LABEL.namespace]: labelValue(spec.namespace) };
  const labels = { ...selector, [LABEL.version]: labelValue(spec.version), "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "micro" };
  const objects: KubeObject[] = [...tenantObjects(spec.namespace, { ...i.network, port: SERVICE_PORT })];
  if (i.credentials) {
    objects.push({
      apiVersion: "v1", kind: "Secret", type: "Opaque",
      metadata: { name: secretName(spec.name), namespace: ns, labels },
      stringData: { MICRO_AUTH_ID: i.credentials.id, MICRO_AUTH_SECRET: i.credentials.secret },
    });
  }
  // The root filesystem is read-only: the workspace and /tmp are where every step writes.
  const volumes: Volume[] = [{ name: "workspace", emptyDir: {} }, { name: "tmp", emptyDir: {} }];
  const mounts = [{ name: "workspace", mountPath: "/workspace" }, { name: "tmp", mountPath: "/tmp" }];
  let fetch: Container;
  let dir = WORKSPACE;
  if (i.source.kind === "upload") {
    objects.push({
      apiVersion: "v1", kind: "ConfigMap",
      metadata: { name: configMapName(spec.name), namespace: ns, labels },
      binaryData: { "source.tar.gz": Buffer.from(i.source.archive).toString("base64") },
    });
    volumes.push({ name: "upload", configMap: { name: configMapName(spec.name) } });
    fetch = {
      name: "fetch", image: i.image, command: ["sh", "-c", UPLOAD_FETCH_SCRIPT],
      volumeMounts: [...mounts, { name: "upload", mountPath: "/micro-upload", readOnly: true }],
      env: TOOL_ENV, resources: RESOURCES.fetch, securityContext: CONTAINER_SECURITY,
    };
  } else {
    const { git } = i.source;
    if (git.subdir) dir = `${WORKSPACE}/${git.subdir.replace(/\/+$/, "")}`;
    fetch = {
      name: "fetch", image: i.gitImage, command: ["sh", "-c", GIT_FETCH_SCRIPT],
      env: [...TOOL_ENV, { name: "MICRO_GIT_REPO", value: git.repo }, ...(git.ref ? [{ name: "MICRO_GIT_REF", value: git.ref }] : [])],
      volumeMounts: mounts, resources: RESOURCES.fetch, securityContext: CONTAINER_SECURITY,
    };
  }
  const userEnv: EnvVar[] = Object.entries(spec.env ?? {}).map(([k, v]) => ({ name: k, value: v }));
  let buildEnv = withEnv(TOOL_ENV, userEnv);
  const buildMounts: VolumeMount[] = [...mounts];
  if (i.framework) {
    // Only the build container sees it: npm install copies the package into node_modules.
    const f = i.framework;
    objects.push({
      apiVersion: "v1", kind: "ConfigMap",
      metadata: { name: frameworkMapName(spec.name), namespace: ns, labels },
      binaryData: { [f.file]: Buffer.from(f.tarball).toString("base64") },
    });
    volumes.push({ name: "framework", configMap: { name: frameworkMapName(spec.name) } });
    buildMounts.push({ name: "framework", mountPath: FRAMEWORK_MOUNT, readOnly: true });
    // after the user's env: these are the server's decision, not settings
    buildEnv = withEnv(buildEnv, [
      { name: "MICRO_FRAMEWORK_TARBALL", value: `${FRAMEWORK_MOUNT}/${f.file}` },
      { name: "MICRO_FRAMEWORK_FILE", value: f.local },
      { name: "MICRO_FRAMEWORK_FIELD", value: f.field },
      { name: "MICRO_FRAMEWORK_RANGE", value: f.range },
    ]);
  }
  const build: Container = {
    name: "build", image: i.image, command: ["sh", "-c", BUILD_SCRIPT], workingDir: dir,
    env: buildEnv, volumeMounts: buildMounts, resources: RESOURCES.build, securityContext: CONTAINER_SECURITY,
  };
  const run: Container = {
    name: "run", image: i.image, command: ["sh", "-c", RUN_SCRIPT], workingDir: dir,
    ports: [{ name: "grpc", containerPort: SERVICE_PORT, protocol: "TCP" }],
    env: serviceEnv(i, userEnv),
    // The framework serves no grpc.health.v1, so readiness is the gRPC port accepting connections.
    readinessProbe: { tcpSocket: { port: "grpc" }, initialDelaySeconds: 2, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { tcpSocket: { port: "grpc" }, initialDelaySeconds: 30, periodSeconds: 20, failureThreshold: 3 },
    volumeMounts: mounts, resources: RESOURCES.run,
    securityContext: CONTAINER_SECURITY,
  };
  const annotations = {
    [ANNOTATION.name]: spec.name, [ANNOTATION.namespace]: spec.namespace, [ANNOTATION.version]: spec.version,
    [ANNOTATION.source]: spec.source, [ANNOTATION.updated]: i.updated, [ANNOTATION.envKeys]: Object.keys(spec.env ?? {}).join(","),
  };
  objects.push({
    apiVersion: "apps/v1", kind: "Deployment",
    metadata: { name, namespace: ns, labels, annotations },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      // The new pod registers before the old one goes, as with the local runtime's update.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { [ANNOTATION.updated]: i.updated } },
        spec: {
          restartPolicy: "Always",
          // Services talk to micro, not to the Kubernetes API: no token in the pod, from an account that has none.
          serviceAccountName: SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          securityContext: podSecurity(i.runAs),
          terminationGracePeriodSeconds: 30,
          volumes, initContainers: [fetch, build], containers: [run],
        },
      },
    },
  });
  objects.push({
    apiVersion: "v1", kind: "Service",
    metadata: { name, namespace: ns, labels },
    spec: {
      type: "ClusterIP", selector,
      ports: [{ name: "grpc", port: SERVICE_PORT, targetPort: "grpc", protocol: "TCP", appProtocol: "kubernetes.io/h2c" }],
    },
  });
  return objects;
}

/** MICRO_* as LocalRuntime sets them, plus the listen address and the pod IP to advertise; user env wins. */
function serviceEnv(i: ManifestInput, userEnv: EnvVar[]): EnvVar[] {
  const secret = secretName(i.spec.name);
  const env: EnvVar[] = [
    { name: "MICRO_PROXY", value: i.proxy },
    { name: "MICRO_NAMESPACE", value: i.spec.namespace },
    { name: "MICRO_SERVICE_NAME", value: i.spec.name },
    { name: "MICRO_SERVICE_VERSION", value: i.spec.version },
    { name: "MICRO_SERVICE_ADDRESS", value: `0.0.0.0:${SERVICE_PORT}` },
    { name: "MICRO_ADVERTISE_HOST", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ...TOOL_ENV,
    ...(i.credentials ? [
      { name: "MICRO_AUTH_ID", valueFrom: { secretKeyRef: { name: secret, key: "MICRO_AUTH_ID" } } },
      { name: "MICRO_AUTH_SECRET", valueFrom: { secretKeyRef: { name: secret, key: "MICRO_AUTH_SECRET" } } },
    ] : []),
  ];
  return withEnv(env, userEnv);
}

/** `base` with the user's variables after it, a user's variable replacing the one of the same name. */
function withEnv(base: EnvVar[], userEnv: EnvVar[]): EnvVar[] {
  const overridden = new Set(userEnv.map((e) => e.name));
  return [...base.filter((e) => !overridden.has(e.name)), ...userEnv];
}

/**
 * HOME and the caches on the writable workspace: the non-root uid has no home in the images (only node's has a
 * passwd entry), and npm, go and pip write their caches under HOME, Go its modules under GOPATH (/go in its image).
 */
const TOOL_ENV: EnvVar[] = [
  { name: "HOME", value: "/workspace" },
  { name: "XDG_CACHE_HOME", value: "/workspace/.cache" },
  { name: "GOPATH", value: "/workspace/go" },
  { name: "TMPDIR", value: "/tmp" },
];

const CONTAINER_SECURITY: SecurityContext = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
};

function podSecurity(runAs: { uid: number; gid: number }): PodSecurityContext {
  if (!(runAs.uid > 0 && runAs.gid > 0)) throw new Error(`the pods' user must not be root (uid ${runAs.uid}, gid ${runAs.gid})`);
  return {
    runAsNonRoot: true, runAsUser: runAs.uid, runAsGroup: runAs.gid,
    // The emptyDirs belong to this group, so every step can write what the previous one wrote.
    fsGroup: runAs.gid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

const RESOURCES = {
  fetch: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
  build: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "2", memory: "2Gi" } },
  run: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
};
