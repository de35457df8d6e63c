export { KubernetesRuntime, type KubernetesRuntimeOptions, MAX_UPLOAD_BYTES } from "./runtime.js";
export { kubernetesSettings, runtimeKind, type KubernetesSettings, type RuntimeKind, DEFAULT_PROXY } from "./options.js";
export { manifests, type KubeObject, type ManifestInput, SERVICE_PORT } from "./manifests.js";
export { dnsLabel, labelValue, kubeNamespace, objectName } from "./names.js";
export { checkKubectl } from "./kubectl.js";
