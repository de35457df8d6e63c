// protoc with the plugin, `buf generate` with the local plugin, and generateFromDir (no protoc) must write
// byte-identical files. protoc and buf are required: a missing tool fails the test (CI installs them).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diffTrees, fixtures, generateWithBuf, generateWithDir, generateWithProtoc, readTree, tempDir } from "./helpers.js";

const PARAMETERS = ["", "targets=ts+routes,rpc_import=@acme/rpc,ts_nocheck=true"];

for (const f of fixtures()) {
  for (const parameter of PARAMETERS) {
    test(`three ways in agree: ${f.name} "${parameter}"`, async () => {
      const dir = tempDir("three-ways");
      try {
        generateWithProtoc(f, join(dir, "protoc"), parameter);
        generateWithBuf(f, join(dir, "buf"), parameter);
        await generateWithDir(f, join(dir, "dir"), parameter);
        const reference = readTree(join(dir, "protoc"));
        assert.ok(reference.size > 0, "protoc generated nothing");
        assert.deepEqual(diffTrees(reference, readTree(join(dir, "buf"))), [], "buf generate differs from protoc");
        assert.deepEqual(diffTrees(reference, readTree(join(dir, "dir"))), [], "generateFromDir differs from protoc");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
