import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveMicroPath, titleCase } from "../../runtime/gateway/index.js";
import { Router } from "../../runtime/gateway/router.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { credentialOf, namespaceFromHost } from "../../runtime/gateway/namespace.js";
import { parseFields } from "../../runtime/gateway/codec.js";

test("path resolution follows every row of the spec §4 table", () => {
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
    // more of the same rules
    ["/v2/foo/bar", "v2.foo", "Foo.Bar"],
    ["/v10/foo/bar", "v10.foo", "Foo.Bar"],
    ["/vx/foo/bar", "vx", "Foo.Bar"],
    ["/v1/foo", "v1", "V1.Foo"],
    ["/helloworld", "helloworld", "Helloworld.Call"],
    ["/helloworld/message", "helloworld", "Helloworld.Message"],
    ["/foobar/helloworld/message", "foobar", "Helloworld.Message"],
    ["/helloworld/ping-pong", "helloworld", "Helloworld.PingPong"],
    ["/my-svc/do-it", "my-svc", "MySvc.DoIt"],
    ["/a/b/c/d/e", "a.b.c", "D.E"],
    ["/foo/", "foo", "Foo.Call"],
    ["//foo//bar", "foo", "Foo.Bar"],
  ];
  for (const [path, service, endpoint] of table) {
    assert.deepEqual(resolveMicroPath(path), { service, endpoint }, path);
  }
});

test("paths that cannot name a service resolve to nothing", () => {
  for (const path of ["/", "", "/../etc/passwd", "/foo/..", "/foo/%2e%2e", "/foo.bar", "/foo/b@r", "/foo/bar baz", "/ü"]) {
    assert.equal(resolveMicroPath(path), undefined, path);
  }
});

test("titleCase turns kebab-case into CamelCase", () => {
  assert.equal(titleCase("baz-xyz"), "BazXyz");
  assert.equal(titleCase("fooBar"), "FooBar");
  assert.equal(titleCase("a--b"), "AB");
});

test("a service without a descriptor: its \"http\" metadata is matched with variables, ** and verbs", async () => {
  const registry = new MemoryRegistry();
  await registry.register({
    name: "things", version: "1", metadata: {}, nodes: [],
    endpoints: [
      { name: "Things.Get", metadata: { http: JSON.stringify([{ method: "GET", path: "/v1/things/{id}" }]) } },
      { name: "Things.Files", metadata: { http: JSON.stringify([{ method: "GET", path: "/v1/{name=shelves/*/books/**}" }]) } },
      { name: "Things.Publish", metadata: { http: JSON.stringify([{ method: "POST", path: "/v1/{topic}:publish", body: "*" }]) } },
      { name: "Things.Bad", metadata: { http: "not json" } },
      { name: "Things.Worse", metadata: { http: JSON.stringify([{ method: "GET", path: "no-slash" }]) } },
    ],
  }, { domain: "micro" });
  const router = new Router(registry);
  try {
    const route = (method: string, path: string) => router.route(method, path, "micro");
    assert.deepEqual((await route("GET", "/v1/things/a%20b")).vars, { id: "a b" });
    assert.equal((await route("HEAD", "/v1/things/x")).endpoint, "Things.Get");
    // no binding for POST: Micro's rule decides (service v1), as for any path of a schemaless service
    assert.deepEqual(await route("POST", "/v1/things/x"), { service: "v1.things", endpoint: "Things.X", vars: {}, body: "*", responseBody: "" });
    assert.deepEqual((await route("GET", "/v1/shelves/1/books/a/b")).vars, { name: "shelves/1/books/a/b" });
    assert.equal((await route("GET", "/v1/shelves/1/books")).service, "v1.shelves");
    const publish = await route("POST", "/v1/news:publish");
    assert.equal(publish.body, "*");
    assert.deepEqual(publish.vars, { topic: "news" });
    await assert.rejects(route("GET", "/v1/things/%E0%A4%A"), /percent-encoding/);
    // its default paths, and the spellings the rule allows beyond them (it has no table to be held to)
    assert.equal((await route("GET", "/things/get")).endpoint, "Things.Get");
    assert.equal((await route("GET", "/things/Get")).endpoint, "Things.Get");
  } finally {
    registry.close();
  }
});

test("namespace from host: foobar.<domain>, *.localhost always", () => {
  const domains = ["m3o.dev", "localhost"];
  assert.equal(namespaceFromHost("foobar.localhost:8080", domains), "foobar");
  assert.equal(namespaceFromHost("foobar.m3o.dev", domains), "foobar");
  assert.equal(namespaceFromHost("FooBar.M3O.dev.", domains), "foobar");
  assert.equal(namespaceFromHost("localhost:8080", domains), undefined);
  assert.equal(namespaceFromHost("127.0.0.1:8080", domains), undefined);
  assert.equal(namespaceFromHost("a.b.localhost", domains), undefined);
  assert.equal(namespaceFromHost("evil.com", domains), undefined);
  assert.equal(namespaceFromHost("-bad.localhost", domains), undefined);
});

test("token from Authorization bearer, else the micro-token cookie", () => {
  assert.equal(credentialOf({ authorization: "Bearer abc" })?.token, "abc");
  assert.equal(credentialOf({ cookie: "a=1; micro-token=xyz; b=2" })?.token, "xyz");
  assert.equal(credentialOf({ authorization: "Basic Zm9v", cookie: "micro-token=xyz" })?.token, "xyz");
  assert.equal(credentialOf({})?.token, undefined);
});

test("query strings nest on dots and repeat into arrays; __proto__ stays an own key", () => {
  assert.deepEqual(parseFields("a.b=c&a.d=e&x=1&x=2&y=%20z"), { a: { b: "c", d: "e" }, x: ["1", "2"], y: " z" });
  const polluted = parseFields("__proto__.admin=true&constructor.prototype.admin=1");
  assert.equal(({} as Record<string, unknown>).admin, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(polluted, "__proto__"));
  assert.throws(() => parseFields("a=1&a.b=2"), /conflicts/);
  assert.throws(() => parseFields("a..b=1"), /invalid parameter name/);
});
