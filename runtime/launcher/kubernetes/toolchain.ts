// Which image runs a service, and the shell scripts its pod runs: the same three toolchains as the local builder
// (Node via npm, Go, Python), told apart by the files in the service's directory. The scripts look again inside
// the pod, so a wrong guess on the server side only costs a clear error in the build log.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { FRAMEWORK } from "../framework.js";
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

/** Top-level entries of a gzipped tarball, and package.json's text when it has one. */
export async function archiveProbe(path: string): Promise<Probe> {
  const { stdout } = await exec("tar", ["-tzf", path], { maxBuffer: 64 * 1024 * 1024 });
  const entries = stdout.split("\n").filter(Boolean);
  const files = entries.map((l) => l.replace(/^\.\//, "")).filter((l) => l && !l.slice(0, -1).includes("/"));
  // extracted by the entry's own spelling (./package.json or package.json), to stdout: nothing lands on disk
  const entry = entries.find((l) => l.replace(/^\.\//, "") === "package.json");
  const packageJson = entry === undefined ? undefined
    : (await exec("tar", ["-xzOf", path, "--", entry], { maxBuffer: MAX_PACKAGE_JSON })).stdout;
  return { files, packageJson };
}

export interface Probe {
  /** Names in the service's directory. */
  files: string[];
  /** Its package.json, when it has one. */
  packageJson?: string;
}

/** A package.json larger than this is refused rather than read into memory. */
const MAX_PACKAGE_JSON = 1024 * 1024;

/** Files at a git source's subdirectory, and its package.json, read from a blobless shallow clone (no checkout:
 * git fetches the one blob it shows). */
export async function gitProbe(git: GitSource, env: NodeJS.ProcessEnv): Promise<Probe> {
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
    const files = stdout.split("\n").filter(Boolean).map((f) => (path && f.startsWith(path) ? f.slice(path.length) : f));
    const packageJson = files.includes("package.json")
      ? (await exec("git", gitArgs(["-C", dir, "show", `${rev}:${path}package.json`]), { ...o, maxBuffer: MAX_PACKAGE_JSON })).stdout
      : undefined;
    return { files, packageJson };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where the build container finds the package the server provides (the framework ConfigMap, read-only). */
export const FRAMEWORK_MOUNT = "/micro-framework";

/**
 * Points package.json's micro-ts at the package the server provides, as the local runtime does (../framework.ts
 * decided it): copies it from the mount into .micro/ and rewrites the dependency, in the pod's own copy of the
 * source. The values come as env: MICRO_FRAMEWORK_TARBALL (the mounted file), MICRO_FRAMEWORK_FILE (the copy,
 * relative), MICRO_FRAMEWORK_FIELD and MICRO_FRAMEWORK_RANGE (what the server read; a package.json that says
 * otherwise by now, e.g. a branch that moved since, fails rather than getting a framework nobody checked).
 */
export const FRAMEWORK_STEP = `if [ -n "\${MICRO_FRAMEWORK_TARBALL:-}" ]; then
  node -e '
    const fs = require("fs"), e = process.env, p = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const have = p[e.MICRO_FRAMEWORK_FIELD]?.["${FRAMEWORK}"];
    if (have !== e.MICRO_FRAMEWORK_RANGE) {
      console.error("package.json names ${FRAMEWORK} " + JSON.stringify(have) + " in " + e.MICRO_FRAMEWORK_FIELD + ", the server checked " + JSON.stringify(e.MICRO_FRAMEWORK_RANGE) + ": micro update to check again");
      process.exit(1);
    }
    p[e.MICRO_FRAMEWORK_FIELD]["${FRAMEWORK}"] = "file:" + e.MICRO_FRAMEWORK_FILE;
    fs.writeFileSync("package.json", JSON.stringify(p, null, 2) + require("os").EOL);
  '
  mkdir -p "$(dirname "$MICRO_FRAMEWORK_FILE")"
  cp "$MICRO_FRAMEWORK_TARBALL" "$MICRO_FRAMEWORK_FILE"
  echo "${FRAMEWORK} $MICRO_FRAMEWORK_RANGE: provided by the server ($MICRO_FRAMEWORK_FILE)"
fi`;

/** Installs dependencies and builds, in the service directory (an init container, so restarts do not rebuild). */
export const BUILD_SCRIPT = `set -eu
if [ -f package.json ]; then
${FRAMEWORK_STEP.replace(/^/gm, "  ")}
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
