// The TypeScript SDK (sdk/ts): npm installs its dependencies, tsc builds it, and its node:test scenario
// (store, config, events, registry, error envelope) runs over grpc-js against a live server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runScenario, runTool, SDK_DIR } from "./support.js";

const TS_DIR = join(SDK_DIR, "ts");

/** npm ci, then tsc: the SDK builds with its own toolchain (the browser test reuses the build). */
export async function buildTsSdk(): Promise<void> {
  const install = await runTool("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: TS_DIR });
  assert.equal(install.code, 0, install.output);
  const build = await runTool(join(TS_DIR, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: TS_DIR });
  assert.equal(build.code, 0, build.output);
  process.stdout.write(`# sdk ts: npm ci ${install.ms} ms, tsc ${build.ms} ms\n`);
}

test("ts SDK: builds and passes the scenario against a live server", { timeout: 600_000 }, async () => {
  await buildTsSdk();
  const r = await runScenario("ts", process.execPath, ["--test", "dist/test/scenario.test.js"], TS_DIR);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /^# pass 5$/m, r.output);
  assert.match(r.output, /^# skipped 0$/m, r.output);
});
