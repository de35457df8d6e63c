// What keeps `micro server`'s memory down (issue 16: RSS after a minute of load ≤ 150 MB), pinned down:
// - its modules load neither @grpc/grpc-js (the client transport's library: the server serves without calling out
//   over it) nor yaml (the kubernetes runtime's manifests) at start, and a grpc-js call still works, loading it then;
// - bin/micro starts the server with the young generation and heap growth it was measured with and with
//   MALLOC_MMAP_THRESHOLD_ (scrypt's 16 MB blocks given back to the system when freed, not kept by malloc), unless
//   the user set that variable; launch.cjs keeps the setting out of what the server's children inherit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MICRO_BIN } from "../cli/support/micro.js";

const DIST = fileURLToPath(new URL("../../", import.meta.url)); // dist/
const LAUNCH = join(MICRO_BIN, "..", "launch.cjs");

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = DIST): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("micro server's modules load neither grpc-js nor yaml; a grpc-js call loads grpc-js when it is made", async () => {
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    const loaded = () => [...new Set(Object.keys(require.cache).filter((p) => /node_modules\\/(@grpc\\/grpc-js|yaml)\\//.test(p))
      .map((p) => p.replace(/.*node_modules\\//, "").split("/")[0] === "@grpc" ? "@grpc/grpc-js" : "yaml"))];
    await import("./runtime/server/server.js");
    const { createClient, createGrpcTransport } = await import("./runtime/rpc/index.js");
    const { Registry } = await import("./runtime/gen/registry/registry_pb.js");
    const atStart = loaded();
    // nothing listens on port 1: the call fails, through grpc-js, as a MicroError
    const error = await createClient(Registry, createGrpcTransport({ address: "127.0.0.1:1", timeoutMs: 5000 })).listServices({})
      .then(() => undefined, (err) => err);
    console.log(JSON.stringify({ atStart, afterCall: loaded(), error: { name: error?.constructor?.name, code: error?.code } }));
    process.exit(0);
  `;
  const { code, stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script], process.env);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout.trim().split("\n").pop()!) as { atStart: string[]; afterCall: string[]; error: { name?: string; code?: number } };
  assert.deepEqual(result.atStart, [], "loaded at start");
  assert.deepEqual(result.afterCall, ["@grpc/grpc-js"], "loaded by the call");
  assert.equal(result.error.name, "MicroError", JSON.stringify(result.error));
  assert.ok(typeof result.error.code === "number" && result.error.code >= 500, `an unreachable server's error: ${JSON.stringify(result.error)}`);
});

test("bin/micro starts the server with its heap flags and malloc setting; a user's MALLOC_MMAP_THRESHOLD_ stays", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-server-start-"));
  try {
    // a `node` first on PATH that records how bin/micro ran it
    await writeFile(join(dir, "node"), `#!/bin/sh\n{ printf '%s\\n' "$@"; echo "--env"; env; } > "${dir}/seen"\n`);
    await chmod(join(dir, "node"), 0o755);
    const seen = async (env: Record<string, string>) => {
      const r = await run(MICRO_BIN, ["server", "--flag"], { PATH: `${dir}:${process.env.PATH}`, HOME: dir, ...env });
      assert.equal(r.code, 0, r.stderr);
      const [args, envText] = (await readFile(join(dir, "seen"), "utf8")).split("--env\n");
      const vars = Object.fromEntries(envText!.split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
      return { args: args!.trim().split("\n"), vars };
    };
    const plain = await seen({});
    assert.deepEqual(plain.args, ["--max-semi-space-size=4", "--heap-growing-percent=50", LAUNCH, "server", "--flag"]);
    assert.equal(plain.vars.MALLOC_MMAP_THRESHOLD_, "131072");
    assert.equal(plain.vars.MICRO_SERVER_MALLOC, "bin/micro");
    const own = await seen({ MALLOC_MMAP_THRESHOLD_: "65536" });
    assert.equal(own.vars.MALLOC_MMAP_THRESHOLD_, "65536");
    assert.equal(own.vars.MICRO_SERVER_MALLOC, undefined, "the user's setting is not launch.cjs's to remove");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("launch.cjs keeps bin/micro's malloc setting from the server's children, and a user's own setting for them", async () => {
  const dir = await mkdtemp(join(tmpdir(), "micro-server-env-"));
  try {
    // a micro-<name> plugin, which the CLI runs as a child with its environment
    await writeFile(join(dir, "micro-showenv"), "#!/bin/sh\nenv\n");
    await chmod(join(dir, "micro-showenv"), 0o755);
    const childEnv = async (env: Record<string, string>) => {
      const r = await run(process.execPath, [LAUNCH, "showenv"], { PATH: `${dir}:${process.env.PATH}`, HOME: dir, ...env });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    const fromBin = await childEnv({ MALLOC_MMAP_THRESHOLD_: "131072", MICRO_SERVER_MALLOC: "bin/micro" });
    assert.doesNotMatch(fromBin, /^MALLOC_MMAP_THRESHOLD_=/m);
    assert.doesNotMatch(fromBin, /^MICRO_SERVER_MALLOC=/m);
    assert.match(fromBin, /^HOME=/m, "the plugin printed its environment");
    assert.match(await childEnv({ MALLOC_MMAP_THRESHOLD_: "65536" }), /^MALLOC_MMAP_THRESHOLD_=65536$/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
