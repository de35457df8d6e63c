// Data flows one way: protos → model → emitters → files or live tables. The running platform (runtime/) uses the
// generators only through their public entries — the codegen entry, the shared rules and the run-time tables — and
// never reaches into an emitter's internals (generators/emit/*), so an emitter can change shape without the
// runtime depending on how it is built.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PUBLIC_ENTRIES = new Set(["generators/index.ts", "generators/rules/index.ts", "generators/tables/index.ts"]);
// Static imports, re-exports and dynamic import() of a relative specifier.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every import from a file under `from` into `into`, as "file: target". */
function importsInto(from: string, into: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  for (const file of sources(join(ROOT, from))) {
    for (const m of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const target = relative(ROOT, resolve(dirname(file), m[1]!)).replace(/\.js$/, ".ts");
      if (target.startsWith(`${into}/`)) out.push({ file: relative(ROOT, file), target });
    }
  }
  return out;
}

test("runtime/ imports the generators only through their public entries, never generators/emit/*", () => {
  const imports = importsInto("runtime", "generators");
  const outside = imports.filter((i) => !PUBLIC_ENTRIES.has(i.target)).map((i) => `${i.file} → ${i.target}`);
  assert.deepEqual(outside, [], `runtime/ reaches into generators/ past ${[...PUBLIC_ENTRIES].join(", ")}`);
  assert.ok(imports.length > 0, "the scan found runtime's imports of the generators (a scan that finds nothing checks nothing)");
});

test("the scan catches an import into generators/emit/", () => {
  const text = `import { x } from "../../generators/emit/cli/flags.js";\nconst y = await import("../../generators/emit/routes/index.js");`;
  const found = [...text.matchAll(SPECIFIER)].map((m) => m[1]);
  assert.deepEqual(found, ["../../generators/emit/cli/flags.js", "../../generators/emit/routes/index.js"]);
});

test("the generators never import the runtime (the flow is one way)", () => {
  const back = importsInto("generators", "runtime").map((i) => `${i.file} → ${i.target}`);
  assert.deepEqual(back, []);
});
