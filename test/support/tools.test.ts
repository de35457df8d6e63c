// test/support/tools.ts: a missing optional tool skips outside CI and fails under CI=true; a missing required tool
// and a broken tool fail either way. Tools are hidden or faked with a PATH of one temp directory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingTool, probe, underCi } from "./tools.js";

/** A PATH directory holding the given shell scripts as commands. */
function fakeBin(scripts: Record<string, string>): { PATH: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "tools-test-"));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return { PATH: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test("CI=true and CI=1 mean CI; anything else does not", () => {
  assert.equal(underCi({ CI: "true" }), true);
  assert.equal(underCi({ CI: "1" }), true);
  assert.equal(underCi({ CI: "false" }), false);
  assert.equal(underCi({}), false);
});

test("a missing optional tool is a skip reason naming it; under CI=true it fails, naming it", (t) => {
  const bin = fakeBin({});
  t.after(bin.remove);
  assert.match(missingTool(["go"], { PATH: bin.PATH }) ?? "", /^go is not installed \(go not found on PATH\): install Go/);
  assert.throws(() => missingTool(["go"], { PATH: bin.PATH, CI: "true" }), /^Error: go is not installed .*under CI=true optional tools are required$/);
  assert.throws(() => missingTool(["cargo", "go"], { PATH: bin.PATH, CI: "true" }), /^Error: cargo is not installed/, "the first missing one is named");
});

test("a missing required tool (a Debian package README lists) fails outside CI too", (t) => {
  const bin = fakeBin({});
  t.after(bin.remove);
  assert.throws(() => missingTool(["protoc"], { PATH: bin.PATH }), /^Error: protoc is not installed .*apt-get install protobuf-compiler; this test needs it$/);
});

test("a tool that is there but broken fails, with or without CI; a working one passes", (t) => {
  const bin = fakeBin({ go: 'echo "go: cannot find GOROOT directory" >&2; exit 2', cargo: "echo cargo 1.0" });
  t.after(bin.remove);
  assert.throws(() => missingTool(["go"], { PATH: bin.PATH }), /^Error: go is installed but does not work \(go version exited with 2: go: cannot find GOROOT directory\)/);
  assert.equal(missingTool(["cargo"], { PATH: bin.PATH, CI: "true" }), undefined);
});

test("a Python module's ModuleNotFoundError counts as missing; any other failure as broken", (t) => {
  const bin = fakeBin({
    python3: 'case "$2" in *grpc_tools*) echo "ModuleNotFoundError: No module named \'grpc_tools\'" >&2; exit 1;; *) echo "Segmentation fault" >&2; exit 139;; esac',
  });
  t.after(bin.remove);
  const spec = { optional: true, install: "grpcio-tools", absent: /ModuleNotFoundError/ };
  assert.deepEqual(probe({ ...spec, probe: ["python3", "-c", "import grpc_tools"] }, { PATH: bin.PATH }),
    { ok: false, missing: true, detail: "ModuleNotFoundError: No module named 'grpc_tools'" });
  assert.deepEqual(probe({ ...spec, probe: ["python3", "-c", "import venv"] }, { PATH: bin.PATH }),
    { ok: false, missing: false, detail: "python3 -c import venv exited with 139: Segmentation fault" });
});
