// The no-protoc way in reports .proto mistakes protoc-style (file:line:column: message) and exits non-zero.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { generateFromDir } from "../../generators/generate.js";
import { ProtoParseError } from "../../generators/parse/index.js";
import { adHocFixture, REPO } from "./helpers.js";

const GEN = join(REPO, "dist", "generators", "scripts", "gen-proto.js");

const CASES: { what: string; sources: Record<string, string>; error: RegExp }[] = [
  {
    what: "syntax error",
    sources: { "bad/syntax.proto": `syntax = "proto3";\npackage bad;\nmessage A {\n  string name = 1\n}\n` },
    error: /^bad\/syntax\.proto:5:1: /m,
  },
  {
    what: "missing import",
    sources: { "bad/imports.proto": `syntax = "proto3";\npackage bad;\nimport "nowhere/missing.proto";\nmessage A {}\n` },
    error: /^bad\/imports\.proto:3:1: .*nowhere\/missing\.proto/m,
  },
  {
    what: "unknown type",
    sources: { "bad/types.proto": `syntax = "proto3";\npackage bad;\nmessage A {\n  Nope field = 1;\n}\n` },
    error: /^bad\/types\.proto:4:3: .*"Nope" is not defined/m,
  },
];

for (const c of CASES) {
  test(`generateFromDir: ${c.what} → ProtoParseError with file and line`, async () => {
    const f = adHocFixture("bad-proto", c.sources);
    try {
      await assert.rejects(generateFromDir({ dir: f.root, out: join(f.root, "out"), cache: false }), (e: unknown) => {
        assert.ok(e instanceof ProtoParseError, `expected ProtoParseError, got ${String(e)}`);
        assert.match(e.message, c.error);
        assert.ok(e.line > 0);
        return true;
      });
      assert.equal(existsSync(join(f.root, "out")), false, "nothing written");
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });

  test(`gen-proto: ${c.what} → protoc-style message, exit 1, no stack trace`, () => {
    const f = adHocFixture("bad-proto-cli", c.sources);
    try {
      const r = spawnSync(process.execPath, [GEN, "--dir", f.root, "--out", join(f.root, "out"), "--no-cache"]);
      assert.equal(r.status, 1, r.stderr.toString());
      assert.match(r.stderr.toString(), c.error);
      assert.doesNotMatch(r.stderr.toString(), /^\s+at /m);
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });
}

test("gen-proto: a good directory generates, a plugin option error exits 1", () => {
  const f = adHocFixture("good-proto", { "hi/hi.proto": `syntax = "proto3";\npackage hi;\nservice Hi { rpc Call(M) returns (M); }\nmessage M { string name = 1; }\n` });
  try {
    const ok = spawnSync(process.execPath, [GEN, "--dir", f.root, "--out", join(f.root, "out"), "--no-cache"]);
    assert.equal(ok.status, 0, ok.stderr.toString());
    assert.ok(existsSync(join(f.root, "out", "hi", "hi_pb.ts")));
    assert.ok(existsSync(join(f.root, "out", "hi", "hi_Hi.cli.json")));
    assert.ok(existsSync(join(f.root, "out", "hi", "hi.routes.json")));
    const bad = spawnSync(process.execPath, [GEN, "--dir", f.root, "--out", join(f.root, "out2"), "--targets", "ts+bogus", "--no-cache"]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr.toString(), /unknown target "bogus"/);
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
});
