// git on user-supplied URLs: only https, ssh, git and file transports (never ext::, which runs a command), and a
// URL or ref is never read as an option, whatever the server's own environment allows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveGit } from "../../runtime/launcher/source.js";
import { GIT_FETCH_SCRIPT } from "../../runtime/launcher/kubernetes/toolchain.js";

const exec = promisify(execFile);
const exists = (p: string) => stat(p).then(() => true, () => false);

test("an ext:: URL is refused even when the server's environment allows the ext transport", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-git-ext-"));
  try {
    const marker = join(dir, "pwned");
    // what an operator's (or an attacker-influenced) environment might say: without the hardening git would run it
    const lax = { ...process.env, GIT_ALLOW_PROTOCOL: "ext:file", GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "protocol.ext.allow", GIT_CONFIG_VALUE_0: "always" };
    await assert.rejects(resolveGit(`ext::sh -c touch% ${marker}.git`, lax), /is not a git repository that can be read/);
    assert.equal(await exists(`${marker}.git`), false, "git ran the ext:: command");
    assert.equal(await exists(marker), false, "git ran the ext:: command");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a ref that looks like an option is refused; file:// repositories still resolve under the hardening", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-git-opt-"));
  try {
    const repo = join(dir, "app.git");
    await exec("git", ["init", "--quiet", "--bare", repo]);
    assert.deepEqual(await resolveGit(`file://${repo}/sub`, process.env), { repo: `file://${repo}`, ref: undefined, subdir: "sub" });
    await assert.rejects(resolveGit(`file://${repo}@--orphan=x`, process.env), /invalid git ref "--orphan=x"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the kubernetes fetch container's script refuses ext:: URLs and option-like refs too", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-git-k8s-"));
  try {
    // the init container's script, run here with its workspace moved into the temp dir
    const script = GIT_FETCH_SCRIPT.replaceAll("/workspace/src", join(dir, "src"));
    const marker = join(dir, "pwned");
    const run = (repo: string, ref = "") => exec("sh", ["-c", script], { env: { ...process.env, GIT_ALLOW_PROTOCOL: "ext:file", MICRO_GIT_REPO: repo, MICRO_GIT_REF: ref } });
    await assert.rejects(run(`ext::sh -c touch% ${marker}`));
    assert.equal(await exists(marker), false, "git ran the ext:: command");
    const repo = join(dir, "app");
    await exec("git", ["init", "--quiet", repo]);
    await exec("git", ["-C", repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "--quiet", "--allow-empty", "-m", "x"]);
    await assert.rejects(run(`file://${repo}`, "--orphan=x"), /must not start with -/);
    await run(`file://${repo}`);
    assert.equal(await exists(join(dir, "src", ".git")), true, "a file:// repository is still cloned");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
