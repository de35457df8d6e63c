// Micro 3.0's own integration tests (test/ of v3.19.0) against our server: its 8 server tests that need no
// internet, unchanged apart from the launcher (test/compat/micro-v3-suite/local_server.go; test/support/
// micro-v3-suite.ts compiles and runs them). Micro 3.0's own server is the baseline: a test it fails here says
// something about this machine, not about us. Without Go it skips naming it; under CI=true it must run.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { skipUnless } from "../support/tools.js";
import { MICRO_BIN } from "../cli/support/micro.js";
import { microV3Binary } from "../support/micro-v3.js";
import { SERVER_TESTS, microV3Suite, runMicroV3Suite, type SuiteRun } from "../support/micro-v3-suite.js";

/** What `go test -v` printed for one test (its RUN line to its verdict), for the failure message. */
function section(run: SuiteRun, name: string): string {
  const lines = run.output.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`=== RUN   ${name}`));
  if (start < 0) return run.output.split("\n").slice(-40).join("\n");
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^--- \\w+: ${name} `).test(l));
  return lines.slice(start, end < 0 ? undefined : end + 1).join("\n");
}

// a cold cache installs Go 1.20's toolchain and Micro 3.0, then compiles the suite: beyond npm test's 5 minutes
test("Micro 3.0's integration suite: its 8 server tests pass against Micro 3.0 and against ours", { timeout: 1_800_000 }, async (t: TestContext) => {
  if (skipUnless(t, "go")) return;
  const micro3 = await microV3Binary();
  const suite = await microV3Suite();
  for (const [name, server] of [["Micro 3.0's own server (the baseline)", micro3], ["our server", MICRO_BIN]] as const) {
    await t.test(name, async () => {
      const run = await runMicroV3Suite(suite, micro3, server, SERVER_TESTS);
      for (const test of SERVER_TESTS) assert.equal(run.verdicts.get(test), "PASS", `${test} against ${name}:\n${section(run, test)}`);
      assert.equal(run.code, 0, run.output.split("\n").slice(-20).join("\n"));
    });
  }
});
