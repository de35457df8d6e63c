// The Java SDK (sdk/java): Maven compiles it and Surefire runs its JUnit scenario (store, config, events,
// registry, error envelope) against a live server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runScenario, runTool, SDK_DIR } from "./support.js";
import { skipUnless } from "../support/tools.js";

const JAVA_DIR = join(SDK_DIR, "java");
// target/ stays out of the checked-in folder's way: it is git-ignored.
const MVN = ["-B", "-ntp"];

test("java SDK: mvn package builds it and its scenario passes against a live server", { timeout: 900_000 }, async (t) => {
  if (skipUnless(t, "java", "mvn")) return;
  // Compiled (and dependencies fetched) before the server starts.
  const build = await runTool("mvn", [...MVN, "-q", "test-compile"], { cwd: JAVA_DIR, timeoutMs: 900_000 });
  assert.equal(build.code, 0, build.output);
  process.stdout.write(`# sdk java: mvn test-compile took ${build.ms} ms\n`);
  const r = await runScenario("java", "mvn", [...MVN, "package"], JAVA_DIR);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /Tests run: 5, Failures: 0, Errors: 0, Skipped: 0/, r.output);
  assert.match(r.output, /BUILD SUCCESS/, r.output);
});
