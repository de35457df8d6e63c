// Environments: the built-in local, dev and platform plus any the user adds. Which one is current comes from
// `--env`, then MICRO_ENV, then the config file, then "local".
import { CliError } from "../errors.js";
import type { ConfigData, EnvRecord } from "./file.js";

export const DEFAULT_ENV = "local";
export const DEFAULT_NAMESPACE = "micro";

export interface Environment {
  name: string;
  /** host:port of the proxy the CLI talks to. */
  proxy: string;
  description: string;
  builtin: boolean;
  /** Namespace calls run in. */
  namespace: string;
  /** What the config file holds for it (tokens, account). */
  record: EnvRecord;
}

interface Builtin { description: string; address: (vars: Record<string, string | undefined>) => string }

const BUILTINS: Record<string, Builtin> = {
  // MICRO_PROXY_PORT is honoured so that a server on another port (tests, the acceptance script) is "local"
  local: { description: "Local running micro server", address: (v) => `127.0.0.1:${v.MICRO_PROXY_PORT || "8081"}` },
  dev: { description: "Free development environment in the cloud", address: (v) => v.MICRO_DEV_PROXY || "proxy.m3o.dev:443" },
  platform: { description: "Cloud hosted Micro platform", address: (v) => v.MICRO_PLATFORM_PROXY || "proxy.m3o.com:443" },
};

export function isBuiltinEnv(name: string): boolean {
  return Object.hasOwn(BUILTINS, name);
}

/** Built-ins first (local, dev, platform), then the user's, alphabetically. */
export function listEnvironments(data: ConfigData, vars: Record<string, string | undefined>): Environment[] {
  const custom = Object.keys(data.envs).filter((n) => !isBuiltinEnv(n)).sort();
  return [...Object.keys(BUILTINS), ...custom].map((name) => environment(data, name, vars)!);
}

export function environment(data: ConfigData, name: string, vars: Record<string, string | undefined>): Environment | undefined {
  const record = data.envs[name] ?? {};
  const builtin = BUILTINS[name];
  if (!builtin && !data.envs[name]) return undefined;
  // local always follows MICRO_PROXY_PORT; dev and platform may be re-pointed with `micro env add`
  const proxy = builtin ? (name !== "local" && record.proxy) || builtin.address(vars) : record.proxy || BUILTINS.local.address(vars);
  return {
    name,
    proxy,
    description: record.description ?? builtin?.description ?? "",
    builtin: !!builtin,
    namespace: record.namespace || DEFAULT_NAMESPACE,
    record,
  };
}

export function currentEnvName(data: ConfigData, vars: Record<string, string | undefined>, override?: string): string {
  return override || vars.MICRO_ENV || data.env || DEFAULT_ENV;
}

export function requireEnvironment(data: ConfigData, name: string, vars: Record<string, string | undefined>): Environment {
  const env = environment(data, name, vars);
  if (!env) throw new CliError(`Environment "${name}" does not exist. See \`micro env\` for the available ones.`);
  return env;
}

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** host[:port], defaulting the port to 443 as Micro does; `http(s)://` prefixes are tolerated. */
export function normalizeAddress(address: string): string {
  const bare = address.trim().replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
  if (!/^[A-Za-z0-9._-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(bare)) {
    throw new CliError(`"${address}" is not a proxy address: give host:port, e.g. proxy.foo.com:443`);
  }
  return /:\d+$/.test(bare) ? bare : `${bare}:443`;
}

/** `micro env add NAME [ADDR]`: a new environment, or a new address for an existing one (not local). Without an
 * address the environment follows the local server (another namespace or account against it). */
export function addEnvironment(data: ConfigData, name: string, address?: string, description?: string): "added" | "updated" {
  if (!ENV_NAME.test(name)) throw new CliError(`invalid environment name "${name}": use letters, digits, dots, dashes and underscores`);
  if (name === "local") throw new CliError("local is built in: its address follows MICRO_PROXY_PORT (default 127.0.0.1:8081)");
  const existed = !!data.envs[name] || isBuiltinEnv(name);
  if (address === undefined && isBuiltinEnv(name)) throw new CliError(`give the new address of ${name}, e.g. micro env add ${name} host:443`);
  const record: EnvRecord = { ...data.envs[name] };
  if (address !== undefined) record.proxy = normalizeAddress(address);
  else delete record.proxy;
  if (description !== undefined) record.description = description;
  if (existed && data.envs[name]?.proxy !== record.proxy) {
    // tokens belong to the server that issued them
    delete record.token; delete record.refreshToken; delete record.expiry; delete record.account; delete record.namespace;
  }
  data.envs[name] = record;
  return existed ? "updated" : "added";
}

export function setCurrentEnvironment(data: ConfigData, name: string, vars: Record<string, string | undefined>): void {
  requireEnvironment(data, name, vars);
  data.env = name;
}

/** `micro env del NAME`: not the current one, not a built-in. */
export function deleteEnvironment(data: ConfigData, name: string, current: string, vars: Record<string, string | undefined>): void {
  requireEnvironment(data, name, vars);
  if (name === current) throw new CliError(`cannot delete the current environment "${name}": switch to another with \`micro env set\` first`);
  if (isBuiltinEnv(name)) throw new CliError(`cannot delete the built-in environment "${name}"`);
  delete data.envs[name];
}
