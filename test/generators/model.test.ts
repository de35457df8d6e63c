// buildModel() on the fixtures: services, methods, streaming kinds, http bindings, fields, comments, defaults.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { FieldModel, MessageModel, Model } from "../../generators/model/index.js";
import { fixtureNamed, modelFor } from "./helpers.js";

function field(m: MessageModel | undefined, name: string): FieldModel {
  const f = m?.fields.find((x) => x.name === name);
  assert.ok(f, `no field ${name} in ${m?.fullName}`);
  return f;
}

describe("model: helloworld", () => {
  let model: Model;
  before(() => (model = modelFor(fixtureNamed("helloworld"))));

  test("one service named after the package", () => {
    assert.equal(model.services.length, 1);
    const s = model.services[0]!;
    assert.equal(s.name, "Helloworld");
    assert.equal(s.fullName, "helloworld.Helloworld");
    assert.equal(s.registryName, "helloworld");
    assert.equal(s.comments.leading, "Helloworld greets whoever calls it.");
    assert.deepEqual(model.packages.map((p) => [p.name, p.services.length]), [["helloworld", 1]]);
  });

  test("methods: endpoint, localName, streaming kind, messages, comments", () => {
    const methods = model.services[0]!.methods;
    assert.deepEqual(methods.map((m) => [m.endpoint, m.localName, m.streaming]), [
      ["Helloworld.Call", "call", "unary"],
      ["Helloworld.Message", "message", "unary"],
      ["Helloworld.Stream", "stream", "server_streaming"],
      ["Helloworld.PingPong", "pingPong", "bidi_streaming"],
    ]);
    assert.equal(methods[0]!.input.fullName, "helloworld.Request");
    assert.equal(methods[0]!.output.fullName, "helloworld.Response");
    assert.equal(methods[0]!.comments.leading, "Call returns a personal greeting.");
    assert.equal(methods[0]!.desc.name, "Call");
    assert.deepEqual(methods[0]!.http, []);
  });

  test("file comments and stem", () => {
    const file = model.files[0]!;
    assert.equal(file.name, "helloworld.proto");
    assert.equal(file.stem, "helloworld");
    assert.equal(file.syntax, "proto3");
    assert.deepEqual(file.syntaxComments.leading, "The helloworld service, as `micro new helloworld` writes it.");
  });
});

describe("model: kitchen sink", () => {
  let model: Model;
  before(() => (model = modelFor(fixtureNamed("kitchen-sink"))));
  const item = () => model.messages.get("acme.shop.v1.Item");

  test("two services in one file, dotted package as registry name", () => {
    const shop = model.files.find((f) => f.name === "acme/shop/v1/shop.proto")!;
    assert.deepEqual(shop.services.map((s) => [s.fullName, s.registryName]), [
      ["acme.shop.v1.Catalog", "acme.shop.v1"],
      ["acme.shop.v1.Orders", "acme.shop.v1"],
    ]);
    assert.equal(shop.services[0]!.comments.leading, "Catalog serves the items a shop sells.\n\nA second paragraph of service documentation.");
    assert.equal(shop.packageComments.leading, "Package acme.shop.v1 is the shop's public API.");
    assert.deepEqual(shop.syntaxComments.detached, ["Copyright: this header is a detached comment on the syntax statement."]);
  });

  test("all four streaming kinds", () => {
    const catalog = model.services.find((s) => s.name === "Catalog")!;
    const kinds = new Set(catalog.methods.map((m) => m.streaming));
    assert.deepEqual([...kinds].sort(), ["bidi_streaming", "client_streaming", "server_streaming", "unary"]);
  });

  test("google.api.http bindings with additional bindings, body and response_body", () => {
    const catalog = model.services.find((s) => s.name === "Catalog")!;
    const m = (name: string) => catalog.methods.find((x) => x.name === name)!;
    assert.deepEqual(m("GetItem").http, [
      { method: "GET", path: "/v1/{name=shelves/*/items/*}", body: "", responseBody: "", additional: false },
    ]);
    assert.deepEqual(m("CreateItem").http, [
      { method: "POST", path: "/v1/shelves/{shelf_id}/items", body: "item", responseBody: "", additional: false },
      { method: "PUT", path: "/v1/shelves/{shelf_id}/items/{item.id}", body: "*", responseBody: "", additional: true },
      { method: "HEAD", path: "/v1/items:check", body: "", responseBody: "", additional: true },
    ]);
    assert.equal(m("ListItems").http[0]!.responseBody, "items");
    assert.equal(m("Delete").deprecated, true);
    assert.equal(m("Delete").output.fullName, "google.protobuf.Empty");
    assert.equal(m("Delete").output.wkt, true);
  });

  test("name collisions: method and message Ping, service and message Orders", () => {
    const orders = model.services.find((s) => s.name === "Orders")!;
    const ping = orders.methods.find((m) => m.name === "Ping")!;
    assert.equal(ping.input.fullName, "acme.shop.v1.Ping");
    assert.equal(orders.methods.find((m) => m.name === "Call")!.output.fullName, "acme.shop.common.Orders");
    assert.ok(model.messages.has("acme.shop.v1.Cart.Orders"));
  });

  test("field kinds: scalar, repeated, map, enum, message, oneof, proto3 optional, WKT", () => {
    assert.equal(field(item(), "tags").kind, "scalar");
    assert.equal(field(item(), "tags").repeated, true);
    assert.deepEqual(field(item(), "stock").map?.key, "int32");
    assert.deepEqual(field(item(), "stock").map?.value, { kind: "scalar", scalar: "int64" });
    assert.equal(field(item(), "related").map?.value.kind, "enum");
    assert.equal(field(item(), "state").enum?.fullName, "acme.shop.v1.Item.State");
    assert.equal(field(item(), "price").message?.fullName, "acme.shop.common.Money");
    assert.equal(field(item(), "percent_off").oneof, "discount");
    assert.equal(field(item(), "rating").proto3Optional, true);
    assert.equal(field(item(), "rating").oneof, undefined, "synthetic oneofs are not reported");
    assert.deepEqual(item()!.oneofs, ["discount"]);
    assert.equal(field(item(), "create_time").wkt, "google.protobuf.Timestamp");
    assert.equal(field(item(), "create_time").jsonName, "createTime");
    assert.equal(field(item(), "gift").wkt, "google.protobuf.BoolValue");
    assert.equal(field(item(), "title").kind, "scalar");
    assert.equal(field(item(), "bundle").message?.fullName, "acme.shop.v1.Item");
  });

  test("TypeScript keyword field names keep their proto names", () => {
    for (const name of ["delete", "class", "function", "default", "constructor"]) {
      assert.equal(field(item(), name).jsonName, name);
    }
    assert.notEqual(field(item(), "constructor").localName, "constructor", "protobuf-es escapes it");
  });

  test("comments: leading, trailing, enum values", () => {
    assert.equal(field(item(), "title").comments.leading, "Display title.");
    assert.equal(field(item(), "title").comments.trailing, "trailing comment on title");
    const state = model.enums.get("acme.shop.v1.Item.State")!;
    assert.deepEqual(state.values.map((v) => [v.name, v.number, v.comments.leading, v.deprecated]), [
      ["STATE_UNSPECIFIED", 0, "Unknown state.", false],
      ["STATE_ACTIVE", 1, "On a shelf.", false],
      ["STATE_RETIRED", 2, "Withdrawn.", true],
    ]);
    assert.equal(model.enums.get("acme.shop.common.Currency")!.values[2]!.comments.trailing, "the default in the US store");
  });

  test("proto2: required and defaults", () => {
    const addr = model.messages.get("acme.shop.common.LegacyAddress");
    assert.equal(field(addr, "street").required, true);
    assert.equal(field(addr, "city").required, false);
    assert.equal(field(addr, "city").default, "Springfield");
    assert.equal(field(addr, "kind").default, "WORK");
    assert.equal(field(addr, "lat").default, "-1.5");
    assert.equal(field(addr, "street").default, undefined);
    assert.equal(field(item(), "title").default, undefined, "proto3 fields have no default");
  });

  test("only the files to generate are in files; imports are in allFiles", () => {
    assert.deepEqual(model.files.map((f) => f.name).sort(),
      ["acme/shop/common/common.proto", "acme/shop/common/legacy.proto", "acme/shop/v1/shop.proto"]);
    assert.ok(model.allFiles.get("google/api/http.proto"));
    assert.equal(model.allFiles.get("google/api/http.proto")!.generate, false);
  });
});
