// The benches' child processes: a compiled bench script that answers on a stdout line (a server's address, a load
// generator's figures), a command run to completion, and hyperfine over a list of commands.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";

/** Spawns a compiled bench script (`node <script> <args>`, with `env` over this process's environment) and resolves
 * `line` with the first stdout line that `pick` accepts; `line` rejects when the script exits first. */
export function child(script: string, args: string[], env: Record<string, string>, pick: (line: string) => boolean,
  what = basename(script)): { proc: ChildProcess; line: Promise<string> } {
  const proc = spawn(process.execPath, [...profileFlags(), script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const line = new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on("line", (l) => { if (pick(l)) resolve(l); });
    proc.on("exit", (code) => reject(new Error(`${what} exited ${code} before answering`)));
  });
  return { proc, line };
}

/** BENCH_CPU_PROF=<dir>: every bench child writes a V8 CPU profile there (node refuses --cpu-prof in NODE_OPTIONS;
 * run the bench itself as `node --cpu-prof --cpu-prof-dir=<dir> dist/bench/...` to profile the parent too). */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** Runs a command to completion, collecting its output (never rejecting on its exit code). */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d) => (stdout += d));
    proc.stderr.on("data", (d) => (stderr += d));
    proc.on("error", reject);
    proc.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** One command's timing by hyperfine, in milliseconds (user and system: CPU time). */
export interface HyperfineTiming { mean: number; stddev: number; median: number; min: number; user: number; system: number }

/** hyperfine over `commands` (shell words, run without a shell: -N), 3 warm-up runs then `runs` runs each, in a
 * child process (so that this process keeps serving the calls it times); the timings in the commands' order. */
export async function hyperfine(commands: string[], runs: number, env: NodeJS.ProcessEnv = process.env): Promise<HyperfineTiming[]> {
  const dir = await mkdtemp(join(tmpdir(), "micro-bench-hyperfine-"));
  try {
    const json = join(dir, "hyperfine.json");
    const hf = await run("hyperfine", ["-N", "--warmup", "3", "--runs", String(runs), "--export-json", json, "--style", "none", ...commands], env);
    if (hf.code !== 0) throw new Error(`hyperfine failed: ${hf.stderr}`);
    const { results } = JSON.parse(await readFile(json, "utf8")) as { results: HyperfineTiming[] };
    return results.map((r) => ({
      mean: r.mean * 1000, stddev: r.stddev * 1000, median: r.median * 1000, min: r.min * 1000, user: r.user * 1000, system: r.system * 1000,
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
