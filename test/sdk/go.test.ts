// The Go SDK (sdk/go): `go vet` and `go test` build it, and its scenario (store, config, events, registry,
// error envelope) runs against a live server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runScenario } from "./support.js";
import { skipUnless } from "../support/tools.js";

const GO_DIR = join(import.meta.dirname, "../../../sdk/go");

test("go SDK: builds and passes the scenario against a live server", { timeout: 600_000 }, async (t) => {
  if (skipUnless(t, "go")) return;
  const r = await runScenario("go", "go", ["test", "-count=1", "-v", "./..."], GO_DIR, { GOFLAGS: "-buildvcs=false" });
  assert.equal(r.code, 0, r.output);
  for (const name of ["TestStore", "TestConfig", "TestEvents", "TestRegistry", "TestBadToken"]) {
    assert.match(r.output, new RegExp(`--- PASS: ${name} `), `${name} did not pass:\n${r.output}`);
  }
  assert.doesNotMatch(r.output, /--- SKIP/, r.output);
});
