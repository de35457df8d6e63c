import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateFromDir } from "../../generators/generate.js";
import { CHECKED_IN } from "../../generators/scripts/checked-in.js";

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));
  }
  return out.sort();
}

for (const spec of CHECKED_IN) {
  test(`checked-in generated code in ${spec.out} is current (npm run gen)`, async () => {
    const tmp = await mkdtemp(join(tmpdir(), "micro-gen-check-"));
    try {
      await generateFromDir({ ...spec, out: tmp, cache: false });
      const fresh = await listFiles(tmp);
      assert.deepEqual(await listFiles(spec.out), fresh, `${spec.out} has other files than the generator writes: run npm run gen`);
      for (const f of fresh) {
        assert.equal(await readFile(join(spec.out, f), "utf8"), await readFile(join(tmp, f), "utf8"), `${spec.out}/${f} is stale: run npm run gen`);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
}
