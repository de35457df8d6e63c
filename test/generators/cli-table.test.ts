// The cli target: command words as Micro 3.0 derives them, the Call shorthand, and request fields as flags.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildCliTable, flattenFlags, type CliCommand, type CliFlag, type CliTable } from "../../generators/emit/cli/index.js";
import type { Model } from "../../generators/model/index.js";
import { fixtureNamed, modelFor } from "./helpers.js";

function command(t: CliTable, endpoint: string): CliCommand {
  const c = t.commands.find((x) => x.endpoint === endpoint);
  assert.ok(c, `no command ${endpoint}`);
  return c;
}
function flag(c: { flags: CliFlag[] } | CliFlag[], name: string): CliFlag {
  const flags = Array.isArray(c) ? c : c.flags;
  const f = flags.find((x) => x.name === name);
  assert.ok(f, `no flag --${name} among ${flags.map((x) => x.name).join(", ")}`);
  return f;
}

describe("cli table: helloworld", () => {
  let table: CliTable;
  before(() => (table = buildCliTable(modelFor(fixtureNamed("helloworld")).services[0]!)));

  test("service, help, one command per endpoint", () => {
    assert.equal(table.format, "micro-cli/v1");
    assert.equal(table.service, "helloworld");
    assert.equal(table.help, "Helloworld greets whoever calls it.");
    assert.deepEqual(table.commands.map((c) => c.endpoint),
      ["Helloworld.Call", "Helloworld.Message", "Helloworld.Stream", "Helloworld.PingPong"]);
  });

  test("micro helloworld call, and the shorthand micro helloworld", () => {
    const call = command(table, "Helloworld.Call");
    assert.deepEqual(call.path, ["helloworld", "call"]);
    assert.deepEqual(call.aliases, [["helloworld"], ["helloworld", "helloworld"], ["helloworld", "helloworld", "call"]]);
    assert.equal(call.usage, "micro helloworld call [flags]");
    assert.equal(call.help, "Call returns a personal greeting.");
  });

  test("only Call gets the one-word shorthand; camel-case methods keep their case", () => {
    assert.deepEqual(command(table, "Helloworld.Message").aliases, [["helloworld", "helloworld", "message"]]);
    const pingPong = command(table, "Helloworld.PingPong");
    assert.deepEqual(pingPong.path, ["helloworld", "pingPong"]);
    assert.equal(pingPong.streaming, "bidi_streaming");
  });

  test("flags of the request", () => {
    const name = flag(command(table, "Helloworld.Call"), "name");
    assert.deepEqual(name, { name: "name", path: ["name"], jsonPath: ["name"], type: "string", label: "string", help: "The name to greet." },
      "keys at their default are left out");
    assert.equal(flag(command(table, "Helloworld.Stream"), "count").type, "int64");
  });
});

describe("cli table: kitchen sink", () => {
  let model: Model;
  let catalog: CliTable;
  let orders: CliTable;
  before(() => {
    model = modelFor(fixtureNamed("kitchen-sink"));
    catalog = buildCliTable(model.services.find((s) => s.name === "Catalog")!);
    orders = buildCliTable(model.services.find((s) => s.name === "Orders")!);
  });

  test("a service not named like its package keeps the handler word", () => {
    assert.equal(catalog.service, "acme.shop.v1");
    assert.deepEqual(command(catalog, "Catalog.GetItem").path, ["acme.shop.v1", "catalog", "getItem"]);
    assert.deepEqual(command(orders, "Orders.Call").path, ["acme.shop.v1", "orders", "call"]);
  });

  test("shorthands of a registration with no primary service: the only Call, a service's Call, a method only one service has", () => {
    assert.deepEqual(command(catalog, "Catalog.GetItem").aliases, [["acme.shop.v1", "getItem"]]);
    assert.deepEqual(command(orders, "Orders.Call").aliases, [["acme.shop.v1"], ["acme.shop.v1", "orders"], ["acme.shop.v1", "call"]],
      "`micro acme.shop.v1` is Orders.Call, the registration's only Call");
  });

  test("registered under another name: the name is the first word, and a sole service is the primary one", () => {
    const helloworld = modelFor(fixtureNamed("helloworld")).services[0]!;
    const foobar = buildCliTable(helloworld, { registryName: "foobar" });
    assert.equal(foobar.service, "foobar");
    const message = command(foobar, "Helloworld.Message");
    assert.deepEqual(message.path, ["foobar", "message"]);
    assert.deepEqual(message.aliases, [["foobar", "helloworld", "message"]]);
    assert.equal(message.usage, "micro foobar message [flags]");
    assert.deepEqual(command(foobar, "Helloworld.Call").aliases, [["foobar"], ["foobar", "helloworld"], ["foobar", "helloworld", "call"]]);
    const catalog = model.services.find((s) => s.name === "Catalog")!;
    const alone = buildCliTable(catalog, { registryName: "shop", services: [catalog] });
    assert.deepEqual(command(alone, "Catalog.GetItem").path, ["shop", "getItem"], "the only service registered needs no service word");
  });

  test("nested fields: dash form shown, dot form accepted, JSON path for the body", () => {
    const units = flag(command(catalog, "Catalog.CreateItem"), "item-price-units");
    assert.deepEqual(units.aliases, ["item.price.units"]);
    assert.deepEqual(flag(command(catalog, "Catalog.CreateItem"), "item-weight_grams").aliases,
      ["item.weight_grams", "item-weightGrams", "item.weightGrams", "item-weight-grams", "item.weight-grams"],
      "proto, JSON and kebab-case names, with dashes and with dots");
    assert.deepEqual(units.path, ["item", "price", "units"]);
    assert.deepEqual(units.jsonPath, ["item", "price", "units"]);
    const created = flag(command(catalog, "Catalog.CreateItem"), "item-create_time");
    assert.deepEqual(created.jsonPath, ["item", "createTime"]);
    assert.equal(created.type, "string");
    assert.equal(created.wkt, "google.protobuf.Timestamp");
  });

  test("enums, maps, bytes, bool switches, wrappers, JSON-only values", () => {
    const c = command(catalog, "Catalog.CreateItem");
    assert.deepEqual(flag(c, "item-state").enum, ["STATE_UNSPECIFIED", "STATE_ACTIVE", "STATE_RETIRED"]);
    assert.deepEqual(flag(c, "item-stock").map, { key: "int32", value: "int64" });
    assert.deepEqual(flag(c, "item-related").map, { key: "string", value: "enum" });
    assert.ok(flag(c, "item-related").enum?.includes("STATE_ACTIVE"));
    assert.deepEqual([flag(c, "item-photos").type, flag(c, "item-photos").repeated], ["bytes", true]);
    assert.equal(flag(c, "item-delete").switch, true);
    assert.deepEqual([flag(c, "item-gift").type, flag(c, "item-gift").switch], ["bool", true]);
    assert.equal(flag(c, "item-weight_grams").type, "int64");
    assert.equal(flag(c, "item-extra").type, "json");
    assert.equal(flag(c, "item-attachment").type, "json");
    assert.deepEqual([flag(c, "item-bundle").type, flag(c, "item-bundle").repeated], ["json", true]);
    assert.equal(flag(c, "item-rating").optional, true);
  });

  test("labels and hints: the type and the forms of a value, as help prints them", () => {
    const c = command(catalog, "Catalog.CreateItem");
    assert.deepEqual([flag(c, "item-stock").label, flag(c, "item-stock").hint], ["map[int32]int64", "key=value, repeatable; or a JSON object"]);
    assert.equal(flag(c, "item-related").label, "map[string]enum");
    assert.match(flag(c, "item-related").hint!, /^key=value \(STATE_UNSPECIFIED\|STATE_ACTIVE\|STATE_RETIRED\)/);
    assert.deepEqual([flag(c, "item-photos").label, flag(c, "item-photos").hint], ["[]bytes", "base64, or @file; repeat the flag or give a comma list"]);
    assert.deepEqual([flag(c, "item-create_time").label, flag(c, "item-create_time").hint], ["timestamp", "RFC 3339, e.g. 2024-01-02T15:04:05Z"]);
    assert.equal(flag(c, "item-state").hint, "STATE_UNSPECIFIED|STATE_ACTIVE|STATE_RETIRED");
    assert.equal(flag(c, "item-bundle").label, "[]json");
    assert.match(flag(c, "item-bundle").hint!, / as JSON, or @file\.json$/);
    assert.equal(flag(c, "item-gift").hint, "a bare flag means true");
    assert.equal(flag(c, "item-percent_off").hint?.endsWith("one of oneof item.discount"), true);
  });

  test("oneof members, including fields under a member message", () => {
    const c = command(catalog, "Catalog.CreateItem");
    assert.equal(flag(c, "item-percent_off").oneof, "item.discount");
    assert.equal(flag(c, "item-amount_off-units").oneof, "item.discount");
    assert.equal(flag(c, "item-title").oneof, undefined);
  });

  test("proto2 required and defaults", () => {
    const c = command(orders, "Orders.Place");
    assert.equal(flag(c, "address-street").required, true);
    assert.equal(flag(c, "address-city").default, "Springfield");
    assert.equal(flag(c, "address-verified").default, "true");
  });

  test("deep nesting and cycles end in a JSON flag", () => {
    const c = command(orders, "Orders.Place");
    assert.equal(flag(c, "cart-first-product-sku").type, "string");
    assert.equal(flag(c, "cart-first-product-origin").type, "json");
    assert.equal(flag(c, "cart-lines").type, "json");
    const product = flattenFlags(model.messages.get("acme.shop.v1.Cart.Line.Product")!);
    assert.equal(flag(product, "origin-country").type, "string");
    assert.equal(flag(product, "origin-parent").type, "json", "Origin.parent is an Origin: a cycle");
  });

  test("google.protobuf.Empty fields have no flag", () => {
    const sync = command(catalog, "Catalog.Sync");
    assert.ok(!sync.flags.some((f) => f.path[0] === "heartbeat"));
    assert.ok(sync.flags.some((f) => f.name === "deleted_id"));
  });

  test("deprecated endpoints are marked", () => {
    assert.equal(command(catalog, "Catalog.Delete").deprecated, true);
    assert.equal(command(catalog, "Catalog.GetItem").deprecated, false);
  });
});
