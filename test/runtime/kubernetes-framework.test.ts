// The kubernetes runtime provides micro-ts to a TypeScript service as the local runtime does: the same rule decides
// (framework.ts), the package travels to the pod in a ConfigMap, and the build container's script points
// package.json at it before npm install. Structural (no cluster): the manifests are read, and the fetch and build
// containers' own scripts are run here with the pod's paths moved into a temp dir and a recording npm on PATH.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { KubernetesRuntime, kubernetesSettings, kubeNamespace, objectName } from "../../runtime/launcher/kubernetes/index.js";
import { fromYaml } from "../../runtime/launcher/kubernetes/files.js";
import { FRAMEWORK_MOUNT, GIT_FETCH_SCRIPT } from "../../runtime/launcher/kubernetes/toolchain.js";
import { providedFramework } from "../../runtime/launcher/framework.js";
import { MicroError } from "../../runtime/rpc/index.js";
import { checkService, envOf, fakeKubectl, upload, uploadFiles, type Checked } from "./kubernetes-check.js";

const exec = promisify(execFile);
const have = providedFramework();
// the build assembles it (npm run build); without it the server cannot provide anything and these tests mean nothing
assert.ok(have, "dist/packages/index.json names no micro-ts: run npm run build");
const TARBALL = await readFile(have.tarball);
const LOCAL = `.micro/micro-ts-${have.version}.tgz`;

/** package.json as `micro new` writes it (templates/new/ts/package.json.hbs), micro-ts at `range`. */
const scaffold = (range: string) => JSON.stringify({
  name: "hello", version: "0.1.0", private: true, type: "module",
  scripts: { build: "tsc -p tsconfig.json", start: "node dist/main.js" },
  dependencies: { "@bufbuild/protobuf": "2.13.0", "micro-ts": range },
  devDependencies: { typescript: "~5.9.3" },
}, null, 2);

const fileOf = (dataDir: string, tenant: string, name: string) => join(dataDir, "kubernetes", kubeNamespace(tenant), `${objectName(name)}.yaml`);
const load = async (dataDir: string, tenant: string, name: string) => checkService(fromYaml(await readFile(fileOf(dataDir, tenant, name), "utf8")), tenant);
const runtime = (dataDir: string) => new KubernetesRuntime({ ...kubernetesSettings({}, {}), dataDir, credentials: async () => ({ id: "service.x", secret: "s" }) });
const containers = (c: Checked) => {
  const pod = c.deployment.spec!.template.spec!;
  const [fetch, build] = pod.initContainers!;
  return { fetch, build, run: pod.containers[0], volumes: pod.volumes ?? [] };
};

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", args, { cwd, stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });
}

/** A repository whose svc/ holds a service with this package.json, tagged v1. */
async function tsRepo(packageJson: string): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), "k8s-fw-git-"));
  await mkdir(join(repo, "svc"));
  await writeFile(join(repo, "svc", "package.json"), packageJson);
  await writeFile(join(repo, "svc", "main.ts"), "export {};\n");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "svc");
  git(repo, "tag", "v1");
  return repo;
}

/** The framework's part of a service file: the ConfigMap's bytes, mounted read-only in the build container only. */
function assertShipped(c: Checked, range: string): void {
  const { fetch, build, run, volumes } = containers(c);
  assert.ok(c.frameworkMap, "a ConfigMap carries micro-ts");
  assert.deepEqual(Object.keys(c.frameworkMap.binaryData ?? {}), [`micro-ts-${have!.version}.tgz`]);
  assert.ok(Buffer.from(c.frameworkMap.binaryData![`micro-ts-${have!.version}.tgz`], "base64").equals(TARBALL), "the exact tarball bytes");
  assert.deepEqual(volumes.find((v) => v.name === "framework")?.configMap, { name: c.frameworkMap.metadata!.name });
  assert.deepEqual(build.volumeMounts!.find((m) => m.name === "framework"), { name: "framework", mountPath: FRAMEWORK_MOUNT, readOnly: true });
  for (const other of [fetch, run]) assert.equal(other.volumeMounts!.find((m) => m.name === "framework"), undefined, `${other.name} does not mount it`);
  const env = envOf(build);
  assert.deepEqual(
    [env.MICRO_FRAMEWORK_TARBALL, env.MICRO_FRAMEWORK_FILE, env.MICRO_FRAMEWORK_FIELD, env.MICRO_FRAMEWORK_RANGE],
    [`${FRAMEWORK_MOUNT}/micro-ts-${have!.version}.tgz`, LOCAL, "dependencies", range],
  );
  assert.equal(envOf(run).MICRO_FRAMEWORK_TARBALL, undefined, "the run container is not told about it");
}

function assertNotShipped(c: Checked, what: string): void {
  const { build, volumes } = containers(c);
  assert.equal(c.frameworkMap, undefined, `${what}: no framework ConfigMap`);
  assert.equal(volumes.find((v) => v.name === "framework"), undefined, `${what}: no framework volume`);
  assert.deepEqual(Object.keys(envOf(build)).filter((k) => k.startsWith("MICRO_FRAMEWORK_")), [], `${what}: no framework env`);
}

/**
 * Runs the build container's command in `dir` as the pod would: the framework ConfigMap's files at a temp stand-in
 * for its mount, npm replaced by a recorder that keeps package.json as npm install saw it.
 */
async function runBuild(c: Checked, dir: string, scratch: string, override: Record<string, string> = {}) {
  const { build } = containers(c);
  const mount = join(scratch, "mount");
  const bin = join(scratch, "bin");
  await mkdir(mount, { recursive: true });
  await mkdir(bin, { recursive: true });
  for (const [key, b64] of Object.entries(c.frameworkMap?.binaryData ?? {})) await writeFile(join(mount, key), Buffer.from(b64, "base64"));
  await writeFile(join(bin, "npm"), `#!/bin/sh\necho "$*" >> "${scratch}/npm.calls"\n[ "$1" = install ] && cp package.json "${scratch}/installed.json"\nexit 0\n`);
  await chmod(join(bin, "npm"), 0o755);
  const podEnv = Object.fromEntries(Object.entries(envOf(build))
    .filter(([k]) => k.startsWith("MICRO_FRAMEWORK_"))
    .map(([k, v]) => [k, String(v).replace(FRAMEWORK_MOUNT, mount)]));
  const r = await exec(build.command![0], build.command!.slice(1), { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...podEnv, ...override } });
  const installed = await readFile(join(scratch, "installed.json"), "utf8").then(JSON.parse, () => undefined);
  return { ...r, installed, npm: (await readFile(join(scratch, "npm.calls"), "utf8").catch(() => "")).trim().split("\n") };
}

test("kubernetes: an uploaded scaffold gets micro-ts in a ConfigMap, and the build step points package.json at it before npm install", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-fw-"));
  try {
    const range = `^${have.version}`;
    const up = await uploadFiles(dataDir, { "package.json": scaffold(range), "main.ts": "export {};\n" });
    await runtime(dataDir).create({ name: "hello", version: "latest", namespace: "acme", source: up.source });
    const c = await load(dataDir, "acme", "hello");
    assertShipped(c, range);
    assert.ok(Buffer.from(c.configMap!.binaryData!["source.tar.gz"], "base64").equals(up.archive), "the source ConfigMap is unchanged");

    // the pod's workspace: the source ConfigMap unpacked (as the fetch step does), then the build container's script
    const work = await mkdtemp(join(dataDir, "pod-"));
    const src = join(work, "src");
    await mkdir(src);
    execFileSync("tar", ["-xzf", "-", "-C", src], { input: Buffer.from(c.configMap!.binaryData!["source.tar.gz"], "base64") });
    const r = await runBuild(c, src, work);
    const pkg = JSON.parse(await readFile(join(src, "package.json"), "utf8"));
    assert.equal(pkg.dependencies["micro-ts"], `file:${LOCAL}`);
    assert.deepEqual({ ...pkg, dependencies: { ...pkg.dependencies, "micro-ts": range } }, JSON.parse(scaffold(range)), "nothing else changed");
    assert.ok((await readFile(join(src, LOCAL))).equals(TARBALL), "the copy in .micro/ is the server's tarball");
    assert.equal(r.installed?.dependencies["micro-ts"], `file:${LOCAL}`, "npm install saw the rewritten package.json");
    assert.match(r.npm[0], /^install /);
    assert.ok(r.npm.includes("run build --silent"), "then the scaffold's build script");
    assert.match(r.stdout, new RegExp(`micro-ts \\^${have.version.replaceAll(".", "\\.")}: provided by the server`));

    // A package.json that changed after the server looked (a branch that moved) fails instead of building unchecked.
    await writeFile(join(src, "package.json"), scaffold("^0.2.0"));
    await assert.rejects(runBuild(c, src, work), (e: Error & { stderr: string }) =>
      e.stderr.includes(`package.json names micro-ts "^0.2.0" in dependencies, the server checked "${range}": micro update to check again`));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("kubernetes: a git source's package.json is read from the probe clone; the pod's clone is rewritten, the repository is not", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-fw-"));
  const range = `~${have.version}`;
  const repo = await tsRepo(scaffold(range));
  try {
    const source = `file://${repo}/svc@v1`;
    await runtime(dataDir).create({ name: "gitts", version: "v1", namespace: "micro", source });
    const c = await load(dataDir, "micro", "gitts");
    assertShipped(c, range);
    assert.equal(c.configMap, undefined, "a git source has no source ConfigMap");
    const { fetch, build } = containers(c);
    assert.equal(build.image, "node:20-slim");

    // the fetch container's script, then the build container's, with /workspace/src moved into a temp dir
    const work = await mkdtemp(join(dataDir, "pod-"));
    const fetchEnv = envOf(fetch) as Record<string, string>;
    await exec("sh", ["-c", GIT_FETCH_SCRIPT.replaceAll("/workspace/src", join(work, "src"))],
      { env: { ...process.env, MICRO_GIT_REPO: fetchEnv.MICRO_GIT_REPO, MICRO_GIT_REF: fetchEnv.MICRO_GIT_REF } });
    const dir = build.workingDir!.replace("/workspace/src", join(work, "src"));
    assert.equal(dir, join(work, "src", "svc"));
    const r = await runBuild(c, dir, work);
    assert.equal(JSON.parse(await readFile(join(dir, "package.json"), "utf8")).dependencies["micro-ts"], `file:${LOCAL}`);
    assert.ok((await readFile(join(dir, LOCAL))).equals(TARBALL));
    assert.equal(r.installed?.dependencies["micro-ts"], `file:${LOCAL}`);
    assert.equal(await readFile(join(repo, "svc", "package.json"), "utf8"), scaffold(range), "the user's repository is untouched");
    assert.ok(!existsSync(join(repo, "svc", ".micro")));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  }
});

test("kubernetes: a range this server's micro-ts does not satisfy, or a tag, is refused before any manifest is written", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-fw-"));
  const repo = await tsRepo(scaffold("^99.0.0"));
  try {
    const rt = runtime(dataDir);
    const message = `this server provides micro-ts ${have.version}; the service asks for ^99.0.0`;
    const refused = (e: unknown) => e instanceof MicroError && e.code === 400 && e.detail === message;
    const up = await uploadFiles(dataDir, { "package.json": scaffold("^99.0.0") });
    await assert.rejects(rt.create({ name: "up", version: "latest", namespace: "acme", source: up.source }), refused);
    assert.ok(!existsSync(fileOf(dataDir, "acme", "up")), "no manifest for a refused upload");
    await assert.rejects(rt.create({ name: "gitsvc", version: "latest", namespace: "acme", source: `file://${repo}/svc@v1` }), refused);
    assert.ok(!existsSync(fileOf(dataDir, "acme", "gitsvc")), "no manifest for a refused git source");

    const tag = await uploadFiles(dataDir, { "package.json": scaffold("latest") });
    await assert.rejects(rt.create({ name: "tag", version: "latest", namespace: "acme", source: tag.source }),
      (e: unknown) => e instanceof MicroError && e.code === 400 && /micro-ts "latest" \(in dependencies\), which is not a version range/.test(e.detail));
    const broken = await uploadFiles(dataDir, { "package.json": "{ not json" });
    await assert.rejects(rt.create({ name: "broken", version: "latest", namespace: "acme", source: broken.source }),
      (e: unknown) => e instanceof MicroError && e.code === 400 && /^package\.json is not valid JSON/.test(e.detail));
    assert.deepEqual(await rt.list("acme"), []);

    // An update to a source the server cannot serve is refused too, and the running version's manifests stay.
    const good = await uploadFiles(dataDir, { "package.json": scaffold(`^${have.version}`) });
    await rt.create({ name: "svc", version: "latest", namespace: "acme", source: good.source });
    const before = await readFile(fileOf(dataDir, "acme", "svc"), "utf8");
    await assert.rejects(rt.update("acme", "svc", up.source), refused);
    assert.equal(await readFile(fileOf(dataDir, "acme", "svc"), "utf8"), before);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  }
});

test("kubernetes: Go, Python and TypeScript services that do not ask the server for micro-ts get no framework ConfigMap", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-fw-"));
  const plainTs = JSON.stringify({ name: "plain", dependencies: { "@grpc/grpc-js": "^1.14.7" } });
  const ownFramework = scaffold("file:../micro-ts");
  const repo = await tsRepo(plainTs);
  try {
    const rt = runtime(dataDir);
    const cases: Array<[string, string]> = [
      ["go", (await upload(dataDir, "go")).source],
      ["python", (await upload(dataDir, "python")).source],
      ["node", (await upload(dataDir, "node")).source],
      ["plain-ts", (await uploadFiles(dataDir, { "package.json": plainTs })).source],
      ["own-framework", (await uploadFiles(dataDir, { "package.json": ownFramework })).source],
      ["git-plain-ts", `file://${repo}/svc@v1`],
    ];
    for (const [name, source] of cases) {
      await rt.create({ name, version: "latest", namespace: "acme", source });
      assertNotShipped(await load(dataDir, "acme", name), name);
    }
    // and the build script leaves such a package.json alone
    const c = await load(dataDir, "acme", "own-framework");
    const work = await mkdtemp(join(dataDir, "pod-"));
    await writeFile(join(work, "package.json"), ownFramework);
    const r = await runBuild(c, work, work);
    assert.equal(await readFile(join(work, "package.json"), "utf8"), ownFramework);
    assert.equal(r.installed?.dependencies["micro-ts"], "file:../micro-ts");
    assert.ok(!existsSync(join(work, ".micro")));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  }
});

test("kubernetes with apply: an update that no longer needs micro-ts deletes the old version's framework ConfigMap", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "k8s-fw-"));
  const fake = await fakeKubectl();
  const path = process.env.PATH;
  process.env.PATH = `${fake.bin}:${path}`;
  try {
    const rt = new KubernetesRuntime({ ...kubernetesSettings({}, { apply: true }), dataDir, credentials: async () => ({ id: "service.x", secret: "s" }) });
    const ts = await uploadFiles(dataDir, { "package.json": scaffold(`^${have.version}`) });
    await rt.create({ name: "hello", version: "latest", namespace: "acme", source: ts.source });
    assert.ok(fromYaml((await fake.calls())[0].stdin).some((o) => o.kind === "ConfigMap" && o.metadata?.name === "hello-deps"), "applied with its framework");
    await rt.update("acme", "hello", (await upload(dataDir, "go")).source);
    const calls = await fake.calls();
    assert.deepEqual(calls.map((c) => c.argv[0]), ["apply", "apply", "delete"]);
    assert.deepEqual(fromYaml(calls[2].stdin).map((o) => `${o.kind}/${o.metadata?.name}`), ["ConfigMap/hello-deps"], "only what the new manifests lack");
    // an update that changes nothing of the kind deletes nothing
    await rt.update("acme", "hello");
    assert.deepEqual((await fake.calls()).map((c) => c.argv[0]), ["apply", "apply", "delete", "apply"]);
  } finally {
    process.env.PATH = path;
    await rm(dataDir, { recursive: true, force: true });
    await rm(fake.dir, { recursive: true, force: true });
  }
});
