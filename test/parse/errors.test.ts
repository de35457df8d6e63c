// Every error carries file:line (protoc style), and for the fixtures below
// the message is exactly what protoc prints.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseProtos, ProtoParseError } from "../../generators/parse/index.js";
import { FIXTURES, runProtoc } from "./protoc-harness.js";

function parseError(file: string): ProtoParseError {
  try {
    parseProtos({ includePaths: [FIXTURES], files: [file] });
  } catch (e) {
    assert.ok(e instanceof ProtoParseError, `expected ProtoParseError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${file} should not compile`);
}

const CASES: { kind: string; file: string; line: number; column: number; contains: string; sameAsProtoc: boolean }[] = [
  { kind: "syntax error", file: "errors/syntax_error.proto", line: 7, column: 3, contains: 'Expected ";".', sameAsProtoc: true },
  { kind: "unknown syntax", file: "errors/bad_syntax.proto", line: 1, column: 10, contains: 'Unrecognized syntax identifier "proto4"', sameAsProtoc: true },
  { kind: "tokenizer errors", file: "errors/tokenizer_error.proto", line: 6, column: 33, contains: "String literals cannot cross line boundaries.", sameAsProtoc: true },
  { kind: "missing import", file: "errors/missing_import.proto", line: 5, column: 1, contains: "errors/does_not_exist.proto: File not found.", sameAsProtoc: true },
  { kind: "unknown type", file: "errors/unknown_type.proto", line: 7, column: 3, contains: '"Foo" is not defined.', sameAsProtoc: true },
  { kind: "type from a file that is not imported", file: "errors/not_imported.proto", line: 8, column: 3, contains: "which is not imported by", sameAsProtoc: true },
  { kind: "duplicate names", file: "errors/duplicate_name.proto", line: 7, column: 9, contains: '"name" is already defined in "errs.Dup".', sameAsProtoc: true },
  { kind: "duplicate field numbers", file: "errors/duplicate_number.proto", line: 7, column: 14, contains: 'Field number 1 has already been used in "errs.Numbers" by field "a".', sameAsProtoc: false },
  { kind: "unknown option", file: "errors/bad_option.proto", line: 5, column: 8, contains: 'Option "(unknown.opt)" unknown.', sameAsProtoc: true },
  { kind: "option set twice", file: "errors/option_already_set.proto", line: 6, column: 10, contains: 'Option "(agg.rr).i" was already set.', sameAsProtoc: true },
  { kind: "import cycle", file: "errors/cycle_a.proto", line: 3, column: 1, contains: "File recursively imports itself", sameAsProtoc: true },
  { kind: "proto3 rules", file: "errors/proto3_rules.proto", line: 7, column: 12, contains: "Required fields are not allowed in proto3.", sameAsProtoc: true },
];

describe("parse errors", () => {
  for (const c of CASES) {
    test(`${c.kind}: ${c.file}`, () => {
      const err = parseError(c.file);
      assert.equal(err.file, c.file);
      assert.equal(err.line, c.line);
      assert.equal(err.column, c.column);
      assert.ok(err.message.includes(c.contains), err.message);
      assert.ok(err.message.includes(`${c.file}:${c.line}:${c.column}: `), err.message);
      assert.doesNotMatch(err.message, /\n\s+at /, "no stack trace in the message");
      const protoc = runProtoc([c.file]);
      assert.notEqual(protoc.status, 0, "protoc rejects it too");
      if (c.sameAsProtoc) assert.equal(err.message, protoc.stderr.trim());
      else for (const d of err.diagnostics) assert.ok(protoc.stderr.includes(d.message), `protoc also reports: ${d.message}`);
    });
  }

  test("duplicate field numbers: every problem is reported with its line", () => {
    const err = parseError("errors/duplicate_number.proto");
    assert.deepEqual(err.diagnostics.map((d) => `${d.line}:${d.column}`), ["7:14", "8:14", "10:14"]);
    assert.match(err.message, /duplicate_number\.proto:10:14: Field "d" uses reserved number 5\./);
  });

  test("missing input file", () => {
    assert.throws(() => parseProtos({ includePaths: [FIXTURES], files: ["nope/missing.proto"] }), (e: unknown) => {
      assert.ok(e instanceof ProtoParseError);
      assert.equal(e.message, "nope/missing.proto: File not found.");
      assert.equal(e.file, "nope/missing.proto");
      return true;
    });
  });

  test("invalid input path", () => {
    assert.throws(() => parseProtos({ includePaths: [FIXTURES], files: ["../x.proto"] }), ProtoParseError);
  });

  test("CLI exits non-zero and prints protoc-style errors", () => {
    const cli = fileURLToPath(new URL("../../generators/parse/cli.js", import.meta.url));
    const bad = spawnSync(process.execPath, [cli, `-I${FIXTURES}`, "--descriptor_set_out=/dev/null", "errors/unknown_type.proto"], { encoding: "utf8" });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^errors\/unknown_type\.proto:7:3: "Foo" is not defined\.$/m);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const good = spawnSync(process.execPath, [cli, `-I${FIXTURES}`, "--descriptor_set_out=/dev/null", "misc/comments.proto"], { encoding: "utf8" });
    assert.equal(good.status, 0, good.stderr);
  });
});
