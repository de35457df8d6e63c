// Whom a namespace's code runs as. A server running as root gives every namespace a uid/gid of its own (allocated
// once, kept in LMDB: a hash of the name could collide, and a collision would join two tenants) and runs each step
// that executes the namespace's code — fetch, build, the service — as that user, in an area of the namespace's own
// (<root>/<ns>: home with every cache, tmp, services/<name>/src-*). The server's files are kept from those users
// by modes (data dir 0711, secrets 0700/0600). A server that is not root cannot switch users: it runs only the
// platform namespace's services, unless MICRO_RUNTIME_UNSANDBOXED=true accepts that tenants' code runs as the
// server's user. See docs/runtime-sandbox.md.
import { createHash } from "node:crypto";
import { chmod, chown, lstat, mkdir, realpath, rm, rmdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Database } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import { MicroError } from "../rpc/errors.js";
import { privilegedHelper, runAs, type SandboxUser } from "./exec.js";
import { FIRST_UID, sandboxRoots } from "./privileged/protocol.js";

export const PLATFORM_NAMESPACE = "micro";
export const UNSANDBOXED_ENV = "MICRO_RUNTIME_UNSANDBOXED";
/** Far above the uids and subuid ranges (100000-165535) a distribution hands out. */
export { FIRST_UID };
const NEXT_KEY = "\u0000next";

export interface SandboxPolicy {
  /** Whether each namespace's code runs as a user of its own (only root can switch users). */
  sandboxed: boolean;
  /** Whether namespaces other than the platform's may run code at all. */
  tenantsAllowed: boolean;
}

/** Sandboxed when this process is root, or when it was and handed switching users to the privileged helper. */
export function sandboxPolicy(getuid: (() => number) | undefined = process.getuid?.bind(process), env: NodeJS.ProcessEnv = process.env,
  helper = privilegedHelper() !== undefined): SandboxPolicy {
  const sandboxed = getuid?.() === 0 || helper;
  return { sandboxed, tenantsAllowed: sandboxed || env[UNSANDBOXED_ENV] === "true" };
}

/** Refuses to run code for a tenant namespace when nothing would keep that code from the server's files. */
export function admitNamespace(policy: SandboxPolicy, namespace: string): void {
  if (namespace === PLATFORM_NAMESPACE || policy.tenantsAllowed) return;
  throw new MicroError("runtime", 403, `running services for tenant namespaces needs a sandbox: run micro server as root, or set ${UNSANDBOXED_ENV}=true to accept that tenants' code runs as the server's user`);
}

export interface Area {
  /** The namespace's own directory: home/, tmp/, services/<name>/src-*. */
  dir: string;
  /** Who runs the namespace's code; unset: the server's user. */
  user?: SandboxUser;
  /** Who fetches its sources. The platform namespace's with the server's rights (its admins operate the server and
   * may name its paths), handed over to its user afterwards; a tenant's as the tenant, so it reads only what it may. */
  fetchUser?: SandboxUser;
  /** HOME, TMPDIR and every toolchain cache inside the area (empty when not sandboxed). */
  env: Record<string, string>;
}

export class Sandboxes {
  private readonly uids: Database<number, string>;
  private root?: Promise<{ dir: string; temporary: boolean }>;

  constructor(private readonly o: { engine: Engine; dataDir: string; policy: SandboxPolicy }) {
    this.uids = o.engine.db<number, string>("runtime-uids");
  }

  get policy(): SandboxPolicy {
    return this.o.policy;
  }

  admit(namespace: string): void {
    admitNamespace(this.o.policy, namespace);
  }

  /** The namespace's area, made ready: owned by its user (mode 0700), with home/ and tmp/. */
  async enter(namespace: string): Promise<Area> {
    const dir = join((await this.ready()).dir, dirName(namespace));
    if (!this.o.policy.sandboxed) {
      await mkdir(dir, { recursive: true });
      return { dir, env: {} };
    }
    const user = this.allocate(namespace);
    await ownedDirectory(dir, user);
    // inside the area only as its user: a path there may be a symlink its code planted
    await runAs(user, "mkdir", ["-p", "home", "tmp"], dir);
    return { dir, user, fetchUser: namespace === PLATFORM_NAMESPACE ? undefined : user, env: areaEnv(dir) };
  }

  /** Where the namespace's area is and whose it is, without making anything. */
  async find(namespace: string): Promise<{ dir: string; user?: SandboxUser }> {
    const dir = join((await this.ready()).dir, dirName(namespace));
    const uid = this.o.policy.sandboxed ? this.uids.get(namespace) : undefined;
    return { dir, user: uid === undefined ? undefined : { uid, gid: uid } };
  }

  /** A sandbox root outside the data dir (see ready) is the server's own scratch space: gone with the server. */
  async close(): Promise<void> {
    const root = await this.root?.catch(() => undefined);
    if (!root?.temporary) return;
    for (const { key, value } of this.uids.getRange({})) {
      if (key === NEXT_KEY) continue;
      const area = join(root.dir, dirName(key));
      // emptied by its user, who alone may list it (a server that gave up root may not); dot files too
      await runAs({ uid: value, gid: value }, "sh", ["-c", "rm -rf -- ./* ./.[!.]* ./..?*"], area).catch(() => undefined);
      await rmdir(area).catch(() => undefined);
    }
    await rmdir(root.dir).catch(() => undefined);
  }

  private allocate(namespace: string): SandboxUser {
    const uid = this.uids.get(namespace) ?? this.uids.transactionSync(() => {
      const existing = this.uids.get(namespace);
      if (existing !== undefined) return existing;
      const next = this.uids.get(NEXT_KEY) ?? FIRST_UID;
      this.uids.putSync(NEXT_KEY, next + 1);
      this.uids.putSync(namespace, next);
      return next;
    });
    return { uid, gid: uid };
  }

  /** Done once, at the runtime's start (restore) or its first use. */
  ready(): Promise<{ dir: string; temporary: boolean }> {
    return (this.root ??= this.prepare());
  }

  /** Tightens the data dir's modes and picks the sandbox root: <data dir>/runtime/sandbox when the sandbox users can
   * reach it, else (a data dir under a private home, say) a root-owned directory in the system's temp dir. */
  private async prepare(): Promise<{ dir: string; temporary: boolean }> {
    const data = this.o.dataDir;
    const runtime = join(data, "runtime");
    await mkdir(runtime, { recursive: true });
    // Others may pass through the data dir and the runtime dir (to reach the sandbox root) but list nothing; the
    // services' logs and the uploads are the server's. (auth/, secrets/ and db/ make themselves 0700.) Without a
    // sandbox this is hygiene only: a data dir of someone else's that the server may use but not chmod is fine.
    const tighten = (path: string, mode: number) => chmod(path, mode).catch((err: Error) => { if (this.o.policy.sandboxed) throw err; });
    await tighten(data, 0o711);
    await tighten(runtime, 0o711);
    for (const own of ["services", "uploads"]) {
      await mkdir(join(runtime, own), { recursive: true, mode: 0o700 });
      await tighten(join(runtime, own), 0o700);
    }
    const inside = join(runtime, "sandbox");
    if (!this.o.policy.sandboxed) {
      await mkdir(inside, { recursive: true });
      return { dir: inside, temporary: false };
    }
    // (a server that gave up root may be unable to resolve a data dir it reaches only as its working directory:
    // the working directory's path is real already)
    const real = await realpath(data).catch(() => resolve(data));
    if (await searchableByOthers(dirname(real))) return { dir: await rootDirectory(inside), temporary: false };
    const outside = sandboxRoots(real)[1]!;
    if (!(await searchableByOthers(tmpdir()))) throw new Error(`the sandbox users can reach neither ${data} nor ${tmpdir()}: make one of them searchable by others (chmod o+x on its parents)`);
    return { dir: await rootDirectory(outside), temporary: true };
  }
}

/** The namespace as a directory name: itself when it is a plain name, else a hash of it. */
export function dirName(namespace: string): string {
  return /^[a-z0-9][a-z0-9._-]{0,62}$/.test(namespace) ? namespace : `ns-${createHash("sha256").update(namespace).digest("hex").slice(0, 16)}`;
}

/** HOME, TMPDIR and the caches of npm, Go, pip and XDG tools, all inside the area. */
export function areaEnv(dir: string): Record<string, string> {
  const home = join(dir, "home");
  const cache = join(home, ".cache");
  return {
    HOME: home, TMPDIR: join(dir, "tmp"), XDG_CACHE_HOME: cache, XDG_CONFIG_HOME: join(home, ".config"),
    npm_config_cache: join(home, ".npm"), GOPATH: join(home, "go"), GOMODCACHE: join(home, "go", "pkg", "mod"),
    GOCACHE: join(cache, "go-build"), PIP_CACHE_DIR: join(cache, "pip"),
  };
}

/** The server's environment as a sandboxed process sees it: without the settings of the npm run that started the
 * server (npm_config_cache=/root/.npm, npm_config_userconfig and friends name the server user's files), but with
 * where the registry is and how to get there. */
export function withoutNpmSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(registry|proxy|https_proxy|noproxy)$/i.test(k)));
}

/** Removes a directory of the area as the area's user (so a symlink planted there leads nowhere it may not go). */
export async function removeAs(user: SandboxUser | undefined, dir: string): Promise<void> {
  if (!user) return rm(dir, { recursive: true, force: true });
  await runAs(user, "rm", ["-rf", "--", dir], "/");
}

/** Whether every directory from `dir` up to / lets others through (o+x). */
async function searchableByOthers(dir: string): Promise<boolean> {
  for (let d = dir; ; d = dirname(d)) {
    const s = await stat(d).catch(() => undefined);
    if (!s || (s.mode & 0o001) === 0) return false;
    if (d === dirname(d)) return true;
  }
}

/** The sandbox root: the server's, 0711, not a symlink (someone else may have made it first in a shared temp dir). */
async function rootDirectory(dir: string): Promise<string> {
  await mkdir(dir, { mode: 0o711 }).catch((err: NodeJS.ErrnoException) => { if (err.code !== "EEXIST") throw err; });
  const s = await lstat(dir);
  if (!s.isDirectory() || s.uid !== process.getuid?.() || (s.mode & 0o022) !== 0) throw new Error(`${dir} is not a directory of the server's own: remove it`);
  await chmod(dir, 0o711);
  return dir;
}

/** The area itself, made by the server in its own root and given to the user; only the user gets in. */
async function ownedDirectory(dir: string, user: SandboxUser): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => { if (err.code !== "EEXIST") throw err; });
  // a server that gave up root asks the helper, which checks that this is an area in the sandbox root
  const helper = privilegedHelper();
  if (helper) return helper.own(dir, user.uid);
  const s = await lstat(dir);
  if (!s.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (s.uid !== user.uid || s.gid !== user.gid) await chown(dir, user.uid, user.gid);
  if ((s.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}
