// Materialises a service's source in a directory: an uploaded archive, a git repository (https, ssh,
// file://, local bare repos; `@ref` picks a branch/tag/commit; a path below the repository root picks a
// subdirectory, as in github.com/micro/services/helloworld), or a local directory.

import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, sep } from "node:path";
import type { Readable } from "node:stream";
import type { LogFile } from "./log-file.js";
import { launch, runAs, runStep, type SandboxUser } from "./exec.js";

export const UPLOAD_PREFIX = "upload:";

export interface GitSource { repo: string; ref?: string; subdir: string }

/** Splits `url[@ref]`; the ref is an `@` after the last `/` (so `git@host:repo` keeps its user). */
export function splitRef(source: string): { url: string; ref?: string } {
  const at = source.lastIndexOf("@");
  if (at > source.lastIndexOf("/") && at > source.indexOf("://") + 2 && !/^[^/]*@[^/]*:/.test(source.slice(at))) {
    const ref = source.slice(at + 1);
    if (ref && !ref.includes(":")) return { url: source.slice(0, at), ref };
  }
  return { url: source };
}

/** A hosting site's shorthand, fetched over https: github.com/micro/services/helloworld. */
const HOSTED_SHORTHAND = /^(github\.com|gitlab\.com|bitbucket\.org)\//;

/** A URL git fetches: a scheme git speaks, or a hosting site's shorthand (what `micro run` passes on as it is). */
export function isGitUrl(source: string): boolean {
  return /^(https?:\/\/|ssh:\/\/|git@|file:\/\/|git:\/\/)/.test(source) || HOSTED_SHORTHAND.test(source);
}

/** A git URL, or a path to a repository (`/srv/repos/app.git`). */
export function isGitSource(source: string): boolean {
  return isGitUrl(source) || /\.git(@|\/|$)/.test(source);
}

/** `text` with every URL's user and password (`//user:token@`) replaced by `//***@`: a git URL may carry a token,
 * and the runtimes' lines on the server's terminal name sources and quote git's errors. */
export function hideUrlCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, "//***@");
}

/** The transports git may use for a user-supplied URL: `ext::` runs a command and the others are not asked for.
 * Set both ways (the environment variable overrides any config; the -c flags cover a git that ignores it). */
export const GIT_PROTOCOLS = ["https", "ssh", "git", "file"] as const;
const GIT_SAFETY = ["-c", "protocol.allow=never", ...GIT_PROTOCOLS.flatMap((p) => ["-c", `protocol.${p}.allow=always`])];

/** The environment of a git step on a user's URL: only GIT_PROTOCOLS, never a prompt for credentials. */
export function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GIT_ALLOW_PROTOCOL: GIT_PROTOCOLS.join(":"), GIT_TERMINAL_PROMPT: "0" };
}

/** `git <safety flags> <args>`: every caller puts `--` before a user-supplied URL, so none is read as an option. */
export function gitArgs(args: string[]): string[] {
  return [...GIT_SAFETY, ...args];
}

/** Finds the repository root by asking git about successively shorter prefixes of the URL. */
export async function resolveGit(source: string, env: NodeJS.ProcessEnv, user?: SandboxUser): Promise<GitSource> {
  const { url, ref } = splitRef(HOSTED_SHORTHAND.test(source) ? `https://${source}` : source);
  // a ref is given to `git checkout`, where one starting with a dash would be an option
  if (ref?.startsWith("-")) throw new Error(`invalid git ref "${ref}": it must not start with "-"`);
  const hosted = /^https:\/\/(github\.com|gitlab\.com|bitbucket\.org)\/([^/]+)\/([^/@]+)(\/.*)?$/.exec(url);
  if (hosted) return { repo: `https://${hosted[1]}/${hosted[2]}/${hosted[3]}`, ref, subdir: (hosted[4] ?? "").replace(/^\/+/, "") };
  const parts = url.split("/");
  for (let n = parts.length; n > 2; n--) {
    const candidate = parts.slice(0, n).join("/");
    try {
      await runAs(user, "git", gitArgs(["ls-remote", "--heads", "--", candidate]), "/", { env: gitEnv(env), timeoutMs: 30_000 });
      return { repo: candidate, ref, subdir: parts.slice(n).join("/") };
    } catch {
      continue;
    }
  }
  throw new Error(`${url} is not a git repository that can be read`);
}

export interface FetchOptions {
  dataDir: string;
  log: LogFile;
  /** The environment of steps run as `user`. */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Who owns the checkout and builds it (the namespace's sandbox user); unset: the server's user. */
  user?: SandboxUser;
  /** Who reads the source (a git remote, a directory); unset: the server's user. */
  fetchUser?: SandboxUser;
  /** The environment of steps run as `fetchUser`, when that is not `user`. */
  fetchEnv?: NodeJS.ProcessEnv;
}

/** Fills `target` (made here, as `user`) with the source and returns the directory to build in (the subdirectory,
 * if any). A source read by someone else than `user` is handed over through a tar stream that `user` unpacks, so
 * nothing in the user's directories is ever written by another user (no symlink of theirs can redirect it). */
export async function fetchSource(source: string, target: string, o: FetchOptions): Promise<string> {
  await runAs(o.user, "mkdir", ["-p", "--", target], "/");
  const unpack = (stdin: number | Readable, gzip = false) => runStep("tar", [gzip ? "-xzf" : "-xf", "-", "--no-same-owner", "-C", target],
    { cwd: target, env: o.env, log: o.log, signal: o.signal, user: o.user, stdin });
  const asFetcher = { env: o.fetchUser?.uid === o.user?.uid ? o.env : o.fetchEnv ?? o.env, user: o.fetchUser };
  if (source.startsWith(UPLOAD_PREFIX)) {
    const id = source.slice(UPLOAD_PREFIX.length);
    if (!/^[a-zA-Z0-9-]+$/.test(id)) throw new Error(`invalid upload id ${id}`);
    o.log.append("build", `unpacking uploaded source ${id}`);
    // the server opens the archive (uploads are its own, 0600); the user only reads the stream
    const archive = await open(uploadPath(o.dataDir, id), "r");
    try {
      await unpack(archive.fd, true);
    } finally {
      await archive.close();
    }
    return target;
  }
  if (isGitSource(source)) {
    const git = await resolveGit(source, asFetcher.env, asFetcher.user);
    o.log.append("build", `fetching ${git.repo}${git.ref ? `@${git.ref}` : ""}${git.subdir ? ` (${git.subdir})` : ""}`);
    const handOver = o.fetchUser?.uid !== o.user?.uid;
    const checkout = handOver ? await mkdtemp(join(tmpdir(), "micro-fetch-")) : target;
    try {
      const step = (args: string[]) => runStep("git", gitArgs(args), { cwd: checkout, env: gitEnv(asFetcher.env), log: o.log, signal: o.signal, user: asFetcher.user });
      await step(["clone", "--quiet", "--", git.repo, "."]);
      if (git.ref) await step(["checkout", "--quiet", git.ref]);
      if (handOver) await copyTree(checkout, [], asFetcher, unpack);
    } finally {
      if (handOver) await rm(checkout, { recursive: true, force: true });
    }
    return subdirectory(target, git.subdir, `${git.subdir} is not a directory in ${git.repo}`, o.user);
  }
  if (isAbsolute(source)) {
    o.log.append("build", `copying ${source}`);
    await copyTree(source, ["node_modules", ".git"], asFetcher, unpack);
    return target;
  }
  throw new Error(`unsupported source "${source}": use a directory, a git URL or an upload`);
}

/** Streams `dir` (tar, as `reader.user`) into `unpack`. */
async function copyTree(dir: string, exclude: string[], reader: { env: NodeJS.ProcessEnv; user?: SandboxUser },
  unpack: (stdin: Readable) => Promise<void>): Promise<void> {
  const tar = launch("tar", ["-cf", "-", ...exclude.map((e) => `--exclude=${e}`), "-C", dir, "."], { cwd: "/", env: reader.env, user: reader.user });
  let stderr = "";
  tar.stderr!.on("data", (d: Buffer) => { if (stderr.length < 4096) stderr += d.toString(); });
  const packed = new Promise<number>((resolve) => { tar.on("error", () => resolve(-1)); tar.on("close", (code: number | null) => resolve(code ?? -1)); });
  const unpacked = unpack(tar.stdout!).catch((err: Error) => err);
  const [code, result] = await Promise.all([packed, unpacked]);
  if (code !== 0) throw new Error(`cannot read ${dir}: ${stderr.trim() || `tar exited with ${code}`}`);
  if (result instanceof Error) throw result;
}

/** `target/subdir`, resolved as `user` (the checkout is the user's: a server that gave up root may not look in
 * it): it must be a directory inside the checkout (a symlink in the repository may point anywhere). */
async function subdirectory(target: string, subdir: string, message: string, user?: SandboxUser): Promise<string> {
  const resolve = 'cd -P -- "$1" && pwd -P && cd -P -- "$2" 2>/dev/null && pwd -P';
  const out = await runAs(user, "sh", ["-c", resolve, "sh", target, join(target, subdir)], "/").catch(() => "");
  const [root, dir] = out.split("\n");
  if (!root || !dir || (dir !== root && !dir.startsWith(root + sep))) throw new Error(message);
  return dir;
}

/** Where an upload is kept: gzipped tar (the upload handler gzips a plain tar). */
export function uploadPath(dataDir: string, id: string): string {
  return join(dataDir, "runtime", "uploads", `${id}.tar.gz`);
}
