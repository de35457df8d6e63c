// `micro new NAME`: renders templates/new/<lang>/ with handlebars into ./NAME. File names say `name` where the
// service's name goes (proto/name.proto → proto/helloworld.proto), `module` where a Python module name goes
// (order-history → order_history); `gitignore` becomes `.gitignore` (npm would drop a dotfile named .gitignore
// from the published templates).
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { languageVersions } from "./versions.js";

/** The toolchain's root: dist/runtime/cli/scaffold/index.js → four levels up. */
export const TOOLCHAIN_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

export const LANGUAGES = ["ts", "go", "python"] as const;
export type Language = (typeof LANGUAGES)[number];

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why `name` cannot name a service, or undefined when it can. */
export function invalidName(name: string): string | undefined {
  if (!NAME.test(name)) return `invalid service name "${name}": use lowercase letters and digits, words joined by single dashes, starting with a letter (e.g. helloworld, order-history)`;
  if (name.length > 63) return `invalid service name "${name}": at most 63 characters`;
  return undefined;
}

export interface ScaffoldValues {
  name: string;
  /** The proto service and handler class: order-history → OrderHistory. */
  serviceName: string;
  /** A proto package may not contain dashes: order-history → orderhistory. */
  protoPackage: string;
  /** A Python module may not contain dashes either: order-history → order_history. */
  module: string;
  /** The dependency spec of micro-ts in the new package.json: ^ the toolchain's version. micro-ts is not on the npm
   * registry; the server that builds the service provides it (runtime/launcher/framework.ts). */
  toolchain: string;
  /** The toolchain's root as a plain path (where the Go and Python SDKs are: sdk/go, sdk/python). */
  toolchainDir: string;
  versions: Record<string, string>;
}

export function scaffoldValues(name: string, lang: Language = "ts"): ScaffoldValues {
  const serviceName = name.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  const toolchainDir = TOOLCHAIN_ROOT.replace(/\/$/, "");
  return {
    name, serviceName, protoPackage: name.replace(/-/g, ""), module: name.replace(/-/g, "_"),
    toolchain: `^${toolchainVersion()}`, toolchainDir,
    versions: lang === "ts" ? {
      protobuf: installedVersion("@bufbuild/protobuf"),
      typescript: `~${installedVersion("typescript")}`,
      typesNode: `^${installedVersion("@types/node").split(".")[0]}.0.0`,
    } : languageVersions(lang, toolchainDir),
  };
}

/** The toolchain's own version (its package.json's), which is the version of the micro-ts package it assembles. */
export function toolchainVersion(): string {
  return (JSON.parse(readFileSync(join(TOOLCHAIN_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** The packed micro-ts of this toolchain (scripts/build-packages.mjs): what a scaffold installs for editor types. */
export function frameworkTarball(): string {
  return join(TOOLCHAIN_ROOT, "dist", "packages", `micro-ts-${toolchainVersion()}.tgz`);
}

/** Pins a dependency to what the toolchain itself runs with, so the scaffold builds against the same code. */
function installedVersion(pkg: string): string {
  const file = join(TOOLCHAIN_ROOT, "node_modules", pkg, "package.json");
  if (!existsSync(file)) throw new Error(`the toolchain has no ${pkg} installed (run npm ci in ${TOOLCHAIN_ROOT})`);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** Renders every template of `lang` into `target` (which must not exist); returns the files written. */
export async function renderScaffold(lang: Language, target: string, values: ScaffoldValues): Promise<string[]> {
  const root = join(TOOLCHAIN_ROOT, "templates", "new", lang);
  if (!existsSync(root)) throw new Error(`no templates for --lang ${lang}`);
  const written: string[] = [];
  for (const template of await listFiles(root)) {
    const rel = relative(root, template).replace(/\.hbs$/, "");
    const out = join(target, rel.split("/").map((part) => outputName(part, values)).join("/"));
    const render = Handlebars.compile(readFileSync(template, "utf8"), { noEscape: true, strict: true });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, render(values));
    written.push(relative(target, out));
  }
  return written;
}

function outputName(part: string, values: ScaffoldValues): string {
  if (part === "gitignore") return ".gitignore";
  return part.replace(/^name(?=[._]|$)/, values.name).replace(/^module(?=[._]|$)/, values.module);
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}
