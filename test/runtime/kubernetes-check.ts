// Test support for the kubernetes runtime: strict structural checks of emitted manifests (names, labels,
// selectors, ports, env references, volumes, the tenant's NetworkPolicy and every container's security settings),
// an evaluator of NetworkPolicy rules, and a fake kubectl that records what it is asked.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { BlockList, isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { ConfigMap, Container, Namespace, PodSpec, Secret, Service, ServiceAccount } from "kubernetes-types/core/v1.js";
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from "kubernetes-types/networking/v1.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { uploadPath } from "../../runtime/launcher/source.js";
import { DEFAULT_SERVER_LABELS, DEFAULT_SERVER_NAMESPACE, type KubeObject } from "../../runtime/launcher/kubernetes/index.js";

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const KINDS: Record<string, string> = {
  Namespace: "v1", ServiceAccount: "v1", NetworkPolicy: "networking.k8s.io/v1", Secret: "v1", ConfigMap: "v1", Service: "v1", Deployment: "apps/v1",
};

export interface Checked {
  namespace: Namespace; serviceAccount: ServiceAccount; policy: NetworkPolicy;
  secret?: Secret; deployment: Deployment; service: Service;
  /** The uploaded source's ConfigMap (…-source) and the one carrying the micro-ts the server provides (…-deps). */
  configMap?: ConfigMap; frameworkMap?: ConfigMap;
}

/** What checkService expects of the cluster settings (the defaults unless a test changed them). */
export interface Expect { server: { namespace: string; labels: Record<string, string> }; uid?: number; gid?: number }
const DEFAULT_EXPECT: Expect = { server: { namespace: DEFAULT_SERVER_NAMESPACE, labels: DEFAULT_SERVER_LABELS } };

// A NetworkPolicy evaluator, as the API documents the semantics: a peer with only podSelector selects pods of the
// policy's namespace; with namespaceSelector too, pods of the selected namespaces; ipBlock matches by address (and,
// CNI-dependent, may also match pods: taken as matching them, the stricter reading). Rules are ORed; an absent
// `from`/`to` or `ports` matches everything.
export interface Endpoint { namespace: string; namespaceLabels?: Record<string, string>; podLabels?: Record<string, string>; ip: string }

function selects(sel: LabelSelector, labels: Record<string, string>): boolean {
  // Only matchLabels is emitted; matchExpressions would need evaluating, so it fails the check instead.
  assert.equal(sel.matchExpressions, undefined, "selectors use matchLabels only");
  return Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

function inBlock(ip: string, cidr: string, except: string[] = []): boolean {
  const family = (a: string) => (isIP(a) === 6 ? "ipv6" : "ipv4");
  const contains = (c: string) => {
    const [net, bits] = c.split("/");
    if (family(net) !== family(ip)) return false;
    const list = new BlockList();
    list.addSubnet(net, Number(bits), family(net));
    return list.check(ip, family(ip));
  };
  return contains(cidr) && !except.some(contains);
}

function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, e: Endpoint): boolean {
  if (peer.ipBlock) return inBlock(e.ip, peer.ipBlock.cidr, peer.ipBlock.except);
  const nsLabels = { ...e.namespaceLabels, "kubernetes.io/metadata.name": e.namespace };
  const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, nsLabels) : e.namespace === policyNamespace;
  return nsOk && (peer.podSelector ? selects(peer.podSelector, e.podLabels ?? {}) : true);
}

function portMatches(ports: NetworkPolicyPort[] | undefined, port: number, protocol: string): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => (p.protocol ?? "TCP") === protocol && (p.port === undefined || p.port === port));
}

/** Whether `policy` lets `peer` connect in (ingress) to, or be reached out (egress) from, the namespace's pods. */
export function allows(policy: NetworkPolicy, direction: "ingress" | "egress", peer: Endpoint, port: number, protocol = "TCP"): boolean {
  const spec = policy.spec!;
  assert.deepEqual(spec.podSelector, {}, "the policy covers every pod of the namespace");
  const type = direction === "ingress" ? "Ingress" : "Egress";
  if (!spec.policyTypes?.includes(type)) return true;
  const ns = policy.metadata!.namespace!;
  const rules = direction === "ingress"
    ? (spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
    : (spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  return rules.some((r) => (!r.peers?.length || r.peers.some((p) => peerMatches(p, ns, peer))) && portMatches(r.ports, port, protocol));
}

/** The policy of a tenant namespace admits what it must and nothing else, judged by the evaluator above. */
export function checkPolicy(policy: NetworkPolicy, tenantNs: string, expect: Expect = DEFAULT_EXPECT): void {
  assert.deepEqual(policy.spec?.policyTypes, ["Ingress", "Egress"], "default deny both ways, the rules the exceptions");
  const server: Endpoint = { namespace: expect.server.namespace, podLabels: expect.server.labels, ip: "10.0.0.5" };
  const own: Endpoint = { namespace: tenantNs, podLabels: { "micro.mu/name": "other" }, ip: "10.0.1.7" };
  const otherTenant: Endpoint = { namespace: "micro-intruder", podLabels: { ...expect.server.labels, "micro.mu/name": "x" }, ip: "10.0.2.9" };
  const serverNsOtherPod: Endpoint = { namespace: expect.server.namespace, podLabels: { app: "something-else" }, ip: "10.0.0.6" };
  const outside: Endpoint = { namespace: "", ip: "203.0.113.10" };
  const allowed = (d: "ingress" | "egress", e: Endpoint, port: number, proto = "TCP") => allows(policy, d, e, port, proto);

  assert.ok(allowed("ingress", server, 8080), "the server's pods reach the services");
  assert.ok(allowed("ingress", own, 8080), "the tenant's own pods reach its services");
  assert.ok(!allowed("ingress", otherTenant, 8080), "another tenant's pod (even with the server's labels) is refused");
  assert.ok(!allowed("ingress", serverNsOtherPod, 8080), "another pod of the server's namespace is refused");
  assert.ok(!allowed("ingress", outside, 8080), "an address outside the cluster is refused");
  assert.ok(!allowed("ingress", server, 22), "only the service port is open");
  for (const peer of policy.spec!.ingress!.flatMap((r) => r.from ?? [])) assert.equal(peer.ipBlock, undefined, "no ipBlock in ingress");

  assert.ok(allowed("egress", { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, ip: "10.96.0.10" }, 53, "UDP"), "DNS");
  assert.ok(allowed("egress", server, 8081), "the server's proxy");
  assert.ok(allowed("egress", own, 8080), "the tenant's own services");
  assert.ok(!allowed("egress", otherTenant, 8080), "not another tenant's pods");
  assert.ok(!allowed("egress", serverNsOtherPod, 8080), "not the rest of the server's namespace");
  assert.ok(!allowed("egress", { namespace: "", ip: "169.254.169.254" }, 80), "not the cloud metadata endpoint");
  assert.ok(!allowed("egress", { namespace: "default", ip: "10.96.0.1" }, 443), "not the Kubernetes API");
  assert.ok(!allowed("egress", { namespace: "", ip: "fd00::1" }, 443), "not private IPv6");
  assert.ok(allowed("egress", { namespace: "", ip: "140.82.112.3" }, 443), "the internet (git hosts, package registries)");
  assert.ok(allowed("egress", { namespace: "", ip: "2606:4700::1111" }, 443), "the internet over IPv6");
}

/** Every container runs unprivileged on a read-only root, writing only to the emptyDirs. */
function checkSecurity(pod: PodSpec, serviceAccount: ServiceAccount, expect: Expect): void {
  assert.equal(pod.automountServiceAccountToken, false, "no service account token in the pod");
  assert.equal(pod.serviceAccountName, serviceAccount.metadata?.name, "the pod uses the tenant's ServiceAccount");
  assert.equal(serviceAccount.automountServiceAccountToken, false, "the ServiceAccount mounts no token either");
  const sc = pod.securityContext ?? {};
  assert.equal(sc.runAsNonRoot, true, "pod runAsNonRoot");
  assert.ok(sc.runAsUser! > 0 && sc.runAsGroup! > 0, `pod runs as a non-root uid/gid (${sc.runAsUser}:${sc.runAsGroup})`);
  if (expect.uid !== undefined) assert.deepEqual([sc.runAsUser, sc.runAsGroup], [expect.uid, expect.gid ?? expect.uid]);
  assert.equal(sc.fsGroup, sc.runAsGroup, "emptyDirs belong to the pod's group");
  assert.deepEqual(sc.seccompProfile, { type: "RuntimeDefault" });
  assert.equal(pod.hostNetwork ?? false, false);
  assert.equal(pod.hostPID ?? false, false);
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const s = c.securityContext ?? {};
    assert.equal(s.allowPrivilegeEscalation, false, `${c.name}: allowPrivilegeEscalation`);
    assert.equal(s.privileged ?? false, false, `${c.name}: not privileged`);
    assert.equal(s.readOnlyRootFilesystem, true, `${c.name}: read-only root filesystem`);
    assert.deepEqual(s.capabilities, { drop: ["ALL"] }, `${c.name}: every capability dropped, none added`);
    assert.notEqual(s.runAsNonRoot, false, `${c.name}: runAsNonRoot not undone`);
    assert.ok(s.runAsUser === undefined || s.runAsUser > 0, `${c.name}: not root`);
    // With the root read-only, HOME and /tmp must be writable mounts.
    const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.mountPath, m]));
    const writable = (path: string) => [...mounts.values()].some((m) => !m.readOnly && (path === m.mountPath || path.startsWith(`${m.mountPath}/`)));
    const home = (c.env ?? []).find((e) => e.name === "HOME")?.value;
    assert.ok(home && writable(home), `${c.name}: HOME (${home}) on a writable volume`);
    assert.ok(writable("/tmp"), `${c.name}: /tmp writable`);
    for (const e of c.env ?? []) {
      if (["XDG_CACHE_HOME", "GOPATH", "TMPDIR"].includes(e.name)) assert.ok(e.value && writable(e.value), `${c.name}: ${e.name} writable`);
    }
  }
  for (const v of pod.volumes ?? []) assert.equal(v.hostPath, undefined, `volume ${v.name}: no hostPath`);
}

function checkLabels(labels: Record<string, string> | undefined, where: string): void {
  assert.ok(labels && Object.keys(labels).length > 0, `${where}: labels`);
  for (const [k, v] of Object.entries(labels)) {
    assert.match(k, LABEL_KEY, `${where}: label key ${k}`);
    assert.ok(k.split("/").pop()!.length <= 63, `${where}: label key ${k} too long`);
    assert.match(v, LABEL_VALUE, `${where}: label ${k}=${v}`);
    assert.ok(v.length <= 63, `${where}: label value ${v} too long`);
  }
}

/** Milli-units of a CPU quantity or bytes of a memory quantity (the suffixes the manifests use). */
function quantity(q: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(q));
  assert.ok(m, `quantity ${q}`);
  const scale: Record<string, number> = { m: 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
  return Number(m[1]) * (m[2] ? scale[m[2]] : 1000);
}

function checkContainer(c: Container, volumes: Set<string>, where: string): void {
  assert.match(c.name, DNS_LABEL, `${where}: container name`);
  assert.ok(c.image && !/\s/.test(c.image), `${where}: image`);
  for (const m of c.volumeMounts ?? []) assert.ok(volumes.has(m.name), `${where}: mount of unknown volume ${m.name}`);
  const names = (c.env ?? []).map((e) => e.name);
  assert.equal(new Set(names).size, names.length, `${where}: duplicate env ${names}`);
  for (const e of c.env ?? []) {
    assert.match(e.name, ENV_NAME, `${where}: env name ${e.name}`);
    assert.ok((e.value !== undefined) !== (e.valueFrom !== undefined), `${where}: env ${e.name} needs exactly one of value/valueFrom`);
  }
  for (const kind of ["cpu", "memory"]) {
    const req = c.resources?.requests?.[kind];
    const lim = c.resources?.limits?.[kind];
    assert.ok(req !== undefined && lim !== undefined, `${where}: ${kind} request and limit`);
    assert.ok(quantity(req) <= quantity(lim), `${where}: ${kind} request above limit`);
  }
}

/** Asserts the objects of one service file hang together as Kubernetes needs them to, and returns them by kind. */
export function checkService(objects: KubeObject[], tenant: string, expect: Expect = DEFAULT_EXPECT): Checked {
  const byKind = new Map<string, KubeObject>();
  for (const o of objects) {
    assert.ok(o.kind && KINDS[o.kind], `unexpected kind ${o.kind}`);
    assert.equal(o.apiVersion, KINDS[o.kind!], `${o.kind} apiVersion`);
    // a service has at most one source ConfigMap and one framework ConfigMap
    const key = o.kind === "ConfigMap" ? (o.metadata?.name?.endsWith("-deps") ? "ConfigMap:deps" : "ConfigMap") : o.kind!;
    if (o.kind === "ConfigMap") assert.match(o.metadata?.name ?? "", /-(source|deps)$/, "a ConfigMap is the source's or the framework's");
    assert.ok(!byKind.has(key), `two ${key}s`);
    byKind.set(key, o);
    assert.match(o.metadata?.name ?? "", DNS_LABEL, `${o.kind} name ${o.metadata?.name}`);
    assert.ok(o.metadata!.name!.length <= 63, `${o.kind} name too long`);
    checkLabels(o.metadata?.labels, `${o.kind} ${o.metadata?.name}`);
  }
  const namespace = byKind.get("Namespace") as Namespace;
  const deployment = byKind.get("Deployment") as Deployment;
  const service = byKind.get("Service") as Service;
  const secret = byKind.get("Secret") as Secret | undefined;
  const configMap = byKind.get("ConfigMap") as ConfigMap | undefined;
  const frameworkMap = byKind.get("ConfigMap:deps") as ConfigMap | undefined;
  const serviceAccount = byKind.get("ServiceAccount") as ServiceAccount;
  const policy = byKind.get("NetworkPolicy") as NetworkPolicy;
  assert.ok(namespace && deployment && service, "a Namespace, a Deployment and a Service");
  assert.ok(serviceAccount && policy, "the tenant's ServiceAccount and NetworkPolicy with every service");
  assert.equal(namespace.metadata?.labels?.["micro.mu/namespace"], tenant);
  assert.equal(namespace.metadata?.labels?.["pod-security.kubernetes.io/enforce"], "restricted", "the namespace enforces the restricted Pod Security Standard");
  const ns = namespace.metadata!.name!;
  for (const o of objects) if (o.kind !== "Namespace") assert.equal(o.metadata?.namespace, ns, `${o.kind} in the tenant's namespace`);

  const spec = deployment.spec!;
  const pod = spec.template.spec!;
  checkPolicy(policy, ns, expect);
  checkSecurity(pod, serviceAccount, expect);
  const templateLabels = spec.template.metadata?.labels ?? {};
  checkLabels(templateLabels, "pod template");
  const selector = spec.selector.matchLabels ?? {};
  assert.ok(Object.keys(selector).length > 0, "deployment selector");
  for (const [k, v] of Object.entries(selector)) assert.equal(templateLabels[k], v, `selector ${k} matches the template`);
  assert.equal(pod.restartPolicy, "Always");
  const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
  for (const v of pod.volumes ?? []) {
    if (v.configMap) assert.equal(v.configMap.name, (v.name === "framework" ? frameworkMap : configMap)?.metadata?.name, "configMap volume refers to the emitted ConfigMap");
  }
  const containers = [...(pod.initContainers ?? []), ...pod.containers];
  assert.equal(new Set(containers.map((c) => c.name)).size, containers.length, "container names unique");
  containers.forEach((c) => checkContainer(c, volumes, `container ${c.name}`));
  assert.equal(pod.containers.length, 1);
  const run = pod.containers[0];
  const port = run.ports?.find((p) => p.name === "grpc");
  assert.ok(port && port.containerPort > 0 && port.containerPort < 65536 && port.protocol === "TCP", "grpc container port");
  assert.equal(run.readinessProbe?.tcpSocket?.port, "grpc", "readiness on the grpc port");
  for (const e of run.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    if (!ref) continue;
    assert.equal(ref.name, secret?.metadata?.name, `${e.name} refers to the emitted Secret`);
    assert.ok(secret?.stringData?.[ref.key], `${e.name}: key ${ref.key} is in the Secret`);
  }

  const svc = service.spec!;
  assert.equal(svc.type, "ClusterIP");
  assert.deepEqual(svc.selector, selector, "Service selects the Deployment's pods");
  assert.equal(service.metadata?.name, deployment.metadata?.name);
  assert.equal(svc.ports?.length, 1);
  const sp = svc.ports![0];
  assert.equal(sp.targetPort, port.name, "Service targets the named container port");
  assert.equal(sp.port, 8080);
  for (const c of containers) {
    for (const m of c.volumeMounts ?? []) {
      // what a ConfigMap carries is the server's: no container may write to it (Kubernetes mounts them read-only anyway)
      if (pod.volumes?.find((v) => v.name === m.name)?.configMap) assert.equal(m.readOnly, true, `${c.name}: ${m.name} mounted read-only`);
    }
  }
  return { namespace, serviceAccount, policy, deployment, service, secret, configMap, frameworkMap };
}

export const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

/** A kubectl that records each call's argv and stdin, answers `get` and `logs` from files, and `version`. */
export async function fakeKubectl(): Promise<{ bin: string; dir: string; calls(): Promise<Array<{ argv: string[]; stdin: string }>>; answer(what: "get" | "logs", text: string): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "fake-kubectl-"));
  const bin = join(dir, "bin");
  await mkdir(bin);
  await mkdir(join(dir, "calls"));
  await writeFile(join(bin, "kubectl"), `#!/bin/sh
n=$(ls "${dir}/calls" | grep -c argv)
n=$(printf '%03d' "$n")
printf '%s\\n' "$@" > "${dir}/calls/$n.argv"
case "$1" in
  apply|delete) cat > "${dir}/calls/$n.stdin"; echo "configured" ;;
  get) cat "${dir}/get.json" ;;
  logs) cat "${dir}/logs.txt" ;;
  version) echo "Client Version: v0-fake" ;;
  *) echo "fake kubectl: unexpected $1" >&2; exit 1 ;;
esac
`);
  await chmod(join(bin, "kubectl"), 0o755);
  return {
    bin, dir,
    async calls() {
      const files = (await readdir(join(dir, "calls"))).filter((f) => f.endsWith(".argv")).sort();
      return Promise.all(files.map(async (f) => ({
        argv: (await readFile(join(dir, "calls", f), "utf8")).split("\n").slice(0, -1),
        stdin: await readFile(join(dir, "calls", f.replace(".argv", ".stdin")), "utf8").catch(() => ""),
      })));
    },
    answer: (what, text) => writeFile(join(dir, what === "get" ? "get.json" : "logs.txt"), text),
  };
}

/** An uploaded source archive of the given files (name → content). */
export async function uploadFiles(dataDir: string, files: Record<string, string | Buffer>): Promise<{ source: string; archive: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), "k8s-up-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const id = randomUUID();
  const path = uploadPath(dataDir, id);
  await mkdir(join(path, ".."), { recursive: true });
  execFileSync("tar", ["-czf", path, "-C", dir, "."]);
  await rm(dir, { recursive: true, force: true });
  return { source: `upload:${id}`, archive: await readFile(path) };
}

/** An uploaded source archive (as `micro run <dir>` leaves it on the server) of a Node, Go or Python service. */
export async function upload(dataDir: string, kind: "node" | "go" | "python", bytes = 0): Promise<{ source: string; archive: Buffer }> {
  const files: Record<string, string | Buffer> = kind === "node" ? { "package.json": JSON.stringify({ name: "up", scripts: { start: "node main.js" } }) }
    : kind === "go" ? { "go.mod": "module example.com/up\n\ngo 1.22\n" } : { "main.py": "print('hi')\n" };
  if (bytes) files["blob.bin"] = Buffer.from(Array.from({ length: bytes }, () => Math.floor(Math.random() * 256)));
  return uploadFiles(dataDir, files);
}
