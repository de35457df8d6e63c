// How `micro server` started as root gives root up. Before any port opens it forks the privileged helper
// (client.ts; it keeps root for the launcher's root work), makes the data dir the server user's, and switches this
// process to that user for good (setgroups, setgid, setuid): the gateway, the proxy and the builtins parse requests
// without root rights. The user is `micro` (a system user, created with useradd when missing) or MICRO_SERVER_USER.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { constants } from "node:fs";
import { access, lchown, lstat, mkdir, readdir, realpath, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PrivilegedHelper } from "./client.js";
import { FIRST_UID, sandboxRoots } from "./protocol.js";

export const SERVER_USER_ENV = "MICRO_SERVER_USER";
export const DEFAULT_SERVER_USER = "micro";

export interface ServerUser { name: string; uid: number; gid: number; home: string }

export interface Dropped {
  user: ServerUser;
  /** The helper that runs tenants' processes; undefined when none was asked for (the kubernetes runtime). */
  helper?: PrivilegedHelper;
  /** The data dir as the server should name it now: the absolute path, or "." when only the working directory
   * (entered while root) reaches it, because a parent such as /root lets no one else through. */
  dataDir: string;
  /** The data dir's real path (what "." stands for). */
  realDataDir: string;
  /** Set when the server user cannot read where this code is installed: what will fail, for a warning. */
  toolchainWarning?: string;
}

/** The first of `paths` that exists: system tools by absolute path, whatever PATH the server was started with. */
function tool(paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

/** The user named `name` from the passwd database (getent: files, LDAP, whatever NSS has; /etc/passwd without
 * getent), or undefined. */
export function lookupUser(name: string): ServerUser | undefined {
  const getent = tool(["/usr/bin/getent", "/bin/getent"]);
  let line: string | undefined;
  try {
    line = getent
      ? execFileSync(getent, ["passwd", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
      : readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${name}:`));
  } catch {
    return undefined;
  }
  const f = (line ?? "").split(":");
  if (f.length < 7) return undefined;
  return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! };
}

/** The user the server runs as: MICRO_SERVER_USER (which must exist), else `micro`, made a system user if missing. */
export function serverUser(env: NodeJS.ProcessEnv = process.env): ServerUser {
  const named = env[SERVER_USER_ENV];
  const name = named || DEFAULT_SERVER_USER;
  let user = lookupUser(name);
  if (!user && !named) {
    const shell = ["/usr/sbin/nologin", "/sbin/nologin"].find((s) => existsSync(s)) ?? "/bin/false";
    try {
      execFileSync(tool(["/usr/sbin/useradd", "/sbin/useradd"]) ?? "useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", shell, name], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      throw new Error(`micro server started as root runs as user ${name}, which does not exist and useradd could not create (${(err as Error).message.trim()}): create it, or name another user in ${SERVER_USER_ENV}`);
    }
    user = lookupUser(name);
  }
  if (!user) throw new Error(`${SERVER_USER_ENV}=${name}: no such user`);
  if (user.uid === 0 || user.gid === 0) throw new Error(`${SERVER_USER_ENV}=${name}: the server must not run as root (uid/gid 0)`);
  if (user.uid >= FIRST_UID) throw new Error(`${SERVER_USER_ENV}=${name}: uid ${user.uid} is in the sandbox's range (${FIRST_UID} and up), which belongs to tenants`);
  return user;
}

/** Forks the helper (when `withHelper`), hands the data dir to the server user and becomes that user. */
export async function dropPrivileges(o: { dataDir: string; withHelper: boolean; env?: NodeJS.ProcessEnv }): Promise<Dropped> {
  if (process.getuid?.() !== 0) throw new Error("dropPrivileges: not root");
  const env = o.env ?? process.env;
  const user = serverUser(env);
  const data = resolve(o.dataDir);
  await mkdir(data, { recursive: true, mode: 0o700 });
  const real = await realpath(data);
  await giveTree(real, user);
  // a sandbox root left in the temp dir by a server that was killed: the new server must be able to use it
  const temporary = sandboxRoots(real)[1]!;
  const t = await lstat(temporary).catch(() => undefined);
  if (t?.isDirectory() && t.uid === 0) await lchown(temporary, user.uid, user.gid);
  const helper = o.withHelper ? await PrivilegedHelper.start(real) : undefined;
  let reachable: boolean;
  try {
    reachable = await reachableBy(dirname(real), user);
    // the working directory stays reachable whatever its parents' modes: the server names it "." if it must
    process.chdir(real);
    process.setgroups!([user.gid]);
    process.setgid!(user.gid);
    process.setuid!(user.uid);
  } catch (err) {
    await helper?.close();
    throw err;
  }
  if (process.getuid() === 0 || process.geteuid!() === 0) throw new Error("the server is still root after setuid");
  // the server's own home, not root's: git and npm run as the server (the platform namespace's sources) read it
  env.HOME = user.home;
  env.USER = user.name;
  env.LOGNAME = user.name;
  // what is loaded later (the postgres, etcd and NATS engines, the micro-ts package builds are given) is read now as
  // the server user
  const here = dirname(fileURLToPath(import.meta.url));
  const toolchainWarning = await access(here, constants.R_OK | constants.X_OK).then(() => undefined,
    () => `user ${user.name} cannot read ${here}, where micro is installed: the engines loaded on demand (postgres, etcd, NATS) and the micro-ts package given to builds will fail; install micro where others may read it`);
  return { user, helper, dataDir: reachable ? real : ".", realDataDir: real, toolchainWarning };
}

/** Whether `user` may pass through `dir` and every directory above it (search permission: x for its class). */
export async function reachableBy(dir: string, user: ServerUser): Promise<boolean> {
  for (let d = dir; ; d = dirname(d)) {
    const s = await stat(d).catch(() => undefined);
    if (!s) return false;
    const bit = s.uid === user.uid ? 0o100 : s.gid === user.gid ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return false;
    if (d === dirname(d)) return true;
  }
}

/** Makes the data dir the server user's: every file and directory (symlinks themselves, never what they point at),
 * except the namespaces' areas in runtime/sandbox, which are their tenants'. */
async function giveTree(dir: string, user: ServerUser): Promise<void> {
  const sandbox = join(dir, "runtime", "sandbox");
  const walk = async (path: string): Promise<void> => {
    const s = await lstat(path);
    if (s.uid !== user.uid || s.gid !== user.gid) await lchown(path, user.uid, user.gid);
    if (!s.isDirectory()) return;
    if (path === sandbox) return; // its entries are areas, owned by their tenants
    for (const entry of await readdir(path)) await walk(join(path, entry));
  };
  await walk(dir);
}
