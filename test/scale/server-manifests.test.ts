// The micro server's own manifests (runtime/launcher/kubernetes/server-manifests.ts), structurally: replicas of
// micro-server on the shared engines (from a Secret), each advertising its pod IP, behind the Services that the
// kubernetes runtime's defaults point services at (micro-proxy in namespace micro, port 8081) and carrying the labels
// the tenants' NetworkPolicies admit; YAML that reads back the same; bad options refused naming what is wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Secret, Service } from "kubernetes-types/core/v1.js";
import { serverManifests, type ServerManifestOptions } from "../../runtime/launcher/kubernetes/server-manifests.js";
import { DEFAULT_PROXY, DEFAULT_SERVER_LABELS, kubernetesSettings } from "../../runtime/launcher/kubernetes/options.js";
import { fromYaml, toYaml } from "../../runtime/launcher/kubernetes/files.js";

const options: ServerManifestOptions = {
  image: "registry.example/micro-ts-server:0.1.0",
  engines: {
    store: "postgres://micro:pw@pg.db:5432/micro", registry: "etcd://etcd.db:2379", config: "etcd://etcd.db:2379",
    events: "nats://nats.db:4222", broker: "nats://nats.db:4222",
  },
  configSecretKey: "k".repeat(44),
};

test("server manifests: micro-server replicas on the shared engines behind micro-proxy and micro-api", () => {
  const objects = serverManifests({ ...options, replicas: 3 });
  const kinds = objects.map((o) => `${o.kind}/${o.metadata!.name}`);
  assert.deepEqual(kinds, ["Namespace/micro", "Secret/micro-server-engines", "Deployment/micro-server", "Service/micro-proxy", "Service/micro-api"]);
  const deployment = objects.find((o) => o.kind === "Deployment") as Deployment;
  assert.equal(deployment.spec!.replicas, 3);
  const pod = deployment.spec!.template;
  // the tenants' NetworkPolicies admit the server's pods by these labels (the runtime's defaults)
  const { server } = kubernetesSettings({});
  for (const [k, v] of Object.entries(server.labels)) assert.equal(pod.metadata!.labels![k], v, `pod label ${k}`);
  assert.deepEqual(deployment.spec!.selector.matchLabels, DEFAULT_SERVER_LABELS);
  const container = pod.spec!.containers[0]!;
  assert.deepEqual(container.command, ["micro-server"]);
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom?.fieldRef?.fieldPath]));
  assert.equal(env.MICRO_BIND_HOST, "0.0.0.0");
  assert.equal(env.MICRO_ADVERTISE_HOST, "status.podIP", "each replica advertises its pod IP (runtime calls are forwarded there)");
  assert.equal(container.envFrom![0]!.secretRef!.name, "micro-server-engines");
  // every primitive shared: an embedded one would be per pod
  const secret = objects.find((o) => o.kind === "Secret") as Secret;
  assert.deepEqual(Object.keys(secret.stringData!).sort(), ["MICRO_BROKER", "MICRO_CONFIG", "MICRO_CONFIG_SECRET_KEY", "MICRO_EVENTS", "MICRO_REGISTRY", "MICRO_STORE"]);
  assert.equal(secret.stringData!.MICRO_STORE, options.engines.store, "the password stays in the Secret, not the Deployment");
  assert.doesNotMatch(JSON.stringify(deployment), /pw@/);
  // services reach the proxy where the kubernetes runtime tells them to (MICRO_PROXY's default)
  const proxy = objects.find((o) => o.kind === "Service" && o.metadata!.name === "micro-proxy") as Service;
  const [host, port] = DEFAULT_PROXY.split(":");
  assert.equal(host, `${proxy.metadata!.name}.${proxy.metadata!.namespace}.svc.cluster.local`);
  assert.equal(proxy.spec!.ports![0]!.port, Number(port));
  for (const s of objects.filter((o): o is Service => o.kind === "Service")) {
    assert.deepEqual(s.spec!.selector, DEFAULT_SERVER_LABELS, `${s.metadata!.name} selects the server's pods`);
    for (const p of s.spec!.ports!) assert.ok(container.ports!.some((c) => c.name === p.targetPort), `${s.metadata!.name} targets a named container port`);
  }
  // non-root, read-only root filesystem, no privilege escalation
  assert.equal(pod.spec!.securityContext!.runAsNonRoot, true);
  assert.equal(container.securityContext!.readOnlyRootFilesystem, true);
  assert.equal(container.securityContext!.allowPrivilegeEscalation, false);
  // YAML as the runtime writes it reads back the same
  assert.deepEqual(fromYaml(toYaml(objects)), JSON.parse(JSON.stringify(objects)));
});

test("server manifests: bad options are refused naming what is wrong", () => {
  assert.throws(() => serverManifests({ ...options, image: "" }), /image is required/);
  assert.throws(() => serverManifests({ ...options, replicas: 0 }), /replicas must be a whole number >= 1/);
  assert.throws(() => serverManifests({ ...options, engines: { ...options.engines, events: "" } }), /the events engine's URL is required/);
  assert.equal((serverManifests(options).find((o) => o.kind === "Deployment") as Deployment).spec!.replicas, 3, "three replicas by default");
});
