// Runs wrk (with the fd limit raised for many connections) and reads its summary: req/s, latency percentiles,
// and every kind of error it counts (non-2xx/3xx answers, connect/read/write errors, timeouts).
import { spawn } from "node:child_process";

export interface WrkResult {
  rps: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Non-2xx answers plus socket errors of every kind. */
  errors: number;
  output: string;
}

export interface WrkOptions {
  url: string;
  connections: number;
  threads: number;
  seconds: number;
  headers?: Record<string, string>;
  timeoutSeconds?: number;
  /** A command wrk runs under (e.g. nsenter into Micro 3.0's network namespace). */
  prefix?: string[];
}

export async function runWrk(o: WrkOptions): Promise<WrkResult> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const args = [
    "-t", String(o.threads), "-c", String(o.connections), "-d", `${o.seconds}s`, "--latency",
    "--timeout", `${o.timeoutSeconds ?? 10}s`,
    ...Object.entries(o.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    o.url,
  ];
  // A thousand connections need more descriptors than a default soft limit of 1024: raise it to the hard limit.
  const script = `ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null; exec ${[...(o.prefix ?? []), "wrk"].map(quote).join(" ")} ${args.map(quote).join(" ")}`;
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}: ${err || out}`))));
  });
  return parseWrk(output);
}

export function parseWrk(output: string): WrkResult {
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket
    ? { connect: Number(socket[1]), read: Number(socket[2]), write: Number(socket[3]), timeout: Number(socket[4]) }
    : { connect: 0, read: 0, write: 0, timeout: 0 };
  const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
  const rps = num(/Requests\/sec:\s+([\d.]+)/);
  if (!rps && !/Requests\/sec/.test(output)) throw new Error(`cannot read wrk's output:\n${output}`);
  return {
    rps,
    requests: num(/(\d+) requests in/),
    p50Ms: percentile(output, "50%"),
    p99Ms: percentile(output, "99%"),
    non2xx,
    socketErrors,
    errors: non2xx + socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout,
    output,
  };
}

/** A line of wrk's latency distribution ("99%  12.34ms") in milliseconds. */
function percentile(output: string, label: string): number {
  const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(output);
  if (!m) return NaN;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as "us" | "ms" | "s" | "m"];
  return Number(m[1]) * scale;
}
