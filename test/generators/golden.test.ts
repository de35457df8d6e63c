// Golden files per fixture and target, generated through protoc with the plugin. Any byte difference fails and
// names the file; `UPDATE_GOLDEN=1 npm test` rewrites fixtures/golden/ after an intended change.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { MICRO_TARGETS } from "../../generators/emit/context.js";
import { diffTrees, fixtures, generateWithProtoc, GOLDEN_DIR, readTree, tempDir } from "./helpers.js";

const update = process.env.UPDATE_GOLDEN === "1";

for (const f of fixtures()) {
  for (const target of MICRO_TARGETS) {
    test(`golden ${f.name}/${target}`, () => {
      const out = tempDir("golden");
      try {
        generateWithProtoc(f, out, `targets=${target}`);
        const actual = readTree(out);
        assert.ok(target === "ts" || actual.size > 0, `${f.name}/${target} generated nothing`);
        const golden = join(GOLDEN_DIR, f.name, target);
        if (update) {
          rmSync(golden, { recursive: true, force: true });
          mkdirSync(golden, { recursive: true });
          cpSync(out, golden, { recursive: true });
          return;
        }
        const problems = diffTrees(readTree(golden), actual);
        assert.deepEqual(problems, [], `output differs from ${golden} (UPDATE_GOLDEN=1 to accept):\n${problems.join("\n")}`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
}
