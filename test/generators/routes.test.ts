// The routes target: Micro 3.0's default path rule, path templates, and route tables with google.api.http first.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { describe, test } from "node:test";
import { buildRouteTable } from "../../generators/emit/routes/index.js";
import { defaultPaths, parsePathTemplate, PathTemplateError, resolveMicroPath } from "../../generators/rules/index.js";
import { createMicroPlugin } from "../../generators/plugin/index.js";
import { adHocFixture, fixtureNamed, modelFor, requestFor, THIRD_PARTY } from "./helpers.js";

describe("Micro 3.0 default path rule (spec §4 table)", () => {
  const table: [string, string, string][] = [
    ["/foo", "foo", "Foo.Call"],
    ["/foo/bar", "foo", "Foo.Bar"],
    ["/foo/foo/bar", "foo", "Foo.Bar"],
    ["/foo/bar/baz", "foo", "Bar.Baz"],
    ["/foo/bar/baz-xyz", "foo", "Bar.BazXyz"],
    ["/foo/fooBar/bazCat", "foo", "FooBar.BazCat"],
    ["/foo/bar/baz/cat", "foo.bar", "Baz.Cat"],
    ["/v1/foo/bar", "v1.foo", "Foo.Bar"],
    ["/v1/foo/bar/baz", "v1.foo", "Bar.Baz"],
  ];
  for (const [path, service, endpoint] of table) {
    test(`${path} → ${service} ${endpoint}`, () => {
      assert.deepEqual(resolveMicroPath(path), { service, endpoint });
    });
  }
  test("/ is not a service path", () => assert.equal(resolveMicroPath("/"), undefined));
});

describe("default paths of an endpoint", () => {
  test("Call gets /[service] too", () => {
    assert.deepEqual(defaultPaths("helloworld", "Helloworld", "Call"), ["/helloworld", "/helloworld/call", "/helloworld/helloworld/call"]);
  });
  test("other methods", () => {
    assert.deepEqual(defaultPaths("helloworld", "Helloworld", "PingPong"),
      ["/helloworld/pingPong", "/helloworld/ping-pong", "/helloworld/helloworld/pingPong", "/helloworld/helloworld/ping-pong"]);
    assert.deepEqual(defaultPaths("store", "BlobStore", "Read"), ["/store/blobStore/read", "/store/blob-store/read"]);
    assert.deepEqual(defaultPaths("acme.shop.v1", "Catalog", "GetItem"), ["/acme/shop/v1/catalog/getItem", "/acme/shop/v1/catalog/get-item"]);
    assert.deepEqual(defaultPaths("v1.foo", "Foo", "Bar"), ["/v1/foo/bar", "/v1/foo/foo/bar"]);
    assert.deepEqual(defaultPaths("acme.shop.v1", "Orders", "Call"), ["/acme/shop/v1/orders/call"]);
    assert.deepEqual(defaultPaths("foo", "FooBar", "BazCat"),
      ["/foo/fooBar/bazCat", "/foo/fooBar/baz-cat", "/foo/foo-bar/bazCat", "/foo/foo-bar/baz-cat"]);
  });
  test("every default path resolves back to its endpoint by Micro's rule; spellings that would not are dropped", () => {
    for (const [registry, service, method] of [["helloworld", "Helloworld", "PingPong"], ["v1.foo", "Foo", "GetV2Item"], ["foo", "HTTPServer", "Get_it"]] as const) {
      const paths = defaultPaths(registry, service, method);
      assert.ok(paths.length > 0, `${service}.${method}`);
      for (const p of paths) assert.deepEqual(resolveMicroPath(p), { service: registry, endpoint: `${service}.${method}` }, p);
    }
    // "HTTPServer" as kebab-case would be "httpserver", which the rule reads as Httpserver: not listed
    assert.ok(!defaultPaths("foo", "HTTPServer", "Get").some((p) => p.includes("httpserver")));
  });
  test("a route table takes the name the service registered under, and the services it implements", () => {
    const model = modelFor(fixtureNamed("helloworld"));
    const table = buildRouteTable(model.files[0]!, { registryName: "foobar" });
    assert.ok(table.routes.every((r) => r.service === "foobar"));
    assert.ok(table.routes.some((r) => r.path === "/foobar/helloworld/message" && r.endpoint === "Helloworld.Message"));
    assert.ok(!table.routes.some((r) => r.path === "/foobar/message"), "/foobar/message is Foobar.Message by the rule");
    assert.deepEqual(buildRouteTable(model.files[0]!, { services: new Set(["other.Service"]) }).routes, []);
  });
});

describe("path templates", () => {
  test("variable with a pattern", () => {
    const t = parsePathTemplate("/v1/{name=shelves/*/items/*}");
    assert.deepEqual(t.variables, [{ field: "name", pattern: "shelves/*/items/*" }]);
    const re = new RegExp(t.regex);
    assert.deepEqual("/v1/shelves/s1/items/i2".match(re)?.slice(1), ["shelves/s1/items/i2"]);
    assert.equal(re.test("/v1/shelves/s1/items/i2/x"), false);
    assert.equal(re.test("/v1/shelves/s1"), false);
  });
  test("plain and dotted variables, ** and verbs", () => {
    const t = parsePathTemplate("/v1/shelves/{shelf_id}/items/{item.id}");
    assert.deepEqual(t.variables.map((v) => [v.field, v.pattern]), [["shelf_id", "*"], ["item.id", "*"]]);
    assert.deepEqual("/v1/shelves/a/items/b".match(new RegExp(t.regex))?.slice(1), ["a", "b"]);
    assert.ok(new RegExp(parsePathTemplate("/v1/{name=shelves/*/items/**}").regex).test("/v1/shelves/a/items/b/c/d"));
    // "**" before other segments, as Google's remoteworkers v1test2 API has it (protoc accepts it)
    const bots = new RegExp(parsePathTemplate("/v1test2/{name=**/botSessions/*}").regex);
    assert.deepEqual(bots.exec("/v1test2/projects/p/pools/x/botSessions/b1")?.slice(1), ["projects/p/pools/x/botSessions/b1"]);
    assert.equal(bots.test("/v1test2/botSessions/b1"), false, "** matches one segment or more");
    assert.equal(bots.test("/v1test2/a/botSessions/b1/c"), false);
    const verb = parsePathTemplate("/v1/items:check");
    assert.equal(verb.verb, "check");
    assert.ok(new RegExp(verb.regex).test("/v1/items:check"));
    assert.ok(!new RegExp(verb.regex).test("/v1/items"));
    assert.equal(parsePathTemplate("/v1/{name=projects/*}:cancel").verb, "cancel");
  });
  for (const bad of ["v1/x", "/v1/{name", "/v1/{a}/{a}", "/v1/{na-me}", "/v1/{a={b}}", "/v1//x", "/v1/x:", "/v1/**/x/**"]) {
    test(`rejects ${bad}`, () => assert.throws(() => parsePathTemplate(bad), PathTemplateError));
  }
});

describe("route tables", () => {
  test("helloworld: default routes only, /helloworld is Call", () => {
    const table = buildRouteTable(modelFor(fixtureNamed("helloworld")).files[0]!);
    assert.equal(table.format, "micro-routes/v1");
    assert.ok(table.routes.every((r) => r.source === "default" && r.method === "*" && r.body === "*"));
    assert.deepEqual(table.routes.filter((r) => r.endpoint === "Helloworld.Call").map((r) => r.path),
      ["/helloworld", "/helloworld/call", "/helloworld/helloworld/call"]);
    assert.equal(table.routes.find((r) => r.path === "/helloworld/stream")?.streaming, "server_streaming");
  });

  test("kitchen sink: http bindings first, then defaults that resolve back", () => {
    const model = modelFor(fixtureNamed("kitchen-sink"));
    const table = buildRouteTable(model.files.find((f) => f.name === "acme/shop/v1/shop.proto")!);
    const sources = table.routes.map((r) => r.source);
    assert.equal(sources.lastIndexOf("http") < sources.indexOf("default"), true, "http routes come first");
    assert.deepEqual(table.routes.filter((r) => r.source === "http").map((r) => `${r.method} ${r.path} ${r.endpoint}`), [
      "GET /v1/{name=shelves/*/items/*} Catalog.GetItem",
      "POST /v1/shelves/{shelf_id}/items Catalog.CreateItem",
      "PUT /v1/shelves/{shelf_id}/items/{item.id} Catalog.CreateItem",
      "HEAD /v1/items:check Catalog.CreateItem",
      "GET /v1/shelves/{shelf_id}/items Catalog.ListItems",
      "DELETE /v1/{name=shelves/*/items/**} Catalog.Delete",
      "POST /v1/orders Orders.Place",
    ]);
    const put = table.routes.find((r) => r.method === "PUT")!;
    assert.deepEqual(put.variables, [
      { field: "shelf_id", jsonPath: ["shelfId"], pattern: "*" },
      { field: "item.id", jsonPath: ["item", "id"], pattern: "*" },
    ]);
    const post = table.routes.find((r) => r.method === "POST" && r.endpoint === "Catalog.CreateItem")!;
    assert.deepEqual([post.body, post.bodyJson], ["item", "item"]);
    const list = table.routes.find((r) => r.endpoint === "Catalog.ListItems" && r.source === "http")!;
    assert.deepEqual([list.responseBody, list.responseBodyJson], ["items", "items"]);
    for (const r of table.routes.filter((x) => x.source === "default")) {
      assert.deepEqual(resolveMicroPath(r.path), { service: r.service, endpoint: r.endpoint });
      assert.ok(new RegExp(r.regex).test(r.path));
    }
    assert.ok(table.routes.some((r) => r.path === "/acme/shop/v1/catalog/sync" && r.streaming === "bidi_streaming"));
  });

  test("a path variable that is not a request field is a plugin error naming file and method", () => {
    const f = adHocFixture("bad-http", {
      "bad/bad.proto": `syntax = "proto3";
package bad;
import "google/api/annotations.proto";
service Bad {
  rpc Get(GetRequest) returns (GetRequest) { option (google.api.http) = { get: "/v1/{missing}" }; }
}
message GetRequest { string name = 1; }
`,
    }, [THIRD_PARTY]);
    try {
      const response = createMicroPlugin().run(requestFor(f, "targets=routes"));
      assert.equal(response.error,
        `bad/bad.proto: bad.Bad.Get: google.api.http path variable "missing" is not a field of bad.GetRequest`);
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });

  test("a malformed path template is a plugin error", () => {
    const f = adHocFixture("bad-template", {
      "bad.proto": `syntax = "proto3";
package bad;
import "google/api/annotations.proto";
service Bad { rpc Get(R) returns (R) { option (google.api.http) = { get: "v1/{name" }; } }
message R { string name = 1; }
`,
    }, [THIRD_PARTY]);
    try {
      const response = createMicroPlugin().run(requestFor(f, "targets=routes"));
      assert.match(response.error ?? "", /^bad\.proto: bad\.Bad\.Get: google\.api\.http: invalid path template "v1\/\{name"/);
    } finally {
      rmSync(f.root, { recursive: true, force: true });
    }
  });
});
