// ~/.micro/config.json: the CLI's own state (current environment; per environment its proxy address, namespace,
// tokens and account). Written atomically with mode 0600 because it holds tokens; read leniently, so that a
// damaged file never stops `micro login` from repairing it.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { homedir } from "node:os";

/** Who is logged in, as Auth.Inspect described the account (never its secret). */
export interface AccountInfo {
  id: string;
  type?: string;
  issuer?: string;
  scopes?: string[];
  name?: string;
}

export interface EnvRecord {
  /** host:port of the proxy; built-in environments only store it when it was changed. */
  proxy?: string;
  description?: string;
  /** Namespace calls run in; "micro" when unset. */
  namespace?: string;
  /** Access token (JWT) and when it expires (unix seconds). */
  token?: string;
  expiry?: number;
  refreshToken?: string;
  account?: AccountInfo;
}

export interface ConfigData {
  /** Name of the current environment; "local" when unset. */
  env?: string;
  envs: Record<string, EnvRecord>;
}

export interface LoadedConfig {
  data: ConfigData;
  /** Why the file was ignored in part or whole, when it was. */
  problem?: string;
}

/** HOME-relative on purpose: MICRO_DATA_DIR is the server's data directory and may be elsewhere. */
export function configPath(env: Record<string, string | undefined>): string {
  return join(env.HOME || homedir(), ".micro", "config.json");
}

export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { data: { envs: {} } };
    return { data: { envs: {} }, problem: `cannot read ${path}: ${(err as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { data: { envs: {} }, problem: `${path} is not valid JSON; ignoring it` };
  }
  return sanitize(raw, path);
}

/** Keeps only well-typed fields: garbage in one field costs that field, not the file. */
function sanitize(raw: unknown, path: string): LoadedConfig {
  if (!isObject(raw)) return { data: { envs: {} }, problem: `${path} does not hold a JSON object; ignoring it` };
  const data: ConfigData = { envs: {} };
  if (typeof raw.env === "string" && raw.env) data.env = raw.env;
  if (isObject(raw.envs)) {
    for (const [name, value] of Object.entries(raw.envs)) {
      if (isObject(value)) data.envs[name] = sanitizeEnv(value);
    }
  }
  return { data };
}

function sanitizeEnv(v: Record<string, unknown>): EnvRecord {
  const r: EnvRecord = {};
  const str = (key: "proxy" | "description" | "namespace" | "token" | "refreshToken") => {
    if (typeof v[key] === "string" && v[key]) r[key] = v[key] as string;
  };
  (["proxy", "description", "namespace", "token", "refreshToken"] as const).forEach(str);
  if (typeof v.expiry === "number" && Number.isFinite(v.expiry)) r.expiry = v.expiry;
  const a = v.account;
  if (isObject(a) && typeof a.id === "string" && a.id) {
    r.account = { id: a.id };
    if (typeof a.type === "string") r.account.type = a.type;
    if (typeof a.issuer === "string") r.account.issuer = a.issuer;
    if (typeof a.name === "string" && a.name) r.account.name = a.name;
    if (Array.isArray(a.scopes)) r.account.scopes = a.scopes.filter((s): s is string => typeof s === "string");
  }
  return r;
}

/** Temp file in the same directory, fsync, rename: readers see the old file or the new one, never half. */
export function saveConfig(path: string, data: ConfigData): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // pid + a monotonic clock name it uniquely ("wx" refuses a clash rather than write into another's file);
  // not node:crypto, which would cost every `micro <service>` call its load (the CLI's snapshot, snapshot.ts)
  const tmp = join(dir, `.config.json.${process.pid}.${process.hrtime.bigint()}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    writeSync(fd, JSON.stringify(data, null, 2) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, 0o600); // in case a umask or an existing ACL widened it
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
