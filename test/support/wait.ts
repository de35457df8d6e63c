// Polling for what tests wait on (a service to start, a status to change), and a free port for a child process.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Calls `fn` until it returns something other than undefined; fails naming `what` after `ms`. */
export async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 30_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Ports handed out by this process: never handed out twice. */
const handed = new Set<number>();
/** Lowest port freePort picks from. */
const FLOOR = 20_000;

/** The lowest port of the kernel's ephemeral range (Linux), 32768 where it cannot be read. */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Binds and releases `port` on 127.0.0.1 (0: the kernel's choice); the port it got, or undefined when taken. */
function probe(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => {
      const got = (server.address() as { port: number }).port;
      server.close(() => resolve(got));
    });
  });
}

/** A port free on 127.0.0.1 right now, for a child process to listen on. Chosen at random below the kernel's
 * ephemeral range: ports in that range are also given to outgoing connections (the engines' clients open many),
 * which could take one between this check and the child's listen — a CI run failed with EADDRINUSE so. */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let attempt = 0; low - FLOOR > 1000 && attempt < 100; attempt++) {
    const port = FLOOR + Math.floor(Math.random() * (low - FLOOR));
    if (handed.has(port)) continue;
    if (await probe(port) === port) {
      handed.add(port);
      return port;
    }
  }
  const port = (await probe(0))!; // an unusual range: the kernel's choice, as before
  handed.add(port);
  return port;
}

/** Whether process `pid` exists (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
