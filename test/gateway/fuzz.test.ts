// Fuzz: ≥ 10,000 malformed requests over real sockets against a real `micro server` (its own process, with
// --expose-gc) hosting the helloworld service. Every answer must be Micro's error envelope {id, code, detail,
// status} with the HTTP status equal to the code — or, for raw garbage node's parser refuses, a clean close —
// the gateway must keep serving valid calls, and its memory must stay flat. The seed is fixed (FUZZ_SEED to
// explore others); a failure prints the case to replay.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { HTTP_STATUS_TEXT } from "../../runtime/rpc/errors.js";
import { CaseMaker, random, type FuzzCase } from "./fuzz-cases.js";
import { exchange, type RawOutcome } from "./raw-http.js";

const CHILD = fileURLToPath(new URL("./fixtures/fuzz-server.js", import.meta.url));
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const WARMUP = 1000;
const PARALLEL = 32;
/** A small body limit keeps the oversize cases cheap; the mechanism is the same at 4 MiB. */
const BODY_LIMIT = 64 * 1024;
const MiB = 1024 * 1024;

interface Child { proc: ChildProcess; port: number; ask(line: string, prefix: string): Promise<string> }

async function startChild(dataDir: string): Promise<Child> {
  const proc = spawn(process.execPath, ["--expose-gc", CHILD], {
    env: { ...process.env, FUZZ_SERVER_DATA_DIR: dataDir, MICRO_API_MAX_BODY_BYTES: String(BODY_LIMIT) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: Interface = createInterface({ input: proc.stdout! });
  const waiting: Array<{ prefix: string; resolve: (l: string) => void }> = [];
  const exited = new Promise<never>((_, reject) => proc.once("exit", (code, signal) => reject(new Error(`the server exited (${code ?? signal})`))));
  exited.catch(() => undefined);
  lines.on("line", (line) => {
    const i = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(line);
  });
  const next = (prefix: string) => Promise.race([new Promise<string>((resolve) => waiting.push({ prefix, resolve })), exited]);
  const ready = await next("ready ");
  return {
    proc, port: Number(ready.split(" ")[1]),
    ask: (line, prefix) => { const answer = next(prefix); proc.stdin!.write(line + "\n"); return answer; },
  };
}

async function memory(child: Child): Promise<{ heap: number; rss: number }> {
  const [, heap, rss] = (await child.ask("mem", "mem ")).split(" ");
  return { heap: Number(heap), rss: Number(rss) };
}

/** What is wrong with an outcome, or undefined when it is right for the case. */
function verdict(c: FuzzCase, o: RawOutcome): string | undefined {
  if (o.kind === "closed") return c.expect === "error-or-close" ? undefined : "closed without an answer";
  if (o.kind === "broken") return o.detail;
  if (o.status < 400 || o.status > 599) return `status ${o.status}`;
  if (o.status >= 500 && !c.allow5xx) return `server error ${o.status} for a client's mistake`;
  if (c.status !== undefined && o.status !== c.status) return `status ${o.status}, expected ${c.status}`;
  if (!/^application\/json\b/.test(o.headers["content-type"] ?? "")) return `content-type ${o.headers["content-type"]}`;
  if (c.head) return Number(o.headers["content-length"]) > 0 ? undefined : "HEAD answer without a content-length";
  let body: unknown;
  try {
    body = JSON.parse(o.body.toString("utf8"));
  } catch {
    return `body is not JSON: ${o.body.toString("latin1").slice(0, 200)}`;
  }
  const e = body as Record<string, unknown>;
  const keys = Object.keys(e).sort().join(",");
  if (keys !== "code,detail,id,status") return `envelope keys ${keys}`;
  if (typeof e.id !== "string" || e.id === "") return "envelope id";
  if (e.code !== o.status) return `envelope code ${e.code} ≠ HTTP ${o.status}`;
  if (typeof e.detail !== "string" || e.detail === "") return "envelope detail";
  if (e.status !== (HTTP_STATUS_TEXT[o.status] ?? e.status) || typeof e.status !== "string" || e.status === "") return `envelope status ${JSON.stringify(e.status)}`;
  return undefined;
}

function describe(c: FuzzCase, index: number): string {
  const text = c.bytes.toString("latin1");
  return `#${index} ${c.kind}: ${JSON.stringify(text.length > 300 ? text.slice(0, 300) + "…" : text)}`;
}

async function validCall(port: number): Promise<void> {
  const o = await exchange(port, Buffer.from(`GET /helloworld/call?name=Alice HTTP/1.1\r\nHost: 127.0.0.1\r\nMicro-Namespace: micro\r\n\r\n`));
  assert.equal(o.kind, "answer", `a valid call failed: ${JSON.stringify(o)}`);
  assert.equal((o as { status: number }).status, 200);
  assert.deepEqual(JSON.parse((o as { body: Buffer }).body.toString()), { msg: "Hello Alice" });
}

/** Runs `count` cases, PARALLEL at a time; returns failures and the outcomes seen per kind. */
async function run(port: number, maker: CaseMaker, count: number, first: number, failures: string[], seen: Map<string, Map<string, number>>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = first + next++;
      const c = maker.next();
      const o = await exchange(port, c.bytes, { end: c.end, head: c.head });
      const problem = verdict(c, o);
      if (problem && failures.length < 50) failures.push(`${problem} — ${describe(c, index)}`);
      const label = o.kind === "answer" ? String(o.status) : o.kind;
      const counts = seen.get(c.kind) ?? new Map<string, number>();
      counts.set(label, (counts.get(label) ?? 0) + 1);
      seen.set(c.kind, counts);
      if (index % 2500 === 0) await validCall(port);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

test(`gateway fuzz: ${CASES} malformed requests get the error envelope, the gateway survives, memory stays flat`, { timeout: 180_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "micro-gateway-fuzz-"));
  let child: Child | undefined;
  try {
    child = await startChild(dataDir);
    await validCall(child.port);
    const maker = new CaseMaker(random(SEED), child.port, BODY_LIMIT);
    const failures: string[] = [];
    const seen = new Map<string, Map<string, number>>();
    // A first round warms the JIT, pools and caches, so the memory figures below compare like with like.
    await run(child.port, maker, WARMUP, 0, failures, seen);
    const before = await memory(child);
    const started = performance.now();
    await run(child.port, maker, CASES, WARMUP, failures, seen);
    const seconds = (performance.now() - started) / 1000;
    await validCall(child.port);
    const after = await memory(child);
    const summary = [...seen].sort().map(([kind, counts]) => `${kind} ${[...counts].map(([k, n]) => `${k}×${n}`).join(" ")}`);
    console.log(`fuzz: ${CASES} cases (+${WARMUP} warm-up) in ${seconds.toFixed(1)} s, seed ${SEED}; heap ${(before.heap / MiB).toFixed(1)} → ${(after.heap / MiB).toFixed(1)} MiB, ` +
      `rss ${(before.rss / MiB).toFixed(1)} → ${(after.rss / MiB).toFixed(1)} MiB\n  ${summary.join("\n  ")}`);
    assert.deepEqual(failures, []);
    assert.ok(after.heap - before.heap < 8 * MiB, `heap grew by ${((after.heap - before.heap) / MiB).toFixed(1)} MiB`);
    assert.ok(after.rss - before.rss < 64 * MiB, `rss grew by ${((after.rss - before.rss) / MiB).toFixed(1)} MiB`);
    const stopped = new Promise((resolve) => child!.proc.once("exit", resolve));
    child.proc.stdin!.write("stop\n");
    await stopped;
  } finally {
    if (child && child.proc.exitCode === null) child.proc.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  }
});
