// parseProtos must produce what `protoc --include_imports --include_source_info
// --descriptor_set_out` produces for the same inputs and include directories.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseProtos } from "../../generators/parse/index.js";
import { commentMap, descriptorBytes, FIXTURES, locationLines, protocVersion, runProtoc } from "./protoc-harness.js";

const CASES: { name: string; files: string[] }[] = [
  { name: "proto3 catalog: nested, maps, oneofs, optional, WKTs, google.api.http, streaming, import public", files: ["acme/shop/v1/catalog.proto"] },
  { name: "proto2: defaults, extensions, groups, custom options, packed, reserved", files: ["legacy/inventory.proto"] },
  { name: "aggregate option values (text format)", files: ["legacy/aggregates.proto"] },
  { name: "comments of every kind", files: ["misc/comments.proto"] },
  { name: "CRLF line endings and a byte order mark", files: ["misc/crlf.proto"] },
  { name: "scoping: relative, partially and fully qualified names", files: ["scoping/inner.proto"] },
  { name: "several inputs sharing imports", files: ["misc/comments.proto", "acme/shop/v1/money.proto", "acme/shop/v1/catalog.proto", "scoping/outer.proto"] },
];

describe("parseProtos matches protoc", () => {
  test("protoc is available", () => {
    assert.match(protocVersion(), /libprotoc/);
  });

  for (const c of CASES) {
    describe(c.name, () => {
      const expected = runProtoc(c.files);
      const actual = parseProtos({ includePaths: [FIXTURES], files: c.files });

      test("protoc accepts the fixture", () => {
        assert.equal(expected.status, 0, expected.stderr);
      });

      test("same files in the same order (dependencies first)", () => {
        assert.deepEqual(actual.set.file.map((f) => f.name), expected.set!.file.map((f) => f.name));
        assert.deepEqual(actual.filesToGenerate, c.files);
      });

      test("descriptors are byte-identical (without source_code_info)", () => {
        for (const [i, want] of expected.set!.file.entries()) {
          const got = actual.set.file[i]!;
          assert.ok(descriptorBytes(got).equals(descriptorBytes(want)), `descriptor of ${want.name} differs`);
        }
      });

      test("comments are identical for every path", () => {
        for (const [i, want] of expected.set!.file.entries()) {
          assert.deepEqual(commentMap(actual.set.file[i]!), commentMap(want), `comments of ${want.name} differ`);
        }
      });

      test("source locations are identical, spans included", () => {
        for (const [i, want] of expected.set!.file.entries()) {
          assert.deepEqual(locationLines(actual.set.file[i]!), locationLines(want), `source_code_info of ${want.name} differs`);
        }
      });
    });
  }
});
