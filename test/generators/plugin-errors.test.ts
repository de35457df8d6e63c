// Bad input to the plugin: unreadable requests, unknown options. Errors come back in CodeGeneratorResponse.error
// with a clear message, never as a stack trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { createMicroPlugin } from "../../generators/plugin/index.js";
import { runRequestBytes } from "../../generators/plugin/run-request.js";
import { fixtures, PLUGIN_BIN, pluginEnv, requestFor, runProtoc, tempDir } from "./helpers.js";

const STACK_LINE = /^\s+at /m;

function runBin(stdin: Uint8Array) {
  return spawnSync(process.execPath, [PLUGIN_BIN], { input: stdin, env: pluginEnv() });
}

for (const [what, bytes] of [
  ["random bytes", Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x99])],
  ["text", new TextEncoder().encode("syntax = \"proto3\"; this is not a request\n")],
  ["nothing", new Uint8Array(0)],
] as const) {
  test(`malformed request (${what}) gives an error response and exit 1`, () => {
    const r = runBin(bytes);
    assert.equal(r.status, 1, `exit code; stderr: ${r.stderr}`);
    const response = protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, r.stdout);
    assert.match(response.error ?? "", /cannot read a CodeGeneratorRequest/);
    assert.equal(response.file.length, 0);
    assert.match(r.stderr.toString(), /^protoc-gen-micro: cannot read a CodeGeneratorRequest/);
    assert.doesNotMatch(r.stderr.toString(), STACK_LINE);
  });
}

test("unknown target: error names it and lists the valid ones (in-process)", () => {
  const request = requestFor(fixtures()[0]!, "targets=ts,cli,bogus");
  const response = createMicroPlugin().run(request);
  assert.equal(response.error, `unknown target "bogus" in option "targets=ts,cli,bogus"; valid targets are: ts, cli, routes, openapi, mcp`);
  assert.equal(response.file.length, 0);
});

test("unknown target through protoc: protoc fails with the plugin's message", () => {
  const out = tempDir("bad-target");
  try {
    const r = runProtoc(fixtures()[0]!, out, "targets=ts+nope");
    assert.notEqual(r.status, 0);
    assert.match(r.stderr.toString(), /unknown target "nope" in option "targets=ts\+nope"; valid targets are: ts, cli, routes, openapi, mcp/);
    assert.doesNotMatch(r.stderr.toString(), STACK_LINE);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("protoc-gen-es options are validated by protoc-gen-es", () => {
  const response = createMicroPlugin().run(requestFor(fixtures()[0]!, "import_extension=bogus"));
  assert.match(response.error ?? "", /invalid option "import_extension=bogus"/);
});

test("an unknown option is an error, not ignored", () => {
  const response = createMicroPlugin().run(requestFor(fixtures()[0]!, "targets=cli,frobnicate=1"));
  assert.match(response.error ?? "", /invalid option .*frobnicate=1/);
});

test("rpc_import needs a value", () => {
  const response = createMicroPlugin().run(requestFor(fixtures()[0]!, "rpc_import="));
  assert.match(response.error ?? "", /rpc_import needs a module name/);
});

test("a valid request through the same byte path succeeds", () => {
  const request = requestFor(fixtures()[0]!, "targets=cli");
  const result = runRequestBytes(protobuf.toBinary(wkt.CodeGeneratorRequestSchema, request));
  assert.equal(result.failure, undefined);
  const response = protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, result.response);
  assert.equal(response.error, "");
  assert.deepEqual(response.file.map((f) => f.name), ["helloworld_Helloworld.cli.json"]);
});

test("--version prints name and version", () => {
  const r = spawnSync(process.execPath, [PLUGIN_BIN, "--version"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout.toString(), /^protoc-gen-micro v\d+\.\d+\.\d+\n$/);
});
