// Renders templates/<lang>/**/*.hbs with handlebars. A template whose path names a package placeholder
// (`[pkg]`, from PackageView.path) is rendered once per package, one naming a service placeholder once per
// service; the others once for the whole SDK. Templates see the SdkView as `root` and, per package or service,
// that object's fields at the top.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { camel, pascal, screaming, snake } from "./names.js";
import type { SdkView } from "./view.js";

/** templates/ of the toolchain: dist/generators/emit/sdk → four levels up, then templates. */
export const TEMPLATES_ROOT = fileURLToPath(new URL("../../../../templates/", import.meta.url));

export interface RenderedFile {
  /** Path relative to the SDK's root, "/"-separated. */
  readonly path: string;
  readonly content: string;
}

const hbs = Handlebars.create();
hbs.registerHelper({
  snake: (s: string) => snake(s),
  camel: (s: string) => camel(s),
  pascal: (s: string) => pascal(s),
  screaming: (s: string) => screaming(s),
  lower: (s: string) => s.toLowerCase(),
  /** Comment lines prefixed with `prefix` (e.g. "// "), one per line, each ending in a newline and `indent`. */
  comment: (lines: string[], prefix: string, indent: unknown) =>
    lines.map((l) => (prefix + l).trimEnd() + "\n" + (typeof indent === "string" ? indent : "")).join(""),
  /** Comment lines prefixed with `prefix`, joined by newlines, none after the last: for a line of its own. */
  doc: (lines: string[], prefix: string) => lines.map((l) => (prefix + l).trimEnd()).join("\n"),
  json: (v: unknown) => JSON.stringify(v),
  eq: (a: unknown, b: unknown) => a === b,
});

const PLACEHOLDER = /\[([a-z]+)\]/g;

export function renderTemplates(lang: string, view: SdkView, templatesRoot = TEMPLATES_ROOT): RenderedFile[] {
  const root = join(templatesRoot, lang);
  const out: RenderedFile[] = [];
  for (const file of listFiles(root)) {
    const rel = relative(root, file).split("\\").join("/").replace(/\.hbs$/, "");
    const render = hbs.compile(readFileSync(file, "utf8"), { noEscape: true, strict: false });
    const names = [...rel.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    const rootPath = view.path ?? {};
    const scopes: Array<{ data: object; path: Record<string, string> }> =
      names.every((n) => rootPath[n] !== undefined) ? [{ data: view, path: rootPath }]
      : names.some((n) => view.services[0]?.path[n] !== undefined)
        ? view.services.map((s) => ({ data: s, path: { ...rootPath, ...packageOf(view, s.package).path, ...s.path } }))
        : view.packages.map((p) => ({ data: p, path: { ...rootPath, ...p.path } }));
    for (const scope of scopes) {
      const path = rel.replace(PLACEHOLDER, (_, name: string) => {
        const value = scope.path[name];
        if (value === undefined) throw new Error(`${lang}/${rel}: no value for [${name}]`);
        return value;
      });
      const content = render({ ...scope.data, root: view }, { allowProtoPropertiesByDefault: true });
      if (content.trim() !== "") out.push({ path: path.replace(/\/{2,}/g, "/").replace(/^\//, ""), content });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function packageOf(view: SdkView, name: string) {
  return view.packages.find((p) => p.name === name)!;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.name.endsWith(".hbs")) out.push(path);
  }
  return out.sort();
}
