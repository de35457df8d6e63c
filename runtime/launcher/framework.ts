// The framework a Node service depends on (micro-ts), provided by this server. micro-ts is not on the npm
// registry: a scaffold names it by version ("micro-ts": "^0.1.0"), and the server that builds the service supplies
// the package it was installed with (dist/packages/micro-ts-<version>.tgz, assembled by scripts/build-packages.mjs),
// when that version satisfies the range. So a service pushed to git builds on any machine's server, not only where
// its author's toolchain lives. Only the build directory changes, never the uploaded or fetched source: the tarball
// is copied into .micro/ there and package.json's micro-ts dependency points at it, both written as the build's
// user (the namespace's sandbox user), which then needs no right to the server's files.
// The kubernetes runtime decides by the same rule (frameworkPlan) and ships the package to the pod, whose build
// step makes the same change in its own copy of the source (kubernetes/toolchain.ts, FRAMEWORK_STEP).
import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { runStep, type StepOptions } from "./exec.js";

export const FRAMEWORK = "micro-ts";
/** dist/runtime/launcher/framework.js → dist/packages/ */
const PACKAGES_DIR = fileURLToPath(new URL("../../packages/", import.meta.url));

export interface ProvidedPackage {
  version: string;
  /** The packed package's absolute path. */
  tarball: string;
}

export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The framework this server provides, from dist/packages/index.json; undefined when the build did not assemble it. */
export function providedFramework(dir: string = PACKAGES_DIR): ProvidedPackage | undefined {
  let index: Record<string, { version?: string; tarball?: string }>;
  try {
    index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  } catch {
    return undefined;
  }
  const entry = index[FRAMEWORK];
  return entry?.version && entry.tarball ? { version: entry.version, tarball: join(dir, entry.tarball) } : undefined;
}

/** Where package.json names micro-ts by a version range, and the range; undefined when npm should resolve it
 * itself (not named, or named by a file:, git or URL spec — a service that brings its own framework). */
export function frameworkRange(pkg: PackageJson): { field: "dependencies" | "devDependencies"; range: string } | undefined {
  if (!pkg || typeof pkg !== "object") return undefined;
  for (const field of ["dependencies", "devDependencies"] as const) {
    const spec = pkg[field]?.[FRAMEWORK];
    if (typeof spec !== "string") continue;
    if (semver.validRange(spec) !== null) return { field, range: spec };
    // file:, link:, git+…, https:…, npm:alias, user/repo: npm fetches those as usual
    if (/[:/]/.test(spec)) return undefined;
    throw new Error(`package.json names ${FRAMEWORK} "${spec}" (in ${field}), which is not a version range: ${FRAMEWORK} is not on the npm registry, the server provides it for a range such as "^${providedFramework()?.version ?? "0.1.0"}"`);
  }
  return undefined;
}

function provided(): ProvidedPackage {
  const p = providedFramework();
  if (!p) throw new Error(`this server has no ${FRAMEWORK} package to provide (${join(PACKAGES_DIR, "index.json")} is missing: run npm run build in the toolchain)`);
  return p;
}

/** Why `have` cannot serve `range`, or undefined when it can. */
export function mismatch(have: ProvidedPackage, range: string): string | undefined {
  if (semver.satisfies(have.version, range)) return undefined;
  return `this server provides ${FRAMEWORK} ${have.version}; the service asks for ${range}`;
}

export interface FrameworkPlan {
  /** Where package.json names micro-ts, and the range it asks for. */
  field: "dependencies" | "devDependencies";
  range: string;
  /** The package this server provides for it. */
  have: ProvidedPackage;
  /** Where the copy goes, relative to the service directory, and what package.json then names: file:<local>. */
  local: string;
}

/** The one rule, for every runtime: whether this server provides micro-ts to a service with this package.json.
 * undefined when npm resolves it itself; throws, with the message the user sees, when the server cannot (a tag,
 * a range its version does not satisfy, or no package assembled). */
export function frameworkPlan(pkg: PackageJson): FrameworkPlan | undefined {
  const wanted = frameworkRange(pkg);
  if (!wanted) return undefined;
  const have = provided();
  const problem = mismatch(have, wanted.range);
  if (problem) throw new Error(problem);
  return { ...wanted, have, local: `.micro/${FRAMEWORK}-${have.version}.tgz` };
}

/** Before `npm install` in `dir` (a build directory): points a micro-ts version range at this server's package. */
export async function provideFramework(dir: string, pkg: PackageJson, o: StepOptions): Promise<void> {
  const plan = frameworkPlan(pkg);
  if (!plan) return;
  const { field, range, have, local } = plan;
  o.log.append("build", `${FRAMEWORK} ${range}: provided by this server (${FRAMEWORK} ${have.version})`);
  // the server opens its file and the build's user writes the copy: that user never reads the toolchain
  const file = await open(have.tarball, "r");
  try {
    await runStep("sh", ["-c", 'mkdir -p .micro && cat > "$1"', "sh", local], { ...o, cwd: dir, stdin: file.fd });
  } finally {
    await file.close();
  }
  const rewritten = { ...pkg, [field]: { ...pkg[field], [FRAMEWORK]: `file:${local}` } };
  await runStep("sh", ["-c", "cat > package.json"], { ...o, cwd: dir, stdin: Readable.from([`${JSON.stringify(rewritten, null, 2)}\n`]) });
}
