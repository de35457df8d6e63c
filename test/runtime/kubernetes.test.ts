import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Runtime as RuntimeDesc, Source } from "../../runtime/gen/runtime/runtime_pb.js";
import { closeChannels, createClient, createGrpcTransport, MicroError } from "../../runtime/rpc/index.js";
import { startServer } from "../../runtime/server/server.js";
import { DEFAULT_PROXY, dnsLabel, KubernetesRuntime, kubernetesSettings, kubeNamespace, labelValue, objectName, type KubeObject } from "../../runtime/launcher/kubernetes/index.js";
import { fromYaml } from "../../runtime/launcher/kubernetes/files.js";
import { pathWithOnlyNode, runMicro, tempHome } from "../cli/support/micro.js";
import { checkService, envOf, fakeKubectl, upload, uploadFiles } from "./kubernetes-check.js";
import { providedFramework } from "../../runtime/launcher/framework.js";
import { skipUnless } from "../support/tools.js";

const CREDS = { id: "service.x", secret: "s3cret-value-for-test" };
/** HOME and the caches every container gets, on the workspace emptyDir (the root filesystem is read-only). */
const WORKSPACE_ENV = { HOME: "/workspace", XDG_CACHE_HOME: "/workspace/.cache", GOPATH: "/workspace/go", TMPDIR: "/tmp" };

function sh(cwd: string, cmd: string, args: string[]): void {
  execFileSync(cmd, args, { cwd, stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });
}

/** A git repository whose subdirectory svc/ is a Go service, tagged v1. */
async function goRepo(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), "k8s-git-"));
  await mkdir(join(repo, "svc"));
  await writeFile(join(repo, "svc", "go.mod"), "module example.com/svc\n\ngo 1.22\n");
  await writeFile(join(repo, "svc", "main.go"), "package main\n\nfunc main() {}\n");
  await writeFile(join(repo, "README.md"), "not a service at the root\n");
  sh(repo, "git", ["init", "-q", "-b", "main"]);
  sh(repo, "git", ["add", "."]);
  sh(repo, "git", ["commit", "-q", "-m", "svc"]);
  sh(repo, "git", ["tag", "v1"]);
  return repo;
}

const fileOf = (dataDir: string, tenant: string, name: string) => join(dataDir, "kubernetes", kubeNamespace(tenant), `${objectName(name)}.yaml`);
const load = async (path: string) => fromYaml(await readFile(path, "utf8"));
const settings = (apply = false) => kubernetesSettings({}, { apply });

test("kubernetes names: DNS-1123/1035 labels and label values, distinct after sanitising", () => {
  assert.equal(kubeNamespace("acme"), "micro-acme");
  assert.equal(dnsLabel("hello"), "hello");
  const odd = ["Team_A", "team-a", "9lives", "a".repeat(80), "--x--", "ünïcode", ""];
  const names = odd.map((n) => dnsLabel(n));
  for (const n of names) assert.match(n, /^[a-z]([-a-z0-9]*[a-z0-9])?$/, n), assert.ok(n.length <= 63, n);
  assert.equal(new Set(names).size, names.length, `collisions in ${names}`);
  assert.notEqual(kubeNamespace("Team_A"), kubeNamespace("team-a"));
  assert.ok(objectName("x".repeat(63)).length <= 56, "room for -source");
  for (const v of ["1.0.0+build/7", "latest", "-v-", "x".repeat(70)]) {
    assert.match(labelValue(v), /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
    assert.ok(labelValue(v).length <= 63);
  }
});

test("kubernetes runtime: manifests for a git source and an upload source, two tenants in two namespaces", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-data-"));
  const repo = await goRepo();
  try {
    const asked: string[] = [];
    const rt = new KubernetesRuntime({ ...settings(), dataDir, credentials: async (ns, name) => { asked.push(`${ns}/${name}`); return CREDS; } });
    const git = `file://${repo}/svc@v1`;
    await rt.create({ name: "greeter", version: "1.2.0", namespace: "micro", source: git, env: { GREETING: "hi" } });
    const up = await upload(dataDir, "node");
    await rt.create({ name: "uploader", version: "latest", namespace: "acme", source: up.source });
    assert.deepEqual(asked, ["micro/greeter", "acme/uploader"]);

    // Git source, tenant micro.
    const gitFile = fileOf(dataDir, "micro", "greeter");
    assert.equal((await stat(gitFile)).mode & 0o777, 0o600, "the file holds a Secret: owner only");
    const a = checkService(await load(gitFile), "micro");
    assert.equal(a.namespace.metadata?.name, "micro-micro");
    assert.equal(a.configMap, undefined);
    assert.deepEqual(a.secret?.stringData, { MICRO_AUTH_ID: CREDS.id, MICRO_AUTH_SECRET: CREDS.secret });
    const pod = a.deployment.spec!.template.spec!;
    const [fetch, build] = pod.initContainers!;
    assert.deepEqual([fetch.name, build.name], ["fetch", "build"]);
    assert.deepEqual(envOf(fetch), { ...WORKSPACE_ENV, MICRO_GIT_REPO: `file://${repo}`, MICRO_GIT_REF: "v1" });
    const run = pod.containers[0];
    assert.equal(run.image, "golang:1.22", "go.mod in the subdirectory picks the Go image");
    assert.equal(build.image, "golang:1.22");
    assert.equal(run.workingDir, "/workspace/src/svc");
    assert.equal(build.workingDir, "/workspace/src/svc");
    const env = envOf(run);
    assert.equal(env.MICRO_PROXY, DEFAULT_PROXY);
    assert.equal(env.MICRO_NAMESPACE, "micro");
    assert.equal(env.MICRO_SERVICE_NAME, "greeter");
    assert.equal(env.MICRO_SERVICE_VERSION, "1.2.0");
    assert.equal(env.MICRO_SERVICE_ADDRESS, "0.0.0.0:8080");
    assert.equal(env.GREETING, "hi");
    assert.deepEqual(env.MICRO_ADVERTISE_HOST, { fieldRef: { fieldPath: "status.podIP" } });
    assert.deepEqual(env.MICRO_AUTH_SECRET, { secretKeyRef: { name: "greeter-auth", key: "MICRO_AUTH_SECRET" } });
    assert.deepEqual(a.deployment.spec!.template.metadata!.labels, {
      "micro.mu/name": "greeter", "micro.mu/namespace": "micro", "micro.mu/version": "1.2.0",
      "app.kubernetes.io/name": "greeter", "app.kubernetes.io/managed-by": "micro",
    });
    assert.ok(!(await readFile(gitFile, "utf8")).includes("\\n"), "scripts are YAML block scalars, readable");

    // Upload source, tenant acme: the archive travels in a ConfigMap, unpacked by the fetch step.
    const b = checkService(await load(fileOf(dataDir, "acme", "uploader")), "acme");
    assert.equal(b.namespace.metadata?.name, "micro-acme");
    assert.notEqual(a.namespace.metadata?.name, b.namespace.metadata?.name);
    assert.deepEqual(Buffer.from(b.configMap!.binaryData!["source.tar.gz"], "base64"), up.archive);
    const bpod = b.deployment.spec!.template.spec!;
    assert.equal(bpod.containers[0].image, "node:20-slim");
    assert.deepEqual(bpod.initContainers![0].volumeMounts!.map((m) => m.name).sort(), ["tmp", "upload", "workspace"]);
    assert.equal(bpod.containers[0].workingDir, "/workspace/src");

    // What it created, per tenant, "pending" since nothing was applied.
    const micro = await rt.list("micro");
    assert.deepEqual(micro.map((s) => [s.name, s.status, s.source, s.version, s.env]), [["greeter", "pending", git, "1.2.0", { GREETING: "hi" }]]);
    assert.deepEqual((await rt.list("acme")).map((s) => s.name), ["uploader"]);
    assert.deepEqual(await rt.list("nobody"), []);

    await assert.rejects(rt.create({ name: "greeter", version: "x", namespace: "micro", source: git }), (e: MicroError) => e.code === 409);
    await assert.rejects(rt.create({ name: "dir", version: "x", namespace: "micro", source: repo }), (e: MicroError) => e.code === 400 && /git URL/.test(e.detail));
    const big = await upload(dataDir, "python", 800 * 1024);
    await assert.rejects(rt.create({ name: "big", version: "x", namespace: "micro", source: big.source }), (e: MicroError) => e.code === 400 && /ConfigMap/.test(e.detail));
    const py = await upload(dataDir, "python");
    await rt.create({ name: "py", version: "x", namespace: "acme", source: py.source });
    assert.equal(checkService(await load(fileOf(dataDir, "acme", "py")), "acme").deployment.spec!.template.spec!.containers[0].image, "python:3.11-slim");
    await assert.rejects(async () => { for await (const _ of rt.logs("micro", "greeter", {})) void _; }, (e: MicroError) => e.code === 501 && /--kubernetes-apply/.test(e.detail));

    // Update keeps the credentials and changes the pod template (so a rollout happens); delete removes the file.
    const before = await load(gitFile);
    await new Promise((r) => setTimeout(r, 5));
    await rt.update("micro", "greeter");
    const after = checkService(await load(gitFile), "micro");
    assert.deepEqual(after.secret?.stringData, { MICRO_AUTH_ID: CREDS.id, MICRO_AUTH_SECRET: CREDS.secret });
    assert.equal(asked.length, 3, "update asked for no new credentials");
    const stamp = (o: KubeObject[]) => (o.find((x) => x.kind === "Deployment") as Deployment).spec!.template.metadata!.annotations!["micro.mu/updated"];
    assert.notEqual(stamp(before), stamp(await load(gitFile)));
    await rt.delete("micro", "greeter");
    assert.ok(!existsSync(gitFile));
    await assert.rejects(rt.delete("micro", "greeter"), (e: MicroError) => e.code === 404);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  }
});

test("kubernetes manifests: the real kubectl decodes the Deployment, Service and framework ConfigMap into its typed structs without dropping a field", async (t) => {
  if (skipUnless(t, "kubectl")) return;
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-data-"));
  try {
    const rt = new KubernetesRuntime({ ...settings(), dataDir, credentials: async () => CREDS });
    // a service the server provides micro-ts to: its framework volume, mount and env are in the Deployment too
    const have = providedFramework();
    assert.ok(have, "dist/packages names no micro-ts: run npm run build");
    const up = await uploadFiles(dataDir, { "package.json": JSON.stringify({ name: "typed", dependencies: { "micro-ts": `^${have.version}` } }) });
    await rt.create({ name: "typed", version: "v1", namespace: "acme", source: up.source, env: { A: "1" } });
    const { deployment, service, frameworkMap } = checkService(await load(fileOf(dataDir, "acme", "typed")), "acme");
    assert.ok(frameworkMap && deployment.spec!.template.spec!.volumes!.some((v) => v.name === "framework"));
    // `--local` edits offline; kubectl decodes into the typed Go structs, where an unknown field is dropped and a
    // wrongly typed one fails, so every field we wrote must come back with its value.
    const env = { ...process.env, KUBECONFIG: join(dataDir, "no-kubeconfig") };
    const roundTrip = (obj: object, args: string[]) => {
      const r = spawnSync("kubectl", [...args, "--local", "-f", "-", "-o", "json"], { input: JSON.stringify(obj), encoding: "utf8", env });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as object;
    };
    // (kubectl prints nothing when the edit changes nothing, so each edit changes one value, expected below.)
    const wantDeployment = structuredClone(deployment);
    wantDeployment.spec!.template.spec!.containers[0].image = "kubectl-check:1";
    assertSubset(wantDeployment, roundTrip(deployment, ["set", "image", "run=kubectl-check:1"]), "Deployment");
    const wantService = structuredClone(service);
    wantService.spec!.selector = { check: "1" };
    assertSubset(wantService, roundTrip(service, ["set", "selector", "check=1"]), "Service");
    const wantMap = structuredClone(frameworkMap);
    wantMap.metadata!.labels = { ...wantMap.metadata!.labels, check: "1" };
    assertSubset(wantMap, roundTrip(frameworkMap, ["label", "check=1"]), "ConfigMap");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

function assertSubset(want: unknown, got: unknown, path: string): void {
  if (want !== null && typeof want === "object") {
    assert.ok(got !== null && typeof got === "object", `${path}: kubectl has no object here`);
    for (const [k, v] of Object.entries(want)) assertSubset(v, (got as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    assert.deepEqual(got, want, `${path}: kubectl dropped or changed it`);
  }
}

test("kubernetes runtime with apply: kubectl from PATH applies, reports status, streams logs and deletes", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-data-"));
  const fake = await fakeKubectl();
  const path = process.env.PATH;
  process.env.PATH = `${fake.bin}:${path}`;
  try {
    const rt = new KubernetesRuntime({ ...settings(true), dataDir, credentials: async () => CREDS });
    const up = await upload(dataDir, "node");
    await rt.create({ name: "hello", version: "latest", namespace: "micro", source: up.source });
    const [apply] = await fake.calls();
    assert.deepEqual(apply.argv, ["apply", "-f", "-"]);
    assert.deepEqual(fromYaml(apply.stdin), await load(fileOf(dataDir, "micro", "hello")), "kubectl got exactly the written manifests");
    assert.ok(!apply.argv.join(" ").includes(CREDS.secret), "the secret travels on stdin only");

    // Before the fake cluster answers `get`, listing still works: the status says what went wrong.
    const [blind] = await rt.list("micro", "hello");
    assert.equal(blind.status, "error");
    assert.match(blind.error ?? "", /kubectl get deployments,pods failed/);

    const deploy: Deployment = {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "hello", generation: 2, labels: { "micro.mu/name": "hello" } },
      spec: { replicas: 1, selector: {}, template: {} },
      status: { observedGeneration: 2, updatedReplicas: 1, availableReplicas: 1, replicas: 1 },
    };
    const pod = (state: object, restartCount: number): Pod => ({
      apiVersion: "v1", kind: "Pod", metadata: { name: "hello-abc", labels: { "micro.mu/name": "hello" } },
      status: { containerStatuses: [{ name: "run", image: "node:20-slim", imageID: "", ready: false, restartCount, state }] },
    });
    await fake.answer("get", JSON.stringify({ kind: "List", items: [deploy, pod({ running: {} }, 2)] }));
    const [running] = await rt.list("micro", "hello");
    assert.deepEqual([running.status, running.restarts], ["running", 2]);
    assert.ok(running.started && Math.abs(running.started - Date.now()) < 60_000);
    const getCall = (await fake.calls())[2].argv;
    assert.deepEqual(getCall, ["get", "deployments,pods", "-n", "micro-micro", "-l", "micro.mu/namespace=micro", "-o", "json"]);

    const crashing = { ...deploy, status: { observedGeneration: 2, updatedReplicas: 1, availableReplicas: 0 } };
    await fake.answer("get", JSON.stringify({ kind: "List", items: [crashing, pod({ waiting: { reason: "CrashLoopBackOff" } }, 5)] }));
    const [broken] = await rt.list("micro", "hello");
    assert.equal(broken.status, "error");
    assert.match(broken.error ?? "", /CrashLoopBackOff/);

    await fake.answer("logs", "[pod/hello-abc/build] 2024-05-01T10:00:00.000000000Z added 3 packages\n[pod/hello-abc/run] 2024-05-01T10:00:01.5Z serving on 10.0.0.7:8080\n");
    const lines = [];
    for await (const l of rt.logs("micro", "hello", { count: 10 })) lines.push(l);
    assert.deepEqual(lines, [
      { timestamp: Date.parse("2024-05-01T10:00:00Z"), stream: "build", message: "added 3 packages" },
      { timestamp: Date.parse("2024-05-01T10:00:01.5Z"), stream: "stdout", message: "serving on 10.0.0.7:8080" },
    ]);
    const logsCall = (await fake.calls()).at(-1)!.argv;
    assert.deepEqual(logsCall.slice(0, 4), ["logs", "-n", "micro-micro", "deployment/hello"]);
    assert.ok(logsCall.includes("--tail=10") && logsCall.includes("--all-containers=true"));

    await rt.delete("micro", "hello");
    const del = (await fake.calls()).at(-1)!;
    assert.deepEqual(del.argv, ["delete", "--ignore-not-found", "--wait=false", "-f", "-"]);
    assert.deepEqual(fromYaml(del.stdin).map((o) => o.kind), ["Secret", "ConfigMap", "Deployment", "Service"], "the tenant's Namespace stays");
    assert.ok(!existsSync(fileOf(dataDir, "micro", "hello")));
  } finally {
    process.env.PATH = path;
    await rm(dataDir, { recursive: true, force: true });
    await rm(fake.dir, { recursive: true, force: true });
  }
});


test("micro server --runtime kubernetes --kubernetes-apply without kubectl on PATH fails at once, clearly", async () => {
  const home = await tempHome();
  try {
    const r = await runMicro(["server", "--runtime", "kubernetes", "--kubernetes-apply", "--data-dir", join(home.home, "data")],
      { home: home.home, env: { PATH: await pathWithOnlyNode(home.home), MICRO_PROXY_PORT: "0", MICRO_API_PORT: "0" }, timeoutMs: 30_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /kubectl not found on PATH/);
  } finally {
    await home.remove();
  }
});

test("micro server --runtime kubernetes refuses a root uid for the pods, naming the variable", async () => {
  const home = await tempHome();
  try {
    const r = await runMicro(["server", "--runtime", "kubernetes", "--data-dir", join(home.home, "data")],
      { home: home.home, env: { MICRO_KUBERNETES_RUN_AS: "0:0", MICRO_PROXY_PORT: "0", MICRO_API_PORT: "0" }, timeoutMs: 30_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /MICRO_KUBERNETES_RUN_AS: "0:0" is not uid or uid:gid of a non-root user/);
  } finally {
    await home.remove();
  }
});

test("micro server with runtime kubernetes answers Runtime.Create/Read/Logs/Delete over gRPC, uploads included", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-server-"));
  const repo = await goRepo();
  const server = await startServer({ dataDir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined, runtime: "kubernetes" });
  try {
    const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
    const token = (await auth.token({ id: "admin", secret: "micro" })).token!.accessToken;
    const transport = createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ authorization: `Bearer ${token}`, "micro-namespace": "micro" }) });
    const rt = createClient(RuntimeDesc, transport);
    const sources = createClient(Source, transport);
    const tarball = execFileSync("tar", ["-czf", "-", "-C", join(repo, "svc"), "."]);
    const { id } = await sources.upload((async function* () { yield { service: { name: "up", version: "latest" }, data: tarball }; })());

    await rt.create({ resource: { service: { name: "gitsvc", version: "v1", source: `file://${repo}/svc` } } });
    await rt.create({ resource: { service: { name: "up", version: "latest", source: id } }, options: { namespace: "acme" } });
    const { services } = await rt.read({ options: { service: "gitsvc" } });
    assert.deepEqual(services.map((s) => [s.name, s.status, s.metadata.status, s.source]), [["gitsvc", 1, "pending", `file://${repo}/svc`]]);
    // without apply it never starts: the status says where the manifests are, so `micro run` can stop waiting
    assert.match(services[0].metadata.note ?? "", /manifests written to .*kubernetes\/micro-micro\/gitsvc\.yaml \(kubectl apply -f /);
    assert.deepEqual((await rt.read({ options: { namespace: "acme" } })).services.map((s) => s.name), ["up"]);

    // The Secret carries a real service account: its credentials get a token from the server.
    const written = await load(fileOf(dataDir, "micro", "gitsvc"));
    const secret = checkService(written, "micro").secret!.stringData!;
    assert.equal(secret.MICRO_AUTH_ID, "service.gitsvc");
    const svcToken = await auth.token({ id: secret.MICRO_AUTH_ID, secret: secret.MICRO_AUTH_SECRET, options: { namespace: "micro" } });
    assert.ok(svcToken.token?.accessToken);
    const up = checkService(await load(fileOf(dataDir, "acme", "up")), "acme");
    assert.deepEqual(Buffer.from(up.configMap!.binaryData!["source.tar.gz"], "base64"), tarball);
    assert.equal(up.deployment.spec!.template.spec!.containers[0].image, "golang:1.22");

    await assert.rejects(async () => { for await (const _ of rt.logs({ service: "gitsvc" })) void _; }, (e: unknown) => e instanceof MicroError && e.code === 501);
    await assert.rejects(rt.create({ resource: { service: { name: "gitsvc", source: `file://${repo}/svc` } } }), (e: unknown) => e instanceof MicroError && e.code === 409);
    await rt.delete({ resource: { service: { name: "gitsvc" } } });
    assert.equal((await rt.read({ options: { service: "gitsvc" } })).services.length, 0);
    assert.ok(!existsSync(fileOf(dataDir, "micro", "gitsvc")));
  } finally {
    await server.close();
    closeChannels();
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  }
});
