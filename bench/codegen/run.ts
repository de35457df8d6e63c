// `npm run bench:codegen [-- --compute | --full]`: protoc-gen-micro against protoc-gen-es, each a plugin process fed
// the same protoc-captured CodeGeneratorRequest, as protoc would run it. Prints figures only; nothing fails on time.
//   (default)   the googleapis set of googleapis.ts (265 files):   (b) ≤ 1.25× a, (c) cache warm ≤ 0.10× a
//   --compute   google/cloud/compute/v1/compute.proto (one ~4 MB file):   (b) ≤ 0.5× a, memory ≤ a's
//   --full      all of google-proto-files protoc accepts (~8,000 files) in one run:   (b) ≤ 0.5× a
// (a) is protoc-gen-es as published, WITHOUT our patch of @bufbuild/protoplugin (a copy of the installed packages
// with the patch taken out: baseline.ts) — the patch speeds protoc-gen-es up as much as it speeds us, so a patched
// baseline would make the ratio meaningless; (a′) is the patched protoc-gen-es, for reference. Runs are interleaved
// (a, a′, b, c, then again) so that load from elsewhere on the machine falls on all of them alike; best of
// BENCH_RUNS (3; 1 for --full) by wall time, and the highest peak RSS seen for each.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wire } from "../../generators/cjs/protobuf.js";
import { splitParameter } from "../../generators/plugin/parameter.js";
import { prepareBaseline } from "./baseline.js";
import {
  captureRequest, collectCorpus, collectGoogleapis, collectOne, rejectedTemplates, type GoogleapisInput,
} from "./googleapis.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const MICRO_BIN = join(REPO, "bin", "protoc-gen-micro");
const COMPUTE = "google/cloud/compute/v1/compute.proto";

type Mode = "default" | "compute" | "full";

interface Measure { ms: number; files: number; peakMb: number }

interface Row {
  label: string;
  bin: string;
  request: Uint8Array;
  env: NodeJS.ProcessEnv;
  target: string;
  /** Runs once before the measured runs (the warm cache). */
  warm?: boolean;
  best?: Measure;
}

/** Preloaded into each plugin process: writes the process's peak RSS (KB) to MICRO_BENCH_PEAK when it exits. */
const PEAK_PRELOAD = `process.on("exit", () => require("node:fs").writeFileSync(process.env.MICRO_BENCH_PEAK, ` +
  `String(process.resourceUsage().maxRSS)));\n`;

function timeProcess(row: Row, work: string): Measure {
  const peakFile = join(work, "peak");
  const outFile = join(work, "response.bin");
  // The response goes to a file: on the whole corpus it is too big to hold twice in this process.
  const out = openSync(outFile, "w");
  const start = performance.now();
  let r;
  try {
    r = spawnSync(process.execPath, ["--require", join(work, "peak.cjs"), row.bin], {
      input: row.request, env: { ...row.env, MICRO_BENCH_PEAK: peakFile }, stdio: ["pipe", out, "pipe"], maxBuffer: 64 << 20,
    });
  } finally {
    closeSync(out);
  }
  const ms = performance.now() - start;
  if (r.error) throw new Error(`${row.label}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${row.label} exited ${r.status}: ${r.stderr}`);
  const files = countFiles(row.label, readFileSync(outFile));
  return { ms, files, peakMb: Number(readFileSync(peakFile, "utf8")) / 1024 };
}

/** The number of files in a CodeGeneratorResponse, read off its top-level fields without decoding the contents. */
function countFiles(label: string, bytes: Uint8Array): number {
  const reader = new wire.BinaryReader(bytes);
  let files = 0;
  while (reader.pos < reader.len) {
    const [no, wireType] = reader.tag();
    if (no === 1) throw new Error(`${label}: ${reader.string()}`); // CodeGeneratorResponse.error
    if (no === 15) files++;
    reader.skip(wireType, no);
  }
  return files;
}

function inputFor(mode: Mode): GoogleapisInput {
  if (mode === "compute") return collectOne(REPO, COMPUTE);
  if (mode === "full") return collectCorpus(REPO);
  return collectGoogleapis(REPO);
}

function parseMode(argv: readonly string[]): Mode {
  if (argv.length === 0) return "default";
  if (argv.length === 1 && argv[0] === "--compute") return "compute";
  if (argv.length === 1 && argv[0] === "--full") return "full";
  throw new Error(`bench:codegen takes no option, --compute or --full; got: ${argv.join(" ")}`);
}

function main(): void {
  const mode = parseMode(process.argv.slice(2));
  const runs = Number(process.env.BENCH_RUNS ?? (mode === "full" ? 1 : 3));
  const work = mkdtempSync(join(tmpdir(), "micro-bench-"));
  try {
    writeFileSync(join(work, "peak.cjs"), PEAK_PRELOAD);
    const baseline = prepareBaseline(REPO, work);
    let input = inputFor(mode);
    console.log(`${mode === "compute" ? COMPUTE : mode === "full" ? "google-proto-files, all" : "googleapis"}: ` +
      `${input.files.length} files` + (input.excluded.length
      ? ` (${input.excluded.length} left out, protoc ${protocVersion()} rejects them${input.excluded.length <= 12 ? `: ${input.excluded.join(", ")}` : ""})`
      : ""));
    const t0 = performance.now();
    let microRequest = captureRequest(input, work, "");
    if (mode === "full") {
      // The few files whose HTTP rules protoc-gen-micro refuses would fail the whole run: both plugins go without.
      const rejected = rejectedTemplates(microRequest);
      if (rejected.length > 0) {
        console.log(`left out too, protoc-gen-micro refuses their google.api.http path templates: ` +
          rejected.map((r) => `${r.file} (${r.why})`).join("; "));
        const out = new Set(rejected.map((r) => r.file));
        input = { ...input, files: input.files.filter((f) => !out.has(f)), excluded: [...input.excluded, ...out] };
        microRequest = captureRequest(input, work, "");
      }
    }
    // protoc-gen-es gets exactly the parameter protoc-gen-micro would pass it.
    const esRequest = captureRequest(input, work, splitParameter("").esParameter);
    console.log(`request: ${(microRequest.length / 1e6).toFixed(1)} MB, captured from protoc in ${(performance.now() - t0).toFixed(0)} ms`);

    const noCache = { ...process.env, MICRO_NO_CACHE: "1" };
    const cached: NodeJS.ProcessEnv = { ...process.env, MICRO_CACHE_DIR: join(work, "cache") };
    delete cached.MICRO_NO_CACHE;
    const ratio = mode === "default" ? "≤ 1.25× a" : "≤ 0.50× a";
    const rows: Row[] = [
      { label: "(a) protoc-gen-es, as published", bin: baseline.pristineEs, request: esRequest, env: process.env, target: "—" },
      { label: "(a′) protoc-gen-es, patched", bin: baseline.patchedEs, request: esRequest, env: process.env, target: "(reference)" },
      { label: "(b) protoc-gen-micro, all targets, no cache", bin: MICRO_BIN, request: microRequest, env: noCache,
        target: mode === "compute" ? `${ratio}, memory ≤ a` : ratio },
    ];
    if (mode === "default") {
      rows.push({ label: "(c) protoc-gen-micro, cache warm", bin: MICRO_BIN, request: microRequest, env: cached, target: "≤ 0.10× a", warm: true });
    }
    for (const row of rows) if (row.warm) timeProcess(row, work);
    for (let i = 0; i < runs; i++) {
      for (const row of rows) {
        const m = timeProcess(row, work);
        const peakMb = Math.max(m.peakMb, row.best?.peakMb ?? 0);
        row.best = row.best === undefined || m.ms < row.best.ms ? { ...m, peakMb } : { ...row.best, peakMb };
      }
    }
    const a = rows[0]!.best!;
    console.log(`best of ${runs} interleaved run${runs === 1 ? "" : "s"} each, plugin process wall time and peak RSS:`);
    for (const row of rows) {
      const r = row.best!;
      console.log(`${row.label.padEnd(44)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.peakMb.toFixed(0).padStart(5)} MB  ` +
        `${String(r.files).padStart(5)} files  ${(r.ms / a.ms).toFixed(2)}× a time, ${(r.peakMb / a.peakMb).toFixed(2)}× a memory` +
        `  (target ${row.target})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function protocVersion(): string {
  return spawnSync("protoc", ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^libprotoc /, "");
}

main();
