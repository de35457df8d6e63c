// Materialises a service's source in a directory: an uploaded archive, a git repository (https, ssh,
// file://, local bare repos; `@ref` picks a branch/tag/commit; a path below the repository root picks a
// subdirectory, as in github.com/micro/services/helloworld), or a local directory.
import { execFile } from "node:child_process";
import { cp, mkdir, rm, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { promisify } from "node:util";
import type { LogFile } from "./log-file.js";
import { runStep } from "./exec.js";

const exec = promisify(execFile);
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

export function isGitSource(source: string): boolean {
  return /^(https?:\/\/|ssh:\/\/|git@|file:\/\/|git:\/\/)/.test(source) || /^github\.com\//.test(source) || /\.git(@|\/|$)/.test(source);
}

/** Finds the repository root by asking git about successively shorter prefixes of the URL. */
export async function resolveGit(source: string, env: NodeJS.ProcessEnv): Promise<GitSource> {
  const { url, ref } = splitRef(source.startsWith("github.com/") ? `https://${source}` : source);
  const hosted = /^https:\/\/(github\.com|gitlab\.com|bitbucket\.org)\/([^/]+)\/([^/@]+)(\/.*)?$/.exec(url);
  if (hosted) return { repo: `https://${hosted[1]}/${hosted[2]}/${hosted[3]}`, ref, subdir: (hosted[4] ?? "").replace(/^\/+/, "") };
  const parts = url.split("/");
  for (let n = parts.length; n > 2; n--) {
    const candidate = parts.slice(0, n).join("/");
    try {
      await exec("git", ["ls-remote", "--heads", candidate], { env, timeout: 30_000 });
      return { repo: candidate, ref, subdir: parts.slice(n).join("/") };
    } catch {
      continue;
    }
  }
  throw new Error(`${url} is not a git repository that can be read`);
}

export interface FetchOptions { dataDir: string; log: LogFile; env: NodeJS.ProcessEnv; signal?: AbortSignal }

/** Fills `target` with the source and returns the directory to build in (the subdirectory, if any). */
export async function fetchSource(source: string, target: string, o: FetchOptions): Promise<string> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  if (source.startsWith(UPLOAD_PREFIX)) {
    const id = source.slice(UPLOAD_PREFIX.length);
    if (!/^[a-zA-Z0-9-]+$/.test(id)) throw new Error(`invalid upload id ${id}`);
    o.log.append("build", `unpacking uploaded source ${id}`);
    await runStep("tar", ["-xzf", uploadPath(o.dataDir, id), "-C", target], { cwd: target, env: o.env, log: o.log, signal: o.signal });
    return target;
  }
  if (isGitSource(source)) {
    const git = await resolveGit(source, o.env);
    o.log.append("build", `fetching ${git.repo}${git.ref ? `@${git.ref}` : ""}${git.subdir ? ` (${git.subdir})` : ""}`);
    const step = (args: string[]) => runStep("git", args, { cwd: target, env: { ...o.env, GIT_TERMINAL_PROMPT: "0" }, log: o.log, signal: o.signal });
    await step(["clone", "--quiet", git.repo, "."]);
    if (git.ref) await step(["checkout", "--quiet", git.ref]);
    const dir = join(target, git.subdir);
    if (!(await isDirectory(dir))) throw new Error(`${git.subdir} is not a directory in ${git.repo}`);
    return dir;
  }
  if (isAbsolute(source) && (await isDirectory(source))) {
    o.log.append("build", `copying ${source}`);
    await cp(source, target, { recursive: true, filter: (p) => !/[/\\](node_modules|\.git)$/.test(p) });
    return target;
  }
  throw new Error(`unsupported source "${source}": use a directory, a git URL or an upload`);
}

export function uploadPath(dataDir: string, id: string): string {
  return join(dataDir, "runtime", "uploads", `${id}.tar.gz`);
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}
