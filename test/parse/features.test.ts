// What the code generator relies on, checked directly on parseProtos output
// (the protoc comparison lives in descriptor-equality.test.ts).

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createFileRegistry, getExtension, hasExtension, type DescExtension } from "@bufbuild/protobuf";
import type { DescriptorProto, FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { defaultIncludePaths, parseProtos } from "../../generators/parse/index.js";
import { formatG, simpleDtoa, simpleFtoa } from "../../generators/parse/literals.js";
import { mapEntryName, toJsonName } from "../../generators/parse/names.js";
import { FIXTURES } from "./protoc-harness.js";

const catalogSet = parseProtos({ includePaths: [FIXTURES], files: ["acme/shop/v1/catalog.proto"] }).set;
const legacySet = parseProtos({ includePaths: [FIXTURES], files: ["legacy/inventory.proto"] }).set;
const file = (set: typeof catalogSet, name: string): FileDescriptorProto => set.file.find((f) => f.name === name)!;
const message = (f: FileDescriptorProto | DescriptorProto, name: string): DescriptorProto =>
  ("messageType" in f ? f.messageType : f.nestedType).find((m) => m.name === name)!;

describe("parsed descriptors", () => {
  const catalog = file(catalogSet, "acme/shop/v1/catalog.proto");
  const product = message(catalog, "Product");

  test("dotted package and fully-qualified type names", () => {
    assert.equal(catalog.package, "acme.shop.v1");
    assert.equal(catalog.syntax, "proto3");
    const price = product.field.find((f) => f.name === "price")!;
    assert.equal(price.typeName, ".acme.shop.v1.Money");
    assert.equal(product.field.find((f) => f.name === "audit")!.typeName, ".acme.shop.v1.Audit");
    assert.equal(product.field.find((f) => f.name === "shipping_time")!.typeName, ".google.protobuf.Duration");
  });

  test("json_name: computed, explicit, keywords", () => {
    const byName = new Map(product.field.map((f) => [f.name, f]));
    assert.equal(byName.get("display_name")!.jsonName, "title");
    assert.equal(byName.get("variants_by_id")!.jsonName, "variantsById");
    assert.equal(byName.get("_internal_note")!.jsonName, "InternalNote");
    for (const keyword of ["delete", "class", "default", "function", "in", "new", "this"]) {
      assert.equal(byName.get(keyword)!.jsonName, keyword);
    }
  });

  test("maps become repeated XxxEntry messages with map_entry", () => {
    const labels = product.field.find((f) => f.name === "labels")!;
    assert.equal(labels.label, 3);
    assert.equal(labels.typeName, ".acme.shop.v1.Product.LabelsEntry");
    const entry = message(product, "VariantsByIdEntry");
    assert.equal(entry.options?.mapEntry, true);
    assert.deepEqual(entry.field.map((f) => [f.name, f.number, f.type]), [["key", 1, 5], ["value", 2, 11]]);
  });

  test("proto3 optional gets a synthetic oneof after the real ones", () => {
    assert.deepEqual(product.oneofDecl.map((o) => o.name), ["discount", "availability", "_stock", "X_internal_note"]);
    const stock = product.field.find((f) => f.name === "stock")!;
    assert.equal(stock.proto3Optional, true);
    assert.equal(stock.oneofIndex, 2);
  });

  test("import public is recorded and its types are visible", () => {
    const common = file(catalogSet, "acme/shop/v1/common.proto");
    assert.deepEqual(common.publicDependency, [0]);
    assert.equal(common.dependency[0], "acme/shop/v1/money.proto");
  });

  test("streaming flags for all four rpc kinds", () => {
    const methods = new Map(catalog.service[0]!.method.map((m) => [m.name, m]));
    const kind = (n: string) => [methods.get(n)!.clientStreaming, methods.get(n)!.serverStreaming];
    assert.deepEqual(kind("GetProduct"), [false, false]);
    assert.deepEqual(kind("WatchProducts"), [false, true]);
    assert.deepEqual(kind("ImportProducts"), [true, false]);
    assert.deepEqual(kind("SyncProducts"), [true, true]);
  });

  test("google.api.http is readable with getExtension", () => {
    const registry = createFileRegistry(catalogSet);
    const http = registry.getExtension("google.api.http") as DescExtension;
    const get = catalog.service[0]!.method.find((m) => m.name === "GetProduct")!;
    assert.ok(hasExtension(get.options!, http));
    const rule = getExtension(get.options!, http) as unknown as { pattern: { case: string; value: string }; additionalBindings: { pattern: { case: string; value: string }; body: string }[] };
    assert.deepEqual(rule.pattern, { case: "get", value: "/v1/{name=products/*}" });
    assert.equal(rule.additionalBindings.length, 2);
    assert.deepEqual(rule.additionalBindings[1]!.pattern, { case: "post", value: "/v1/{name=products/*}:get" });
    assert.equal(rule.additionalBindings[1]!.body, "*");
    const list = catalog.service[0]!.method.find((m) => m.name === "ListProducts")!;
    const listRule = getExtension(list.options!, http) as unknown as { pattern: { case: string; value: string } };
    assert.deepEqual(listRule.pattern, { case: "get", value: "/v1/products" });
  });

  test("leading, trailing and detached comments", () => {
    const locs = catalog.sourceCodeInfo!.location;
    const at = (path: number[]) => locs.find((l) => l.path.join(".") === path.join("."))!;
    assert.equal(at([4, 0]).leadingComments, " A product in the catalog.\n\n Products have prices (see Money, publicly imported via common.proto).\n");
    assert.equal(at([4, 0, 2, 2]).trailingComments, " trailing comment on price\n");
    const common = file(catalogSet, "acme/shop/v1/common.proto");
    const commonAt = (path: number[]) => common.sourceCodeInfo!.location.find((l) => l.path.join(".") === path.join("."))!;
    assert.deepEqual(commonAt([12]).leadingDetachedComments, [" File header comment: detached, because a blank line follows.\n"]);
    assert.equal(commonAt([4, 0]).leadingComments, " Block comment\n describing Audit.\n");
  });
});

describe("proto2 descriptors", () => {
  const inventory = file(legacySet, "legacy/inventory.proto");
  const item = message(inventory, "Item");
  const field = (name: string) => item.field.find((f) => f.name === name)!;

  test("syntax is empty for proto2, like protoc", () => {
    assert.equal(inventory.syntax, "");
  });

  test("default values are normalized like protoc", () => {
    assert.equal(field("count").defaultValue, "10");
    assert.equal(field("u32").defaultValue, "16");
    assert.equal(field("s32").defaultValue, "-15");
    assert.equal(field("ratio").defaultValue, "0.1");
    assert.equal(field("precise").defaultValue, "1e+100");
    assert.equal(field("neg_inf").defaultValue, "-inf");
    assert.equal(field("not_a_number").defaultValue, "nan");
    assert.equal(field("raw").defaultValue, '\\000\\001\\377abc\\"');
    assert.equal(field("kind").defaultValue, "KIND_B");
    assert.equal(field("third").defaultValue, "0.33333333333333331");
    assert.equal(field("i_neg_zero").defaultValue, "0");
  });

  test("extensions, ranges and groups", () => {
    assert.deepEqual(item.extensionRange.map((r) => [r.start, r.end]), [[100, 200], [1000, 2000], [3000, 536870912], [500, 501], [600, 611]]);
    assert.equal(message(inventory, "MessageSetLike").extensionRange[0]!.end, 2147483647);
    assert.deepEqual(inventory.extension.map((e) => [e.name, e.extendee]), [["ext_count", ".legacy.Item"], ["ext_items", ".legacy.Item"], ["extgroup", ".legacy.Item"]]);
    const result = field("result");
    assert.equal(result.type, 10);
    assert.equal(result.typeName, ".legacy.Item.Result");
  });

  test("reserved ranges and names", () => {
    assert.deepEqual(item.reservedRange.map((r) => [r.start, r.end]), [[60, 71]]);
    assert.deepEqual(item.reservedName, ["gone"]);
  });

  test("field options: packed, deprecated, ctype", () => {
    assert.equal(field("packed_ints").options?.packed, true);
    assert.equal(field("secret").options?.deprecated, true);
    assert.equal(field("old").options?.ctype, 1);
    assert.equal(field("old").jsonName, "OLD_name");
  });
});

describe("bundled include path", () => {
  test("defaultIncludePaths has the well-known types and google/api", () => {
    const [dir] = defaultIncludePaths();
    for (const f of ["google/protobuf/timestamp.proto", "google/protobuf/descriptor.proto", "google/api/annotations.proto", "google/api/http.proto"]) {
      assert.ok(existsSync(join(dir!, f)), f);
    }
  });

  test("does not depend on the working directory", () => {
    const before = process.cwd();
    try {
      process.chdir("/");
      assert.deepEqual(defaultIncludePaths(), (process.chdir(before), defaultIncludePaths()));
    } finally {
      process.chdir(before);
    }
  });

  test("well-known types resolve with no include path at all", () => {
    const { set } = parseProtos({ includePaths: [], files: ["google/protobuf/timestamp.proto"] });
    assert.equal(set.file[0]!.messageType[0]!.name, "Timestamp");
  });
});

describe("protoc's string helpers", () => {
  test("json names and map entry names", () => {
    assert.equal(toJsonName("foo_bar_baz"), "fooBarBaz");
    assert.equal(toJsonName("field_name_with_2_numbers_3"), "fieldNameWith2Numbers3");
    assert.equal(toJsonName("x__y"), "xY");
    assert.equal(toJsonName("_leading"), "Leading");
    assert.equal(mapEntryName("variants_by_id"), "VariantsByIdEntry");
  });

  test("%g formatting of defaults", () => {
    assert.equal(formatG(1e-5, 6), "1e-05");
    assert.equal(formatG(123456789, 6), "1.23457e+08");
    assert.equal(simpleDtoa(0.1), "0.1");
    assert.equal(simpleDtoa(1 / 3), "0.33333333333333331");
    assert.equal(simpleFtoa(Math.fround(0.1)), "0.1");
    assert.equal(simpleFtoa(Math.fround(3.4e38)), "3.4e+38");
  });
});
