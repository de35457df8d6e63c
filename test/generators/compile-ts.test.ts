// Generated TypeScript must compile under `tsc --strict --noEmit`, with the runtime import (micro-ts/rpc) mapped
// to the repository's runtime/rpc/index.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { listProtoFiles } from "../../generators/proto-files.js";
import { fixtures, generateWithProtoc, readTree, REPO, tempDir } from "./helpers.js";

test("generated TypeScript compiles with tsc --strict", () => {
  const dir = tempDir("tsc");
  try {
    for (const f of fixtures()) {
      generateWithProtoc(f, join(dir, f.name), "targets=ts");
      // Imported files need their _pb.ts too (kitchen-sink imports google/api/annotations.proto).
      for (const root of f.includes) {
        generateWithProtoc({ name: `${f.name} imports`, root, includes: [], files: listProtoFiles(root) }, join(dir, f.name), "targets=ts");
      }
    }
    const tsFiles = [...readTree(dir).keys()].filter((n) => n.endsWith(".ts"));
    assert.ok(tsFiles.length >= 4, `expected generated .ts files, got ${tsFiles.join(", ")}`);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext",
        lib: ["ES2023"], types: ["node"], skipLibCheck: true, noUnusedLocals: false,
        paths: { "micro-ts/rpc": [join(REPO, "runtime", "rpc", "index.ts")] },
      },
      include: ["**/*.ts"],
    }));
    const tsc = spawnSync(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", dir]);
    assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout.toString()}${tsc.stderr.toString()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
