// The manifests on disk, <dataDir>/kubernetes/<kubernetes-namespace>/<service>.yaml: what the runtime created, for
// users to read and apply themselves, and the runtime's own record of its services. Mode 0600: a Secret is inside.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import type { KubeObject } from "./manifests.js";
import { kubeNamespace, objectName } from "./names.js";

export function manifestDir(dataDir: string, tenant: string): string {
  return join(dataDir, "kubernetes", kubeNamespace(tenant));
}

export function manifestPath(dataDir: string, tenant: string, service: string): string {
  return join(manifestDir(dataDir, tenant), `${objectName(service)}.yaml`);
}

export function toYaml(objects: KubeObject[]): string {
  // lineWidth 0: no folding; no anchors/aliases for the label maps shared between objects: plain YAML to read.
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n");
}

export function fromYaml(text: string): KubeObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw new Error(doc.errors[0].message);
    return doc.toJS() as KubeObject;
  }).filter(Boolean);
}

const HEADER = `# Written by micro server (kubernetes runtime). Apply with: kubectl apply -f <this file>
# It holds the service account credentials of the service in a Secret: keep it private.
`;

export async function writeManifests(path: string, objects: KubeObject[]): Promise<string> {
  const text = toYaml(objects);
  await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
  await writeFile(`${path}.tmp`, HEADER + text, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return text;
}

export async function readManifests(path: string): Promise<KubeObject[] | undefined> {
  const text = await readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw err;
  });
  return text === undefined ? undefined : fromYaml(text);
}

/** Every manifest file of a tenant namespace. */
export async function listManifests(dataDir: string, tenant: string): Promise<KubeObject[][]> {
  const dir = manifestDir(dataDir, tenant);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".yaml")).sort();
  const out: KubeObject[][] = [];
  for (const f of files) {
    const objects = await readManifests(join(dir, f));
    if (objects) out.push(objects);
  }
  return out;
}

export async function removeManifests(path: string): Promise<void> {
  await rm(path, { force: true });
}
