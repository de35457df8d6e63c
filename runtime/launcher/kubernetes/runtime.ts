// The kubernetes runtime: each service becomes a Deployment + Service in a namespace per tenant. Create and update
// always write the manifests under <dataDir>/kubernetes/; with `apply` they also go to the cluster via kubectl, and
// status and logs come from there. Without `apply` the runtime only writes: status stays "pending".
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Pod, Secret } from "kubernetes-types/core/v1.js";
import { FRAMEWORK, frameworkPlan, type PackageJson } from "../framework.js";
import { checkRunSpec } from "../spec.js";
import { MicroError } from "../../rpc/errors.js";
import { isGitSource, resolveGit, uploadPath, UPLOAD_PREFIX } from "../source.js";
import type { LogLine, LogQuery, RunSpec, Runtime, ServiceState } from "../types.js";
import { listManifests, manifestPath, readManifests, removeManifests, toYaml, writeManifests } from "./files.js";
import { kubectl, kubectlLines } from "./kubectl.js";
import { ANNOTATION, LABEL, manifests, type FrameworkShipment, type KubeObject, type SourcePlan } from "./manifests.js";
import { kubeNamespace, labelValue, objectName } from "./names.js";
import type { KubernetesSettings } from "./options.js";
import { clusterStatus, groupByService } from "./status.js";
import { TENANT_KINDS } from "./tenant.js";
import { archiveProbe, DEFAULT_IMAGES, gitProbe, toolchainOf, type Probe } from "./toolchain.js";

export interface KubernetesRuntimeOptions extends KubernetesSettings {
  dataDir: string;
  /** Service account credentials for a service (the Secret's MICRO_AUTH_ID / MICRO_AUTH_SECRET). */
  credentials?: (namespace: string, name: string) => Promise<Credentials | undefined>;
  /** Deletes a service's account (micro kill). */
  revokeCredentials?: (namespace: string, name: string) => Promise<void>;
  /** The server's terminal, which hides a URL's user and password (see hideUrlCredentials). */
  log?: (line: string) => void;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** A ConfigMap holds at most 1 MiB, and base64 takes a third more. */
export const MAX_UPLOAD_BYTES = 700 * 1024;

const bad = (detail: string) => new MicroError("runtime", 400, detail);
const pending = (spec: RunSpec): ServiceState => ({ ...spec, status: "pending", restarts: 0, desired: "running" });
type Credentials = { id: string; secret: string };

export class KubernetesRuntime implements Runtime {
  constructor(private readonly o: KubernetesRuntimeOptions) {}

  /** Nothing to bring back: the cluster keeps the services running, the manifests stay on disk. */
  async restore(): Promise<void> {}

  async close(): Promise<void> {}

  async create(spec: RunSpec): Promise<ServiceState> {
    checkRunSpec(spec);
    for (const k of Object.keys(spec.env ?? {})) if (!ENV_NAME.test(k)) throw bad(`invalid environment variable name "${k}"`);
    const path = manifestPath(this.o.dataDir, spec.namespace, spec.name);
    if (await readManifests(path)) throw new MicroError("runtime", 409, `service ${spec.name} is already running: use micro update or micro kill`);
    await this.deploy(spec, async () => this.o.credentials?.(spec.namespace, spec.name), path);
    return pending(spec);
  }

  async update(namespace: string, name: string, source?: string): Promise<ServiceState> {
    const path = manifestPath(this.o.dataDir, namespace, name);
    const objects = await this.existing(namespace, name);
    const { updated: _, ...recorded } = specOf(objects);
    const spec = { ...recorded, ...(source ? { source } : {}) };
    // The running pods keep working through the rollout with the credentials they have, so keep them.
    const secret = objects.find((o): o is Secret => o.kind === "Secret");
    const kept = secret?.stringData?.MICRO_AUTH_ID && secret.stringData.MICRO_AUTH_SECRET
      ? { id: secret.stringData.MICRO_AUTH_ID, secret: secret.stringData.MICRO_AUTH_SECRET } : undefined;
    await this.deploy(spec, async () => kept ?? this.o.credentials?.(namespace, name), path, objects);
    return pending(spec);
  }

  async delete(namespace: string, name: string): Promise<void> {
    const objects = await this.existing(namespace, name);
    // The Namespace, its ServiceAccount and NetworkPolicy stay: the tenant's other services live in it.
    const own = objects.filter((o) => !TENANT_KINDS.has(o.kind ?? ""));
    if (this.o.apply) await kubectl(this.o.kubectl, ["delete", "--ignore-not-found", "--wait=false", "-f", "-"], toYaml(own));
    await removeManifests(manifestPath(this.o.dataDir, namespace, name));
    await this.o.revokeCredentials?.(namespace, name).catch(() => undefined);
    this.o.log?.(`kubernetes: deleted ${namespace}/${name}`);
  }

  async list(namespace: string, name?: string): Promise<ServiceState[]> {
    const all = (await listManifests(this.o.dataDir, namespace)).map(specOf).filter((s) => s.namespace === namespace);
    const specs = name ? all.filter((s) => s.name === name) : all;
    // A cluster it cannot see makes each service's status an error that says why, not the whole listing.
    const live = this.o.apply && specs.length ? await this.clusterState(namespace).catch((err: Error) => err) : undefined;
    return specs.map(({ updated, ...spec }) => {
      const base = pending(spec);
      if (!this.o.apply) {
        const file = manifestPath(this.o.dataDir, namespace, spec.name);
        return { ...base, note: `manifests written to ${file} (kubectl apply -f ${file}, or start the server with --kubernetes-apply)` };
      }
      if (!live) return base;
      if (live instanceof Error) return { ...base, status: "error", error: live.message };
      const found = live.get(objectName(spec.name));
      const c = clusterStatus(found?.deploy, found?.pods ?? []);
      // "started" is when this version was rolled out: `micro update` waits for a start after its own call.
      return { ...base, ...c, ...(c.status === "running" ? { started: updated } : {}) };
    });
  }

  async *logs(namespace: string, name: string, query: LogQuery): AsyncIterable<LogLine> {
    await this.existing(namespace, name);
    if (!this.o.apply) {
      throw new MicroError("runtime", 501, "logs need --kubernetes-apply: without it this runtime only writes manifests (kubectl logs shows them once you applied them)");
    }
    const args = ["logs", "-n", kubeNamespace(namespace), `deployment/${objectName(name)}`, "--all-containers=true", "--prefix=true", "--timestamps=true"];
    if (query.count) args.push(`--tail=${query.count}`);
    if (query.sinceMs) args.push(`--since-time=${new Date(query.sinceMs).toISOString()}`);
    if (query.follow) args.push("--follow=true");
    for await (const line of kubectlLines(this.o.kubectl, args, query.signal)) yield parseLogLine(line);
  }

  /** Writes the manifests, then applies them when asked, and deletes what the previous ones had and these do not. */
  private async deploy(spec: RunSpec, credentials: () => Promise<Credentials | undefined>, path: string, previous: KubeObject[] = []): Promise<void> {
    const { source, image, framework } = await this.plan(spec);
    // Only a source that can be deployed gets a service account.
    const objects = manifests({
      spec, source, image, framework, gitImage: this.o.gitImage, proxy: this.o.proxy,
      network: { server: this.o.server, egressAllow: this.o.egressAllow }, runAs: this.o.runAs, credentials: await credentials(), updated: new Date().toISOString(),
    });
    const text = await writeManifests(path, objects);
    if (this.o.apply) {
      try {
        await kubectl(this.o.kubectl, ["apply", "-f", "-"], text);
      } catch (err) {
        this.o.log?.(`kubernetes: apply of ${spec.namespace}/${spec.name} failed; manifests kept in ${path}`);
        throw new MicroError("runtime", 500, `${(err as Error).message} (micro update ${spec.name} applies again, micro kill ${spec.name} removes it)`);
      }
      // e.g. the -deps ConfigMap of a version that needed micro-ts, or the -source one of an upload now run from git;
      // the pods being replaced already ran their init containers, so they do not need them
      const kept = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
      const gone = previous.filter((o) => !TENANT_KINDS.has(o.kind ?? "") && !kept.has(`${o.kind}/${o.metadata?.name}`));
      if (gone.length) {
        await kubectl(this.o.kubectl, ["delete", "--ignore-not-found", "--wait=false", "-f", "-"], toYaml(gone)).catch((err: Error) =>
          this.o.log?.(`kubernetes: could not delete ${gone.map((o) => `${o.kind}/${o.metadata?.name}`).join(", ")} of ${spec.namespace}/${spec.name}: ${err.message}`));
      }
    }
    this.o.log?.(`kubernetes: ${this.o.apply ? "applied" : "wrote"} ${spec.namespace}/${spec.name} (${path})`);
  }

  /** Where the pod gets the source from, which image builds it, and whether the server ships micro-ts with it. */
  private async plan(spec: RunSpec): Promise<{ source: SourcePlan; image: string; framework?: FrameworkShipment }> {
    const pick = (t: keyof typeof DEFAULT_IMAGES | undefined) => this.o.image ?? DEFAULT_IMAGES[t ?? "node"];
    if (spec.source.startsWith(UPLOAD_PREFIX)) {
      const id = spec.source.slice(UPLOAD_PREFIX.length);
      if (!/^[a-zA-Z0-9-]+$/.test(id)) throw bad(`invalid upload id ${id}`);
      const file = uploadPath(this.o.dataDir, id);
      const size = await stat(file).then((s) => s.size, () => -1);
      if (size < 0) throw bad(`upload ${id} not found: upload the source again`);
      if (size > MAX_UPLOAD_BYTES) {
        throw bad(`the uploaded source is ${Math.ceil(size / 1024)} KiB: the kubernetes runtime ships an upload in a ConfigMap, at most ${MAX_UPLOAD_BYTES / 1024} KiB; push the service to git and micro run its git URL`);
      }
      const probe = await archiveProbe(file);
      const toolchain = toolchainOf(probe.files);
      if (!toolchain) throw bad("no package.json, go.mod or main.py in the uploaded source: cannot tell how to build this service");
      const framework = await this.framework(spec, probe);
      return { source: { kind: "upload", archive: await readFile(file) }, image: pick(toolchain), framework };
    }
    if (isGitSource(spec.source)) {
      const git = await resolveGit(spec.source, process.env).catch((err: Error) => { throw bad(err.message); });
      if (git.subdir.split("/").includes("..")) throw bad(`invalid subdirectory ${git.subdir}`);
      // To choose the image (the pod's own build step tells the toolchain again) and read package.json. The pod
      // clones on its own, so a repository the server cannot read may still build there, without micro-ts.
      const probe = await gitProbe(git, process.env).catch((err: Error) => {
        this.o.log?.(`kubernetes: could not read ${spec.source} from the server (${err.message.split("\n")[0]}); the pod builds it without ${FRAMEWORK} from the server`);
        return { files: [] } as Probe;
      });
      const toolchain = toolchainOf(probe.files);
      if (!toolchain && !this.o.image) this.o.log?.(`kubernetes: could not tell the toolchain of ${spec.source}; using ${pick(undefined)}`);
      const framework = await this.framework(spec, probe);
      return { source: { kind: "git", git }, image: pick(toolchain), framework };
    }
    throw bad(`unsupported source "${spec.source}" for the kubernetes runtime: use a git URL, or micro run a directory (it is uploaded)`);
  }

  /** micro-ts for the pod, by the local runtime's rule; a service it cannot serve is refused here, before any
   * manifest is written. */
  private async framework(spec: RunSpec, probe: Probe): Promise<FrameworkShipment | undefined> {
    if (probe.packageJson === undefined) return undefined;
    let pkg: PackageJson;
    try {
      pkg = JSON.parse(probe.packageJson);
    } catch (err) {
      throw bad(`package.json is not valid JSON: ${(err as Error).message}`);
    }
    let plan;
    try {
      plan = frameworkPlan(pkg);
    } catch (err) {
      throw bad((err as Error).message);
    }
    if (!plan) return undefined;
    this.o.log?.(`kubernetes: ${spec.namespace}/${spec.name}: ${FRAMEWORK} ${plan.range} provided by this server (${FRAMEWORK} ${plan.have.version})`);
    return {
      file: basename(plan.local), tarball: await readFile(plan.have.tarball),
      field: plan.field, range: plan.range, local: plan.local,
    };
  }

  private async existing(namespace: string, name: string): Promise<KubeObject[]> {
    const objects = await readManifests(manifestPath(this.o.dataDir, namespace, name));
    if (!objects || specOf(objects).namespace !== namespace) throw new MicroError("runtime", 404, `service ${name} not found`);
    return objects;
  }

  private async clusterState(namespace: string) {
    const { stdout } = await kubectl(this.o.kubectl, ["get", "deployments,pods", "-n", kubeNamespace(namespace),
      "-l", `${LABEL.namespace}=${labelValue(namespace)}`, "-o", "json"]);
    const list = JSON.parse(stdout) as { items?: Array<Deployment | Pod> };
    return groupByService(list.items ?? []);
  }
}

/** The run spec a manifest file records (in its Deployment's annotations and env). */
function specOf(objects: KubeObject[]): RunSpec & { updated?: number } {
  const d = objects.find((o): o is Deployment => o.kind === "Deployment");
  const a = d?.metadata?.annotations ?? {};
  const keys = new Set((a[ANNOTATION.envKeys] ?? "").split(",").filter(Boolean));
  const env = (d?.spec?.template.spec?.containers.find((c) => c.name === "run")?.env ?? [])
    .filter((e) => keys.has(e.name) && e.value !== undefined).map((e) => [e.name, e.value as string]);
  return {
    name: a[ANNOTATION.name] ?? "", namespace: a[ANNOTATION.namespace] ?? "", version: a[ANNOTATION.version] ?? "latest",
    source: a[ANNOTATION.source] ?? "", env: Object.fromEntries(env),
    updated: a[ANNOTATION.updated] ? Date.parse(a[ANNOTATION.updated]) : undefined,
  };
}

/** `[pod/<pod>/<container>] <RFC3339 time> <message>`: the fetch and build init containers are the build log. */
export function parseLogLine(line: string): LogLine {
  const m = /^\[pod\/[^/\]]+\/([^\]]+)\] (\S+) ?(.*)$/.exec(line);
  if (!m) return { timestamp: Date.now(), stream: "stdout", message: line };
  const ts = Date.parse(m[2]);
  return { timestamp: Number.isNaN(ts) ? Date.now() : ts, stream: m[1] === "run" ? "stdout" : "build", message: m[3] };
}
