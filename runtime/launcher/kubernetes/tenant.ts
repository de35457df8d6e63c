// The objects a tenant's Kubernetes namespace has once, whichever service brought it: the Namespace (enforcing the
// restricted Pod Security Standard), a
// ServiceAccount that carries no API token, and the NetworkPolicy that walls the namespace off. Every service file
// repeats them identically (so each file applies on its own); deleting a service leaves them to the tenant's others.
import type { NetworkPolicy, NetworkPolicyPeer } from "kubernetes-types/networking/v1.js";
import type { Namespace, ServiceAccount } from "kubernetes-types/core/v1.js";
import { kubeNamespace, labelValue } from "./names.js";

export const SERVICE_ACCOUNT = "micro-service";
export const NETWORK_POLICY = "micro-tenant";
/** Kinds shared by the tenant's services: `micro kill` of one service does not delete them. */
export const TENANT_KINDS: ReadonlySet<string> = new Set(["Namespace", "ServiceAccount", "NetworkPolicy"]);
export const POD_SECURITY = "pod-security.kubernetes.io/enforce";
/** Set by the API server on every namespace (Kubernetes 1.21+) and not changeable by its users. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Address space the pods may not reach except through the rules above it: private and shared ranges (where the
 * cluster's pods, services, nodes and API server live) and link-local (the cloud metadata endpoint).
 */
export const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];
export const PRIVATE_V6 = ["fc00::/7", "fe80::/10"];

export interface TenantPolicy {
  /** The namespace and pod labels of the micro server. */
  server: { namespace: string; labels: Record<string, string> };
  /** Extra CIDRs the pods may reach. */
  egressAllow: string[];
  /** The port the services listen on. */
  port: number;
}

export function tenantObjects(tenant: string, p: TenantPolicy): [Namespace, ServiceAccount, NetworkPolicy] {
  const ns = kubeNamespace(tenant);
  const labels = { "micro.mu/namespace": labelValue(tenant), "app.kubernetes.io/managed-by": "micro" };
  // namespaceSelector and podSelector in one peer: pods with the server's labels *in* the server's namespace only.
  const server: NetworkPolicyPeer = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: p.server.namespace } },
    podSelector: { matchLabels: { ...p.server.labels } },
  };
  // A podSelector alone selects in the policy's own namespace: the tenant's own pods.
  const own: NetworkPolicyPeer = { podSelector: {} };
  return [
    // Pod Security Admission holds every pod of the namespace to the "restricted" standard, which the pods meet:
    // the API server refuses a pod that runs as root or keeps privileges, whoever creates it.
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { ...labels, [POD_SECURITY]: "restricted" } } },
    {
      apiVersion: "v1", kind: "ServiceAccount", metadata: { name: SERVICE_ACCOUNT, namespace: ns, labels },
      // Services talk to micro, not to the Kubernetes API.
      automountServiceAccountToken: false,
    },
    {
      apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: NETWORK_POLICY, namespace: ns, labels },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [own, server], ports: [{ protocol: "TCP", port: p.port }] }],
        egress: [
          // DNS wherever the cluster's resolver is (kube-dns, NodeLocal DNSCache on a link-local address).
          { ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
          // The server (its proxy; every port, since a Service in front of it may map ports) and the tenant's own.
          { to: [own, server] },
          // The internet, for git clones, package registries and the APIs services call; not other tenants' pods.
          { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_V4 } }, { ipBlock: { cidr: "::/0", except: PRIVATE_V6 } }] },
          ...(p.egressAllow.length ? [{ to: p.egressAllow.map((cidr) => ({ ipBlock: { cidr } })) }] : []),
        ],
      },
    },
  ];
}
