// What `micro run` / `micro update` send as a service's source: a local directory is packed (a plain tar, without
// node_modules, build output and VCS folders) and uploaded through runtime.Source; a git URL is passed as it is and
// the server fetches it. A file:// URL names a repository on the machine the command is typed on, so the CLI packs
// the ref's tree (`git archive`) and uploads it like a directory: the server may be elsewhere, or (started as root)
// run as a user who may not read the caller's files. Plain, not gzipped: Micro 3.0's server unpacks only a plain tar
// (what its CLI sends), and ours takes either (and gzips what it keeps).
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { isGitUrl, splitRef } from "../../launcher/source.js";
import { CliError } from "../errors.js";

const EXCLUDE = ["node_modules", "dist", ".git", ".micro", "__pycache__"];
const CHUNK = 256 * 1024;

export type SourceRef = { kind: "dir"; dir: string } | { kind: "git"; url: string } | { kind: "repo"; url: string; path: string; ref?: string };

export function parseSource(arg: string): SourceRef {
  if (arg.startsWith("file://")) {
    const { url, ref } = splitRef(arg);
    const path = decodeURIComponent(url.slice("file://".length));
    if (!existsSync(path)) throw new CliError(`${arg}: no such repository on this machine`);
    return { kind: "repo", url: arg, path, ref };
  }
  if (isGitUrl(arg)) return { kind: "git", url: arg };
  const dir = resolve(arg);
  if (!existsSync(dir)) throw new CliError(`${arg}: no such directory (give a directory or a git URL such as github.com/micro/services/helloworld)`);
  if (!statSync(dir).isDirectory()) throw new CliError(`${arg} is not a directory`);
  return { kind: "dir", dir };
}

/** The service name a source implies: the directory's or the URL's last path element, without .git or @ref. */
export function nameOf(source: SourceRef): string {
  if (source.kind === "dir") return basename(source.dir);
  if (source.kind === "repo") return basename(source.path.replace(/\/+$/, "").replace(/\.git$/, ""));
  const path = splitRef(source.url).url.replace(/\/+$/, "").replace(/\.git$/, "");
  return basename(path.replace(/^[^:]+:(?!\/)/, "/"));
}

/** `micro kill` / `micro update` take a service's name, or the directory or git URL it was run from (as Micro 3.0). */
export function parseTarget(arg: string): { name: string; source?: SourceRef } {
  if (/^[a-z][a-z0-9-]*$/.test(arg)) return { name: arg };
  const source = parseSource(arg);
  return { name: nameOf(source), source };
}

/** A tarball of `dir`, streamed in chunks. */
export function packDirectory(dir: string): AsyncGenerator<Uint8Array> {
  return packWith("tar", ["-cf", "-", ...EXCLUDE.map((e) => `--exclude=./${e}`), "-C", dir, "."], dir);
}

/** A tarball of a local repository's tree at `ref` (default HEAD), below the path's place in the repository:
 * `git archive` of `<ref>:<prefix>`, the repository's own files only (no working-tree changes, no .git). */
export async function* packRepository(path: string, ref = "HEAD"): AsyncGenerator<Uint8Array> {
  // --show-cdup leads to the top of the work tree (empty in a bare repository), where archive sees the whole tree
  const [prefix, up] = (await gitOutput(path, ["rev-parse", "--show-prefix", "--show-cdup"]).catch(() => {
    throw new CliError(`file://${path} is not a git repository that can be read`);
  })).split("\n");
  yield* packWith("git", ["-C", join(path, up ?? ""), "archive", "--format=tar", "--", `${ref}:${prefix ?? ""}`], `file://${path}@${ref}`);
}

function gitOutput(dir: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const git = spawn("git", ["-C", dir, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    git.stdout.on("data", (d) => (out += d));
    git.on("error", fail);
    git.on("close", (code) => (code === 0 ? done(out) : fail(new Error(`git ${args[0]} exited with ${code}`))));
  });
}

async function* packWith(command: string, args: string[], what: string): AsyncGenerator<Uint8Array> {
  const tar = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  tar.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number>((done) => tar.on("close", (code) => done(code ?? 1)));
  let pending = Buffer.alloc(0);
  for await (const data of tar.stdout) {
    pending = Buffer.concat([pending, data as Buffer]);
    while (pending.length >= CHUNK) {
      yield pending.subarray(0, CHUNK);
      pending = pending.subarray(CHUNK);
    }
  }
  if ((await exited) !== 0) throw new CliError(`could not pack ${what}: ${stderr.trim() || `${command} failed`}`);
  if (pending.length > 0) yield pending;
}
