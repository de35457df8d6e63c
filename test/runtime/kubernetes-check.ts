// Test support for the kubernetes runtime: strict structural checks of emitted manifests (names, labels,
// selectors, ports, env references, volumes) and a fake kubectl that records what it is asked.
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { ConfigMap, Container, Namespace, Secret, Service } from "kubernetes-types/core/v1.js";
import type { KubeObject } from "../../runtime/launcher/kubernetes/index.js";

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const KINDS: Record<string, string> = { Namespace: "v1", Secret: "v1", ConfigMap: "v1", Service: "v1", Deployment: "apps/v1" };

export interface Checked { namespace: Namespace; secret?: Secret; configMap?: ConfigMap; deployment: Deployment; service: Service }

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
export function checkService(objects: KubeObject[], tenant: string): Checked {
  const byKind = new Map<string, KubeObject>();
  for (const o of objects) {
    assert.ok(o.kind && KINDS[o.kind], `unexpected kind ${o.kind}`);
    assert.equal(o.apiVersion, KINDS[o.kind!], `${o.kind} apiVersion`);
    assert.ok(!byKind.has(o.kind!), `two ${o.kind}s`);
    byKind.set(o.kind!, o);
    assert.match(o.metadata?.name ?? "", DNS_LABEL, `${o.kind} name ${o.metadata?.name}`);
    assert.ok(o.metadata!.name!.length <= 63, `${o.kind} name too long`);
    checkLabels(o.metadata?.labels, `${o.kind} ${o.metadata?.name}`);
  }
  const namespace = byKind.get("Namespace") as Namespace;
  const deployment = byKind.get("Deployment") as Deployment;
  const service = byKind.get("Service") as Service;
  const secret = byKind.get("Secret") as Secret | undefined;
  const configMap = byKind.get("ConfigMap") as ConfigMap | undefined;
  assert.ok(namespace && deployment && service, "a Namespace, a Deployment and a Service");
  assert.equal(namespace.metadata?.labels?.["micro.mu/namespace"], tenant);
  const ns = namespace.metadata!.name!;
  for (const o of objects) if (o.kind !== "Namespace") assert.equal(o.metadata?.namespace, ns, `${o.kind} in the tenant's namespace`);

  const spec = deployment.spec!;
  const pod = spec.template.spec!;
  const templateLabels = spec.template.metadata?.labels ?? {};
  checkLabels(templateLabels, "pod template");
  const selector = spec.selector.matchLabels ?? {};
  assert.ok(Object.keys(selector).length > 0, "deployment selector");
  for (const [k, v] of Object.entries(selector)) assert.equal(templateLabels[k], v, `selector ${k} matches the template`);
  assert.equal(pod.restartPolicy, "Always");
  const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
  for (const v of pod.volumes ?? []) {
    if (v.configMap) assert.equal(v.configMap.name, configMap?.metadata?.name, "configMap volume refers to the emitted ConfigMap");
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
  return { namespace, deployment, service, secret, configMap };
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
