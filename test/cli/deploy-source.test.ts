// `micro run file://…`: the URL names a repository on the CLI's machine, so the CLI packs the ref's tree itself
// (git archive) and uploads it, as it does a directory — the server may be elsewhere, or (started as root) run as a
// user who cannot read the caller's files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nameOf, packRepository, parseSource } from "../../runtime/cli/deploy/source.js";

async function tarNames(chunks: AsyncGenerator<Uint8Array>): Promise<string[]> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return execFileSync("tar", ["-tf", "-"], { input: Buffer.concat(parts) }).toString().split("\n").filter(Boolean).sort();
}

test("a file:// URL is packed from the repository at its ref, below the path's place in it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "deploy-source-"));
  try {
    const repo = join(dir, "shop.git");
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=a@b", "-c", "user.name=a", ...args]);
    await mkdir(join(repo, "cart"), { recursive: true });
    execFileSync("git", ["init", "-q", repo]);
    await writeFile(join(repo, "cart", "main.ts"), "v1");
    await writeFile(join(repo, "README.md"), "top");
    git("add", "-A");
    git("commit", "-qm", "one");
    git("tag", "v1");
    await writeFile(join(repo, "cart", "extra.ts"), "v2");
    git("add", "-A");
    git("commit", "-qm", "two");
    await writeFile(join(repo, "cart", "uncommitted.ts"), "not in any commit");

    const whole = parseSource(`file://${repo}`);
    assert.deepEqual(whole, { kind: "repo", url: `file://${repo}`, path: repo, ref: undefined });
    assert.equal(nameOf(whole), "shop");
    assert.deepEqual(await tarNames(packRepository(repo)), ["README.md", "cart/", "cart/extra.ts", "cart/main.ts"]);

    const sub = parseSource(`file://${join(repo, "cart")}@v1`);
    assert.equal(sub.kind === "repo" && sub.ref, "v1");
    assert.equal(nameOf(sub), "cart");
    assert.deepEqual(await tarNames(packRepository(join(repo, "cart"), "v1")), ["main.ts"]);

    await mkdir(join(dir, "plain"));
    await assert.rejects(tarNames(packRepository(join(dir, "plain"))), /is not a git repository that can be read/);
    assert.throws(() => parseSource(`file://${join(dir, "missing")}`), /no such repository on this machine/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
