// The kubernetes runtime's hardening, checked on the manifests it writes: a NetworkPolicy per tenant namespace that
// admits only the micro server's pods and the tenant's own (judged by an evaluator of NetworkPolicy semantics), and
// pods that run unprivileged with no service-account token. Also: the checks themselves fail a loosened manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { NetworkPolicy } from "kubernetes-types/networking/v1.js";
import { listManifests } from "../../runtime/launcher/kubernetes/files.js";
import {
  DEFAULT_RUN_AS, DEFAULT_SERVER_LABELS, DEFAULT_SERVER_NAMESPACE, KubernetesRuntime, kubernetesSettings, kubeNamespace,
  type KubeObject, type KubernetesSettings,
} from "../../runtime/launcher/kubernetes/index.js";
import { allows, checkPolicy, checkService, type Endpoint, type Expect, upload } from "./kubernetes-check.js";

const CREDS = { id: "service.x", secret: "s3cret-value-for-test" };

/** Runs `services` (tenant, name, toolchain) through a runtime with `settings`, returns every written file by tenant. */
async function written(settings: KubernetesSettings, services: Array<[string, string, "node" | "go" | "python"]>) {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-policy-"));
  try {
    const rt = new KubernetesRuntime({ ...settings, dataDir, credentials: async () => CREDS });
    for (const [tenant, name, kind] of services) {
      await rt.create({ name, version: "v1", namespace: tenant, source: (await upload(dataDir, kind)).source });
    }
    const out = new Map<string, KubeObject[][]>();
    for (const tenant of new Set(services.map(([t]) => t))) out.set(tenant, await listManifests(dataDir, tenant));
    return out;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const policyOf = (objects: KubeObject[]) => objects.find((o): o is NetworkPolicy => o.kind === "NetworkPolicy")!;
const podLabelsOf = (objects: KubeObject[]) => objects.find((o): o is Deployment => o.kind === "Deployment")!.spec!.template.metadata!.labels!;

test("kubernetes manifests: every service runs unprivileged, and each tenant namespace admits only the server's pods and its own", async () => {
  const services: Array<[string, string, "node" | "go" | "python"]> = [
    ["micro", "greeter", "node"], ["micro", "store-svc", "go"], ["acme", "orders", "python"], ["acme", "billing", "node"], ["beta", "orders", "go"],
  ];
  const byTenant = await written(kubernetesSettings({}), services);
  assert.equal([...byTenant.values()].flat().length, services.length, "one file per service");
  for (const [tenant, files] of byTenant) {
    const checked = files.map((objects) => checkService(objects, tenant));
    // The tenant-wide objects are the same in every service file, so applying any one of them leaves the same wall.
    for (const c of checked.slice(1)) {
      assert.deepEqual(c.policy, checked[0].policy, `${tenant}: one NetworkPolicy for the namespace`);
      assert.deepEqual(c.serviceAccount, checked[0].serviceAccount);
    }
    assert.equal(checked[0].policy.metadata?.namespace, kubeNamespace(tenant));
    const sc = checked[0].deployment.spec!.template.spec!.securityContext!;
    assert.deepEqual([sc.runAsUser, sc.runAsGroup], [DEFAULT_RUN_AS.uid, DEFAULT_RUN_AS.gid], "the node image's user, 1000:1000");
  }

  // Across tenants, with the real namespaces and pod labels the runtime wrote: acme's and beta's services cannot
  // reach each other in either direction, though both have a service named "orders".
  const acme = byTenant.get("acme")![0];
  const beta = byTenant.get("beta")![0];
  const podOf = (tenant: string, objects: KubeObject[], ip: string): Endpoint => ({ namespace: kubeNamespace(tenant), podLabels: podLabelsOf(objects), ip });
  const acmePod = podOf("acme", acme, "10.1.0.4");
  const betaPod = podOf("beta", beta, "10.2.0.4");
  assert.ok(!allows(policyOf(acme), "ingress", betaPod, 8080), "beta's pod cannot connect to acme's");
  assert.ok(!allows(policyOf(beta), "egress", acmePod, 8080), "beta's pod may not send to acme's");
  assert.ok(!allows(policyOf(acme), "ingress", { ...betaPod, namespaceLabels: { "micro.mu/namespace": "acme" } }, 8080),
    "a namespace labelled like the tenant is still not the tenant's namespace");
  assert.ok(allows(policyOf(acme), "ingress", podOf("acme", byTenant.get("acme")![1], "10.1.0.5"), 8080), "acme's services reach each other");
});

test("kubernetes settings: the server's namespace and labels, extra egress and the pods' user are configurable and checked", async () => {
  const settings = kubernetesSettings({
    MICRO_KUBERNETES_SERVER_NAMESPACE: "platform", MICRO_KUBERNETES_SERVER_LABELS: "app=micro, tier=control",
    MICRO_KUBERNETES_EGRESS_ALLOW: "10.20.0.0/16,fd12:3456::/48", MICRO_KUBERNETES_RUN_AS: "2000:3000",
  });
  assert.deepEqual(settings.server, { namespace: "platform", labels: { app: "micro", tier: "control" } });
  assert.deepEqual(settings.egressAllow, ["10.20.0.0/16", "fd12:3456::/48"]);
  assert.deepEqual(settings.runAs, { uid: 2000, gid: 3000 });
  const defaults = kubernetesSettings({});
  assert.deepEqual(defaults.server, { namespace: DEFAULT_SERVER_NAMESPACE, labels: DEFAULT_SERVER_LABELS });
  assert.deepEqual([defaults.egressAllow, defaults.runAs], [[], DEFAULT_RUN_AS]);
  assert.deepEqual(kubernetesSettings({ MICRO_KUBERNETES_RUN_AS: "4242" }).runAs, { uid: 4242, gid: 4242 });

  const expect: Expect = { server: settings.server, uid: 2000, gid: 3000 };
  const [objects] = (await written(settings, [["acme", "orders", "go"]])).get("acme")!;
  const { policy } = checkService(objects, "acme", expect);
  assert.ok(allows(policy, "ingress", { namespace: "platform", podLabels: { app: "micro", tier: "control" }, ip: "10.0.0.2" }, 8080));
  assert.ok(!allows(policy, "ingress", { namespace: "platform", podLabels: { app: "micro" }, ip: "10.0.0.3" }, 8080), "every label must match");
  assert.ok(!allows(policy, "ingress", { namespace: "micro", podLabels: DEFAULT_SERVER_LABELS, ip: "10.0.0.4" }, 8080), "the default server no longer");
  assert.ok(allows(policy, "egress", { namespace: "", ip: "10.20.3.4" }, 443), "the extra CIDR (an internal git host)");
  assert.ok(allows(policy, "egress", { namespace: "", ip: "fd12:3456::9" }, 22));
  assert.ok(!allows(policy, "egress", { namespace: "", ip: "10.21.0.1" }, 443), "not beyond it");

  const bad: Array<[string, string, RegExp]> = [
    ["MICRO_KUBERNETES_SERVER_NAMESPACE", "Not_A_Namespace", /MICRO_KUBERNETES_SERVER_NAMESPACE: "Not_A_Namespace"/],
    ["MICRO_KUBERNETES_SERVER_LABELS", "app", /MICRO_KUBERNETES_SERVER_LABELS: "app" is not a label/],
    ["MICRO_KUBERNETES_SERVER_LABELS", "app=has space", /"app=has space"/],
    ["MICRO_KUBERNETES_SERVER_LABELS", ",", /at least one key=value/],
    ["MICRO_KUBERNETES_EGRESS_ALLOW", "10.0.0.0", /"10.0.0.0" is not a CIDR/],
    ["MICRO_KUBERNETES_EGRESS_ALLOW", "10.0.0.0/33", /"10.0.0.0\/33"/],
    ["MICRO_KUBERNETES_EGRESS_ALLOW", "example.com/8", /"example.com\/8"/],
    ["MICRO_KUBERNETES_RUN_AS", "0", /non-root/],
    ["MICRO_KUBERNETES_RUN_AS", "1000:0", /"1000:0"/],
    ["MICRO_KUBERNETES_RUN_AS", "node", /"node"/],
  ];
  for (const [name, value, message] of bad) assert.throws(() => kubernetesSettings({ [name]: value }), message, `${name}=${value}`);
});

test("kubernetes manifest checks fail a loosened policy or an unhardened pod", async () => {
  const [objects] = (await written(kubernetesSettings({}), [["acme", "orders", "node"]])).get("acme")!;
  const ns = kubeNamespace("acme");
  checkService(objects, "acme");
  // Each change opens a hole the checks must catch.
  const policyHoles: Array<[string, (p: NetworkPolicy) => void]> = [
    ["the server peer matches every namespace", (p) => { p.spec!.ingress![0].from![1].namespaceSelector = {}; }],
    ["the server peer matches every pod of its namespace", (p) => { p.spec!.ingress![0].from![1].podSelector = {}; }],
    ["ingress from anywhere", (p) => { delete p.spec!.ingress![0].from; }],
    ["no egress policy", (p) => { p.spec!.policyTypes = ["Ingress"]; }],
    ["egress to private ranges", (p) => { delete p.spec!.egress![2].to![0].ipBlock!.except; }],
    ["egress to every namespace", (p) => { p.spec!.egress!.push({ to: [{ namespaceSelector: {} }] }); }],
    ["ingress on every port", (p) => { delete p.spec!.ingress![0].ports; }],
  ];
  for (const [hole, open] of policyHoles) {
    const policy = structuredClone(policyOf(objects));
    open(policy);
    assert.throws(() => checkPolicy(policy, ns), assert.AssertionError, hole);
  }
  const podHoles: Array<[string, (d: Deployment) => void]> = [
    ["token mounted", (d) => { d.spec!.template.spec!.automountServiceAccountToken = true; }],
    ["root user", (d) => { d.spec!.template.spec!.securityContext!.runAsUser = 0; }],
    ["runAsNonRoot off", (d) => { d.spec!.template.spec!.securityContext!.runAsNonRoot = false; }],
    ["no seccomp", (d) => { delete d.spec!.template.spec!.securityContext!.seccompProfile; }],
    ["escalation in an init container", (d) => { d.spec!.template.spec!.initContainers![1].securityContext = { ...d.spec!.template.spec!.initContainers![1].securityContext, allowPrivilegeEscalation: true }; }],
    ["a capability added", (d) => { d.spec!.template.spec!.containers[0].securityContext = { ...d.spec!.template.spec!.containers[0].securityContext, capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } }; }],
    ["writable root", (d) => { d.spec!.template.spec!.containers[0].securityContext = { ...d.spec!.template.spec!.containers[0].securityContext, readOnlyRootFilesystem: false }; }],
    ["HOME on the read-only root", (d) => { d.spec!.template.spec!.containers[0].env!.find((e) => e.name === "HOME")!.value = "/root"; }],
  ];
  for (const [hole, open] of podHoles) {
    const copy = structuredClone(objects);
    open(copy.find((o): o is Deployment => o.kind === "Deployment")!);
    assert.throws(() => checkService(copy, "acme"), assert.AssertionError, hole);
  }
  const lax = structuredClone(objects);
  delete lax.find((o) => o.kind === "Namespace")!.metadata!.labels!["pod-security.kubernetes.io/enforce"];
  assert.throws(() => checkService(lax, "acme"), /restricted Pod Security Standard/, "a namespace without pod security enforcement");
  const noPolicy = objects.filter((o) => o.kind !== "NetworkPolicy");
  assert.throws(() => checkService(noPolicy, "acme"), /NetworkPolicy/, "a service file without the tenant's policy");
});
