// What the unprivileged server may ask of the privileged helper (helper.ts), and the rules the helper checks before
// it does anything as root. The server is the side that parses network input, so everything it sends is treated as
// possibly hostile: the helper runs commands only as a tenant's uid (FIRST_UID and up, gid = uid, never root or a
// system user), only from a fixed set of programs, only in the sandbox root or /, and chowns only a namespace's area.
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, sep } from "node:path";

/** First uid the sandbox hands out (sandbox.ts re-exports it): every uid below it is refused. */
export const FIRST_UID = 200_000;
/** The largest uid the helper accepts (uid_t is 32 bits; (uid_t)-1 means "unchanged" to setuid). */
const LAST_UID = 0x7fff_ffff;

/** Programs the launcher runs as a tenant (builder.ts, source.ts, sandbox.ts, framework.ts, supervisor.ts), by name
 * as PATH finds them; plus this node binary and a program inside the sandbox root (a Go service's binary). */
export const PROGRAMS = ["mkdir", "rm", "sh", "tar", "git", "npm", "go", "python3"] as const;

export type Request =
  | { op: "spawn"; id: number; command: string; args: string[]; cwd: string; env: Record<string, string>; uid: number; gid: number; stdin: boolean }
  | { op: "stdin"; id: number; ref: number; data: Uint8Array }
  | { op: "stdin-end"; id: number }
  | { op: "signal"; id: number; ref: number; signal: string }
  | { op: "release"; id: number }
  | { op: "own"; ref: number; dir: string; uid: number };

export type Reply =
  | { type: "spawn"; id: number; pid: number }
  | { type: "error"; id: number; message: string }
  | { type: "out"; id: number; stream: "stdout" | "stderr"; data: Uint8Array }
  | { type: "exit"; id: number; code: number | null; signal: string | null }
  | { type: "close"; id: number; code: number | null; signal: string | null }
  | { type: "reply"; ref: number; error?: string };

export const SIGNALS = ["SIGTERM", "SIGKILL", "SIGINT", "SIGHUP"] as const;

/** The sandbox roots a data dir can have (sandbox.ts picks one): <data>/runtime/sandbox, or a directory in the
 * system's temp dir named by a hash of the data dir's real path. */
export function sandboxRoots(realDataDir: string): string[] {
  return [join(realDataDir, "runtime", "sandbox"), join(tmpdir(), `micro-sandbox-${createHash("sha256").update(realDataDir).digest("hex").slice(0, 16)}`)];
}

/** Throws unless `uid`/`gid` are a tenant's: an integer from FIRST_UID up, gid equal to uid. */
export function checkTenantIds(uid: unknown, gid: unknown): void {
  if (typeof uid !== "number" || !Number.isInteger(uid) || uid < FIRST_UID || uid > LAST_UID) {
    throw new Error(`uid ${String(uid)} is not a tenant's uid (${FIRST_UID} to ${LAST_UID})`);
  }
  if (gid !== uid) throw new Error(`gid ${String(gid)} is not the tenant's gid (${uid})`);
}

/** Whether `path` (a real path) is `root` or inside it. */
export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Throws unless `path` (a real path) is inside one of `roots`. */
export function checkInside(path: string, roots: string[], what: string): void {
  if (!isAbsolute(path) || !roots.some((r) => within(path, r))) throw new Error(`${what} ${path} is outside the sandbox root`);
}

/** Throws unless `command` is one of PROGRAMS, this node binary, or (already resolved) a program inside `roots`. */
export function checkProgram(command: unknown, realCommand: string | undefined, roots: string[]): void {
  if (typeof command !== "string" || !command) throw new Error("command must be a string");
  if ((PROGRAMS as readonly string[]).includes(command) || command === process.execPath) return;
  if (isAbsolute(command) && realCommand && roots.some((r) => within(realCommand, r) && realCommand !== r)) return;
  throw new Error(`command ${command} is not one the launcher runs`);
}

/** Throws unless `dir` (a real path) is a namespace's area: a direct child of a sandbox root with an area's name. */
export function checkArea(dir: string, roots: string[]): void {
  if (!roots.includes(dirname(dir)) || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(basename(dir))) {
    throw new Error(`${dir} is not a namespace's area in the sandbox root`);
  }
}

/** Throws unless `v` is an array of strings / a record of strings. */
export function checkStrings(v: unknown, what: string): asserts v is string[] {
  if (!Array.isArray(v) || v.some((a) => typeof a !== "string")) throw new Error(`${what} must be a list of strings`);
}

export function checkEnv(v: unknown): asserts v is Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v) || Object.values(v).some((a) => typeof a !== "string")) throw new Error("env must map names to strings");
}
