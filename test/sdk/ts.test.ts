// The TypeScript SDK (sdk/ts): npm installs its dependencies, tsc builds it, its node:test scenario (store,
// config, events, registry, error envelope) runs over grpc-js, and its browser test drives headless Chromium
// (Debian's chromium, through playwright-core) whose page calls the server through gRPC-Web.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withServer } from "../support/server.js";
import { buildTsSdk, runScenario, runTool, TS_DIR } from "./support.js";
import { requireTools } from "../support/tools.js";

test("ts SDK: builds and passes the scenario against a live server", { timeout: 600_000 }, async () => {
  await buildTsSdk();
  const r = await runScenario("ts", process.execPath, ["--test", "dist/test/scenario.test.js"], TS_DIR);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /^# pass 5$/m, r.output);
  assert.match(r.output, /^# skipped 0$/m, r.output);
});

test("ts SDK in a browser: WebClient from headless Chromium over gRPC-Web", { timeout: 600_000 }, async () => {
  requireTools("chromium");
  await buildTsSdk();
  const r = await withServer(async (server) => {
    const env = { MICRO_SDK_GRPC_WEB: `http://${server.apiAddress}`, MICRO_TOKEN: await server.adminToken() };
    return runTool(process.execPath, ["--test", "dist/test/browser.test.js"], { cwd: TS_DIR, env, timeoutMs: 300_000 });
  });
  process.stdout.write(`# sdk browser: chromium scenario took ${r.ms} ms\n`);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /^# pass 1$/m, r.output);
  assert.match(r.output, /^# skipped 0$/m, r.output);
});
