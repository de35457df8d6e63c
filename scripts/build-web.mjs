// The web interface's bundle (run by prepare.mjs after tsc): web/ is type-checked with its own tsconfig (DOM
// types, Preact's JSX), then esbuild bundles web/main.tsx — Preact, the forms, the JSON Schema validator, the
// CSS — into dist/web/assets/main-<hash>.{js,css}, and each lazily imported page (runtime, store, config, events,
// accounts) into a chunk-<hash>.js of its own, so the first page ships only what it uses; each file has a .gz twin the server sends to browsers that take
// gzip, and writes dist/web/index.html naming them. Hashed names let the server cache them for a year; the
// page has no inline script or style (its Content-Security-Policy allows none). Built aside and moved into place.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const out = "dist/web";
const staging = `${out}.building`;
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "web/tsconfig.json"], { stdio: "inherit" });

rmSync(staging, { recursive: true, force: true });
const result = await build({
  entryPoints: ["web/main.tsx"], bundle: true, minify: true, format: "esm", target: "es2022", platform: "browser",
  jsx: "automatic", jsxImportSource: "preact", outdir: join(staging, "assets"), entryNames: "[name]-[hash]",
  splitting: true, chunkNames: "chunk-[hash]", metafile: true, legalComments: "none", logLevel: "warning",
});
const outputs = Object.entries(result.metafile.outputs).map(([p, o]) => ({ file: p.slice(staging.length + 1), entry: o.entryPoint }));
const files = outputs.map((o) => o.file);
const script = outputs.find((o) => o.entry === "web/main.tsx" && o.file.endsWith(".js"))?.file;
const style = files.find((f) => f.endsWith(".css"));
if (!script || !style) throw new Error(`esbuild wrote no script or no stylesheet: ${files.join(", ")}`);
for (const f of readdirSync(join(staging, "assets"))) {
  writeFileSync(join(staging, "assets", f + ".gz"), gzipSync(readFileSync(join(staging, "assets", f)), { level: 9 }));
}
writeFileSync(join(staging, "index.html"), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Micro</title>
<link rel="stylesheet" href="/${style}">
<script type="module" src="/${script}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`);
mkdirSync("dist", { recursive: true });
rmSync(out, { recursive: true, force: true });
renameSync(staging, out);
const size = (f) => readFileSync(join(out, f + ".gz")).length;
const chunks = files.filter((f) => f.endsWith(".js") && f !== script);
process.stdout.write(`web: ${script} (${(size(script) / 1024).toFixed(1)} KB gzipped), ${style} (${(size(style) / 1024).toFixed(1)} KB gzipped), ` +
  `${chunks.length} lazy chunks (${(chunks.reduce((n, f) => n + size(f), 0) / 1024).toFixed(1)} KB gzipped)\n`);
