export { KubernetesRuntime, type KubernetesRuntimeOptions, MAX_UPLOAD_BYTES } from "./runtime.js";
export { kubernetesSettings, runtimeKind, type KubernetesSettings, type RuntimeKind, DEFAULT_PROXY,
  DEFAULT_SERVER_NAMESPACE, DEFAULT_SERVER_LABELS, DEFAULT_RUN_AS } from "./options.js";
export { TENANT_KINDS, SERVICE_ACCOUNT, type TenantPolicy } from "./tenant.js";
export { manifests, type KubeObject, type ManifestInput, SERVICE_PORT } from "./manifests.js";
export { dnsLabel, labelValue, kubeNamespace, objectName } from "./names.js";
export { checkKubectl } from "./kubectl.js";
