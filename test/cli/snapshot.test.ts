// bin/micro starts node from the CLI's startup snapshot (runtime/cli/snapshot.ts, made by `npm run build`) when
// the snapshot was built by the node on PATH and NODE_OPTIONS is empty; otherwise it starts the CLI plainly.
// Pinned down here: the snapshot exists for this node, calls started from it answer exactly as plain starts do
// (replies, errors, help, exit codes; service calls and the builtins it serves), and another node binary or NODE_OPTIONS
// gets the plain start rather than node's refusal of a foreign snapshot.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmod, copyFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPlatform, type Platform } from "./support/platform.js";
import { startFixtures } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro, type RunResult } from "./support/micro.js";

const SNAPSHOT = fileURLToPath(new URL("../../cli/snapshot", import.meta.url)); // dist/cli/snapshot.{blob,node}

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
let scratch: string;
/** PATH with a `micro-startup` plugin first: it prints the command line of the micro process that ran it. */
let pluginPath: string;

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
  home = await adminHome(platform.port);
  scratch = await mkdtemp(join(tmpdir(), "cli-test-snapshot-"));
  const plugin = join(scratch, "micro-startup");
  await writeFile(plugin, `#!/bin/sh\ntr '\\0' ' ' < /proc/$PPID/cmdline\n`);
  await chmod(plugin, 0o755);
  pluginPath = `${scratch}:${process.env.PATH}`;
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
  await home?.remove();
  await platform?.close();
});

const micro = (args: string[], env: Record<string, string> = {}) => runMicro(args, { home: home.home, port: platform.port, env });
/** The same command line, plain: any NODE_OPTIONS turns the snapshot off. */
const plain = (args: string[]) => micro(args, { NODE_OPTIONS: "--no-deprecation" });
const same = (a: RunResult, b: RunResult, what: string) => {
  assert.equal(a.code, b.code, `${what}: exit code`);
  assert.equal(a.stdout, b.stdout, `${what}: stdout`);
  assert.equal(a.stderr, b.stderr, `${what}: stderr`);
};

test("npm run build made a startup snapshot for the node that runs the tests", async () => {
  const blob = await stat(`${SNAPSHOT}.blob`);
  assert.ok(blob.size > 1_000_000, `a real heap image, not ${blob.size} bytes`);
  const node = await stat(process.execPath);
  const stamp = (await readFile(`${SNAPSHOT}.node`, "utf8")).trim();
  assert.equal(stamp, `${node.dev}:${node.ino}:${node.size}:${Math.floor(node.mtimeMs / 1000)}`);
});

test("a service command starts from the snapshot; NODE_OPTIONS starts it plainly", async () => {
  const fast = await micro(["startup"], { PATH: pluginPath });
  assert.equal(fast.code, 0, fast.stderr);
  assert.match(fast.stdout, /--snapshot-blob \S+snapshot\.blob \S+launch\.cjs startup/);
  const slow = await micro(["startup"], { PATH: pluginPath, NODE_OPTIONS: "--no-deprecation" });
  assert.equal(slow.code, 0, slow.stderr);
  assert.doesNotMatch(slow.stdout, /--snapshot-blob/);
  assert.match(slow.stdout, /launch\.cjs startup/);
});

test("another node binary on PATH gets the plain start, not node's refusal of the snapshot", async () => {
  const other = await mkdtemp(join(tmpdir(), "cli-test-node-"));
  try {
    await copyFile(process.execPath, join(other, "node")); // same version, another file: not the one the stamp names
    await chmod(join(other, "node"), 0o755);
    const r = await micro(["startup"], { PATH: `${other}:${pluginPath}` });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /--snapshot-blob/);
    assert.match(r.stdout, /^node \S+launch\.cjs startup/, "node from PATH, which is the copy");
    const call = await micro(["helloworld", "--name=Alice"], { PATH: `${other}:${process.env.PATH}` });
    assert.equal(call.code, 0, call.stderr);
    assert.deepEqual(JSON.parse(call.stdout), { msg: "Hello Alice" });
  } finally {
    await rm(other, { recursive: true, force: true });
  }
});

test("calls, errors and help from the snapshot are byte for byte the plain start's", async () => {
  for (const args of [
    ["helloworld", "--name=Alice"],
    ["helloworld", "message", "--name", "Bo"],
    ["helloworld", "stream", "--count=3"],
    ["kitchen", "order", "--dish=soup", "--extras=bread,salt", "--quantity=2"],
    ["helloworld", "--nmae=Alice"],
    ["helloworld", "nope"],
    ["helloworld", "--help"],
    ["helloworld", "message", "--help"],
    ["no-such-service"],
    ["--env", "local", "helloworld", "--name=Env"],
  ]) {
    same(await micro(args), await plain(args), `micro ${args.join(" ")}`);
  }
});

test("builtins the snapshot serves, and the ones it leaves to dist/, answer as plainly started", async () => {
  for (const args of [
    ["call", "helloworld", "Helloworld.Call", '{"name":"Alice"}'], ["services"], ["env"], ["user"], ["store", "list"],
    ["call", "--help"], ["call", "helloworld"], ["status"], ["help"], ["--version"],
  ]) {
    same(await micro(args), await plain(args), `micro ${args.join(" ")}`);
  }
});
