// Splitting the plugin parameter between protoc-gen-micro and protoc-gen-es.
import assert from "node:assert/strict";
import { test } from "node:test";
import { MicroOptionError, splitParameter } from "../../generators/plugin/parameter.js";

test("defaults: all targets, micro-ts/rpc, protoc-gen-es writes TypeScript with .js imports", () => {
  const s = splitParameter("");
  assert.deepEqual(s.options, { microTargets: ["ts", "cli", "routes", "openapi", "mcp"], rpcImport: "micro-ts/rpc" });
  assert.equal(s.esParameter, "target=ts,import_extension=js");
  assert.equal(s.microParameter, "target=ts,import_extension=js,targets=ts+cli+routes+openapi+mcp,rpc_import=micro-ts/rpc");
});

test("targets as a + list or as a comma list", () => {
  assert.deepEqual(splitParameter("targets=cli+routes").options.microTargets, ["cli", "routes"]);
  assert.deepEqual(splitParameter("targets=ts,cli,routes").options.microTargets, ["ts", "cli", "routes"]);
  assert.deepEqual(splitParameter("targets=cli,ts_nocheck=true").options.microTargets, ["cli"]);
  assert.equal(splitParameter("targets=cli,ts_nocheck=true").esParameter, "ts_nocheck=true,target=ts,import_extension=js");
});

test("protoc-gen-es options pass through in order, overriding our defaults", () => {
  const s = splitParameter("import_extension=none,rpc_import=./rpc.js,target=js+dts,json_types=true");
  assert.equal(s.esParameter, "import_extension=none,target=js+dts,json_types=true");
  assert.equal(s.options.rpcImport, "./rpc.js");
});

test("unknown and empty targets are errors that list the valid ones", () => {
  assert.throws(() => splitParameter("targets=ts+go"), (e: unknown) =>
    e instanceof MicroOptionError && e.message === `unknown target "go" in option "targets=ts+go"; valid targets are: ts, cli, routes, openapi, mcp`);
  assert.throws(() => splitParameter("targets="), MicroOptionError);
});
