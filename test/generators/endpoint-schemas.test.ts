// The shared endpoint-schema emitter: standalone JSON Schemas of each endpoint's request and response, by the same
// rules as OpenAPI's components, checked with the validator MCP clients use (the SDK's Ajv provider).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { buildEndpointSchemas, DEFS_PREFIX, type EndpointSchema, type Schema } from "../../generators/tables/index.js";
import { ONEOF_KEYWORD } from "../../generators/emit/schemas/index.js";
import { buildFileDocument } from "../../generators/emit/openapi/index.js";
import type { Model } from "../../generators/model/index.js";
import { fixtureNamed, modelFor } from "./helpers.js";

const validator = new AjvJsonSchemaValidator();
function valid(schema: Schema, value: unknown): boolean {
  return validator.getValidator(schema)(value).valid;
}
function endpoint(list: EndpointSchema[], name: string): EndpointSchema {
  const e = list.find((x) => x.endpoint === name);
  assert.ok(e, `no endpoint ${name} among ${list.map((x) => x.endpoint).join(", ")}`);
  return e;
}
/** Every $ref in a schema, however deep. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) k === "$ref" ? out.push(v as string) : refs(v, out);
  }
  return out;
}
const props = (s: Schema) => s.properties as Record<string, Schema>;

describe("endpoint schemas: helloworld", () => {
  let list: EndpointSchema[];
  before(() => (list = buildEndpointSchemas(modelFor(fixtureNamed("helloworld")), "helloworld")));

  test("one entry per endpoint with name, comment and streaming kind", () => {
    assert.deepEqual(list.map((e) => [e.endpoint, e.streaming]), [
      ["Helloworld.Call", "unary"], ["Helloworld.Message", "unary"],
      ["Helloworld.Stream", "server_streaming"], ["Helloworld.PingPong", "bidi_streaming"],
    ]);
    const call = endpoint(list, "Helloworld.Call");
    assert.equal(call.service, "helloworld");
    assert.equal(call.method, "Call");
    assert.equal(call.description, "Call returns a personal greeting.");
    assert.equal(call.request.type, "object");
    assert.equal(props(call.request).name!.type, "string");
    assert.equal(call.request.$defs, undefined, "a flat message needs no definitions");
  });

  test("an unknown service is an error naming the known ones", () => {
    assert.throws(() => buildEndpointSchemas(modelFor(fixtureNamed("helloworld")), "nope"), /no service "nope".*helloworld/);
  });
});

describe("endpoint schemas: kitchen sink", () => {
  let model: Model;
  let catalog: EndpointSchema[];
  before(() => {
    model = modelFor(fixtureNamed("kitchen-sink"));
    catalog = buildEndpointSchemas(model, "acme.shop.v1");
  });

  test("a registry service spans its package's proto services; a proto full name picks one", () => {
    assert.deepEqual([...new Set(catalog.map((e) => e.protoService))], ["Catalog", "Orders"]);
    assert.deepEqual(buildEndpointSchemas(model, "acme.shop.v1.Orders").map((e) => e.endpoint),
      ["Orders.Call", "Orders.Ping", "Orders.Place", "Orders.Stream"]);
    assert.deepEqual(catalog.filter((e) => e.protoService === "Catalog").map((e) => e.streaming),
      ["unary", "unary", "unary", "unary", "server_streaming", "client_streaming", "bidi_streaming"]);
    assert.equal(endpoint(catalog, "Catalog.Delete").deprecated, true);
  });

  test("nested, repeated, map, enum, oneof, 64-bit and well-known fields, with refs into $defs", () => {
    const item = endpoint(catalog, "Catalog.GetItem").response;
    const p = props(item);
    assert.equal(item.description, "Item is something a shop sells.");
    assert.deepEqual(p.state, { type: "string", enum: ["STATE_UNSPECIFIED", "STATE_ACTIVE", "STATE_RETIRED"], description: "Current state." });
    assert.deepEqual(p.tags, { type: "array", items: { type: "string" }, description: "Search tags." });
    assert.deepEqual(p.attributes, { type: "object", additionalProperties: { type: "string" }, description: "Attributes by key." });
    assert.deepEqual(p.stock!.additionalProperties, { type: "string", format: "int64" });
    assert.deepEqual(p.views, { type: "string", format: "uint64", description: "Unsigned and fixed-width integers." });
    assert.deepEqual(p.dimensions, { $ref: `${DEFS_PREFIX}acme.shop.v1.Item.Dimensions` });
    assert.deepEqual(p.createTime, { type: "string", format: "date-time" }, "a well-known type inline");
    assert.deepEqual(p.weightGrams, { type: "string", format: "int64" });
    assert.match(p.percentOff!.description as string, /one of discount: set at most one of percentOff, amountOff/);
    assert.equal(p.percentOff![ONEOF_KEYWORD], "discount", "a oneof's members are marked with its name");
    assert.equal(p.amountOff![ONEOF_KEYWORD], "discount");
    assert.equal((p.tags as Schema)[ONEOF_KEYWORD], undefined, "other fields are not");
    const defs = item.$defs as Record<string, Schema>;
    assert.ok(defs["acme.shop.common.Money"] && defs["acme.shop.v1.Item.Dimensions.Unit"] && defs["acme.shop.common.LegacyAddress"]);
    for (const ref of refs(item)) assert.ok(defs[ref.slice(DEFS_PREFIX.length)], `${ref} resolves within the schema`);
    assert.ok(refs(item).every((r) => r.startsWith(DEFS_PREFIX)), "no ref leaves the schema");
  });

  test("recursion: a message that contains itself is both inline and under $defs", () => {
    const item = endpoint(catalog, "Catalog.GetItem").response;
    assert.deepEqual(props(item).bundle!.items, { $ref: `${DEFS_PREFIX}acme.shop.v1.Item` });
    const defs = item.$defs as Record<string, Schema>;
    assert.deepEqual(defs["acme.shop.v1.Item"]!.properties, item.properties);
    // a message that does not recur is not duplicated
    const money = buildEndpointSchemas(model, "acme.shop.v1").find((e) => e.endpoint === "Orders.Place")!.request;
    assert.equal((money.$defs as Record<string, Schema> | undefined)?.["acme.shop.v1.OrderRequest"], undefined);
  });

  test("a well-known type as the whole message is its inline form", () => {
    assert.deepEqual(endpoint(catalog, "Catalog.Delete").response, { type: "object" });
  });

  test("the same rules as OpenAPI: each definition equals the OpenAPI component, refs aside", () => {
    const doc = buildFileDocument(model.files.find((f) => f.name === "acme/shop/v1/shop.proto")!) as { components: { schemas: Record<string, Schema> } };
    const item = endpoint(catalog, "Catalog.CreateItem").request;
    // the oneof marker (x-oneof) is the endpoint schemas' only addition
    const unmarked = (v: unknown) => JSON.stringify(v, (k, x) => (k === ONEOF_KEYWORD ? undefined : x));
    for (const [name, def] of Object.entries(item.$defs as Record<string, Schema>)) {
      const openapi = JSON.stringify(doc.components.schemas[name]).replaceAll("#/components/schemas/", DEFS_PREFIX);
      assert.equal(unmarked(def), openapi, name);
    }
  });

  test("proto3 JSON values validate; wrong ones do not (the validator MCP clients use)", () => {
    const create = endpoint(catalog, "Catalog.CreateItem").request;
    // `constructor` (a field of Item) is set: Ajv, as the SDK configures it, reads Object.prototype.constructor
    // for a missing one and finds a function, not a string.
    const item = (extra: object) => ({ constructor: "", ...extra });
    const good = {
      shelfId: "s1",
      item: item({
        id: "i1", state: "STATE_ACTIVE", tags: ["a", "b"], attributes: { colour: "red" }, stock: { "7": "12" },
        price: { currency: "CURRENCY_EUR", units: "10", nanos: 5 }, dimensions: { width: 3, unit: { symbol: "mm" } },
        createTime: "2024-01-02T03:04:05Z", weightGrams: "900", bundle: [item({ id: "i2", bundle: [item({ id: "i3" })] })], views: "18446744073709551615",
      }),
    };
    assert.equal(valid(create, good), true);
    assert.equal(valid(create, { item: item({ state: "STATE_NOPE" }) }), false, "enum by name only");
    assert.equal(valid(create, { item: item({ tags: "a" }) }), false, "repeated is an array");
    assert.equal(valid(create, { item: item({ attributes: { k: 1 } }) }), false, "map values typed");
    assert.equal(valid(create, { item: item({ bundle: [item({ price: { units: 3 } })] }) }), false, "64-bit as string, checked through recursion");
    assert.equal(valid(create, { item: item({ createTime: "yesterday" }) }), false, "Timestamp is RFC 3339");
  });
});
