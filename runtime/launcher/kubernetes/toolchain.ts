// Which image runs a service, and the shell scripts its pod runs: the same three toolchains as the local builder
// (Node via npm, Go, Python), told apart by the files in the service's directory. The scripts look again inside
// the pod, so a wrong guess on the server side only costs a clear error in the build log.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { GIT_PROTOCOLS, gitArgs, gitEnv, type GitSource } from "../source.js";

const exec = promisify(execFile);

export type Toolchain = "node" | "go" | "python";

export const DEFAULT_IMAGES: Record<Toolchain, string> = {
  node: "node:20-slim",
  go: "golang:1.22",
  python: "python:3.11-slim",
};

/** The toolchain implied by a directory's file names (relative to the service directory). */
export function toolchainOf(files: string[]): Toolchain | undefined {
  const names = new Set(files.map((f) => f.replace(/^\.\//, "").replace(/\/$/, "")));
  if (names.has("package.json")) return "node";
  if (names.has("go.mod")) return "go";
  if (names.has("main.py") || names.has("requirements.txt")) return "python";
  return undefined;
}

/** Top-level entries of a gzipped tarball. */
export async function archiveFiles(path: string): Promise<string[]> {
  const { stdout } = await exec("tar", ["-tzf", path], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\n").map((l) => l.replace(/^\.\//, "")).filter((l) => l && !l.slice(0, -1).includes("/"));
}

/** Files at a git source's subdirectory, read from a blobless shallow clone (no checkout). */
export async function gitFiles(git: GitSource, env: NodeJS.ProcessEnv): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "micro-k8s-probe-"));
  // Only GIT_PROTOCOLS and `--` before the user's URL, as the local runtime fetches (../source.ts).
  const o = { env: gitEnv(env), timeout: 60_000 };
  try {
    const branch = git.ref ? ["--branch", git.ref] : [];
    await exec("git", gitArgs(["clone", "--quiet", "--depth", "1", "--no-checkout", "--filter=blob:none", ...branch, "--", git.repo, dir]), o)
      // A commit id is no --branch: clone everything, then look at that commit.
      .catch(() => exec("git", gitArgs(["clone", "--quiet", "--no-checkout", "--filter=blob:none", "--", git.repo, dir]), o));
    const rev = git.ref ? await exec("git", ["-C", dir, "rev-parse", "--verify", "--quiet", `${git.ref}^{commit}`], o)
      .then((r) => r.stdout.trim(), () => "HEAD") : "HEAD";
    const path = git.subdir ? `${git.subdir.replace(/\/+$/, "")}/` : "";
    const { stdout } = await exec("git", ["-C", dir, "ls-tree", "--name-only", rev, ...(path ? [path] : [])], o);
    return stdout.split("\n").filter(Boolean).map((f) => (path && f.startsWith(path) ? f.slice(path.length) : f));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Installs dependencies and builds, in the service directory (an init container, so restarts do not rebuild). */
export const BUILD_SCRIPT = `set -eu
if [ -f package.json ]; then
  npm install --no-audit --no-fund --loglevel=error
  if node -e "process.exit(require('./package.json').scripts?.build ? 0 : 1)"; then npm run build --silent; fi
elif [ -f go.mod ]; then
  mkdir -p .micro && go build -o .micro/service .
elif [ -f requirements.txt ]; then
  python3 -m pip install --quiet --disable-pip-version-check --target .micro/deps -r requirements.txt
elif [ -f main.py ]; then
  :
else
  echo "no package.json, go.mod or main.py: cannot tell how to build this service" >&2; exit 1
fi`;

/** Starts the built service in the foreground (exec, so it gets the pod's SIGTERM and drains). */
export const RUN_SCRIPT = `set -eu
if [ -f package.json ]; then
  if node -e "process.exit(require('./package.json').scripts?.start ? 0 : 1)"; then exec npm start --silent; fi
  exec node "$(node -p "require('./package.json').main || 'index.js'")"
elif [ -f go.mod ]; then
  exec ./.micro/service
else
  PYTHONPATH=.micro/deps exec python3 main.py
fi`;

/** Clones MICRO_GIT_REPO (at MICRO_GIT_REF) into the workspace; the values come as env, never spliced into the script. */
export const GIT_FETCH_SCRIPT = `set -eu
export GIT_ALLOW_PROTOCOL=${GIT_PROTOCOLS.join(":")} GIT_TERMINAL_PROMPT=0
case "\${MICRO_GIT_REF:-}" in -*) echo "invalid git ref: it must not start with -" >&2; exit 1;; esac
git clone --quiet -- "$MICRO_GIT_REPO" /workspace/src
if [ -n "\${MICRO_GIT_REF:-}" ]; then git -C /workspace/src checkout --quiet "$MICRO_GIT_REF" --; fi`;

/** Unpacks the uploaded archive that the source ConfigMap carries. */
export const UPLOAD_FETCH_SCRIPT = `set -eu
mkdir -p /workspace/src
tar -xzf /micro-upload/source.tar.gz -C /workspace/src`;
