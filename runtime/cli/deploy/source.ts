// What `micro run` / `micro update` send as a service's source: a local directory is packed (a plain tar, without
// node_modules, build output and VCS folders) and uploaded through runtime.Source; a git URL is passed as it is and
// the server fetches it. Plain, not gzipped: Micro 3.0's server unpacks only a plain tar (what its CLI sends), and
// ours takes either (and gzips what it keeps).
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { isGitUrl, splitRef } from "../../launcher/source.js";
import { CliError } from "../errors.js";

const EXCLUDE = ["node_modules", "dist", ".git", ".micro", "__pycache__"];
const CHUNK = 256 * 1024;

export type SourceRef = { kind: "dir"; dir: string } | { kind: "git"; url: string };

export function parseSource(arg: string): SourceRef {
  if (isGitUrl(arg)) return { kind: "git", url: arg };
  const dir = resolve(arg);
  if (!existsSync(dir)) throw new CliError(`${arg}: no such directory (give a directory or a git URL such as github.com/micro/services/helloworld)`);
  if (!statSync(dir).isDirectory()) throw new CliError(`${arg} is not a directory`);
  return { kind: "dir", dir };
}

/** The service name a source implies: the directory's or the URL's last path element, without .git or @ref. */
export function nameOf(source: SourceRef): string {
  if (source.kind === "dir") return basename(source.dir);
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
export async function* packDirectory(dir: string): AsyncGenerator<Uint8Array> {
  const tar = spawn("tar", ["-cf", "-", ...EXCLUDE.map((e) => `--exclude=./${e}`), "-C", dir, "."], { stdio: ["ignore", "pipe", "pipe"] });
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
  if ((await exited) !== 0) throw new CliError(`could not pack ${dir}: ${stderr.trim() || "tar failed"}`);
  if (pending.length > 0) yield pending;
}
