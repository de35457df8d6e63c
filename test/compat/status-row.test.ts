// How the CLI reads a service's status from our server and from Micro 3.0's: the status number (Micro 3.0's
// metadata.status may say unknown beside it) and start times in whole seconds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { statusRow } from "../../runtime/cli/deploy/status.js";

const service = { name: "hello-go", version: "latest", source: "upload:1" };

test("statusRow: Micro 3.0's status number first, else metadata.status", () => {
  // what Micro 3.0's server answers for a running service: Running is 4, Error 7
  assert.equal(statusRow({ ...service, metadata: { status: "unknown" }, status: 4 }).status, "running");
  assert.equal(statusRow({ ...service, metadata: {}, status: 4 }).status, "running");
  assert.equal(statusRow({ ...service, metadata: { status: "building" }, status: 0 }).status, "building");
  assert.equal(statusRow({ ...service, metadata: { error: "exit 1" }, status: 7 }).status, "error");
  assert.equal(statusRow({ ...service, metadata: {}, status: 0 }).status, "unknown");
  assert.equal(statusRow({ ...service, metadata: {}, status: 42 }).status, "unknown");
  assert.equal(statusRow({ ...service, metadata: {} }).status, "unknown");
});

test("startedSince: our server's milliseconds compare exactly, Micro 3.0's whole seconds by the second", async () => {
  const { startedSince } = await import("../../runtime/cli/deploy/follow.js");
  const asked = Date.parse("2026-01-02T03:04:05.153Z");
  assert.equal(startedSince("2026-01-02T03:04:05.100Z", asked), false, "ours: started before the update");
  assert.equal(startedSince("2026-01-02T03:04:05.200Z", asked), true);
  assert.equal(startedSince("2026-01-02T03:04:05Z", asked), true, "Micro 3.0: restarted in the same second");
  assert.equal(startedSince("2026-01-02T03:04:04Z", asked), false);
  assert.equal(startedSince(undefined, asked), false);
  assert.equal(startedSince(undefined, 0), true);
});
