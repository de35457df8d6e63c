// Routing: google.api.http bindings before Micro's path rule, namespaces (header, host, hook) and isolation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MicroError } from "../../runtime/rpc/index.js";
import type { AuthorizeRequest } from "../../runtime/gateway/index.js";
import { call, helloworld, kitchen, request, withGateway } from "./harness.js";

test("google.api.http bindings: path variables, body field, ** patterns, response_body", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    assert.deepEqual((await call(h.base, "/v1/echo/alice?small=2")).json, { name: "alice", small: 2 });
    assert.deepEqual((await call(h.base, "/v1/echo", { method: "POST", body: '{"name":"bob"}' })).json, { name: "bob" });
    // body: "inner" — the body fills that field; the path variable wins over anything else
    const patch = await call(h.base, "/v1/orders/o1/inner?flag=true", { method: "PATCH", body: '{"label":"L","size":9}' });
    assert.deepEqual(patch.json, { name: "o1", flag: true, inner: { label: "L", size: 9 } });
    assert.deepEqual((await call(h.base, "/v1/files/files/a/b%20c.txt")).json, { name: "files/a/b c.txt" });
    // response_body: only the inner message is sent
    assert.deepEqual((await call(h.base, "/v1/inner/lbl")).json, { label: "lbl", size: 0 });
    // the default rule still reaches the same endpoint
    assert.deepEqual((await call(h.base, "/kitchen/echo?name=x")).json, { name: "x" });
    // a binding's method matters: POST /v1/echo/x is no binding, and falls back to the path rule (service v1)
    assert.equal((await call(h.base, "/v1/echo/x", { method: "POST", body: "{}" })).status, 404);
  });
});

test("bindings are read from the registry per namespace", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "alpha", [kitchen()]);
    assert.deepEqual((await call(h.base, "/v1/echo/z", { headers: { "micro-namespace": "alpha" } })).json, { name: "z" });
    assert.equal((await call(h.base, "/v1/echo/z", { headers: { "micro-namespace": "beta" } })).status, 404);
  });
});

test("a service registered as foobar whose proto service is Helloworld answers at /foobar/helloworld/message", async () => {
  await withGateway(async (h) => {
    await h.host("foobar", "micro", [helloworld(" from foobar")]);
    assert.deepEqual((await call(h.base, "/foobar/helloworld/message?name=A")).json, { msg: "Message for A from foobar" });
    assert.equal((await call(h.base, "/foobar/message?name=A")).status, 404);
  });
});

test("namespace: Micro-Namespace header, else the host, and nothing crosses namespaces", async () => {
  await withGateway(async (h) => {
    await h.host("helloworld", "alpha", [helloworld(" in alpha")]);
    await h.host("helloworld", "beta", [helloworld(" in beta")]);
    await h.host("debug", "micro", [helloworld(" builtin")]);
    await h.host("notbuiltin", "micro", [helloworld(" of micro")]);
    const get = (path: string, headers: Record<string, string>) => request(h.port, path, headers);
    assert.equal((await get("/helloworld?name=x", { "micro-namespace": "alpha" })).json.msg, "Hello x in alpha");
    assert.equal((await get("/helloworld?name=x", { "micro-namespace": "beta" })).json.msg, "Hello x in beta");
    assert.equal((await get("/helloworld?name=x", { host: "alpha.localhost" })).json.msg, "Hello x in alpha");
    assert.equal((await get("/helloworld?name=x", { host: "beta.example.dev:8080" })).json.msg, "Hello x in beta");
    // the header wins over the host
    assert.equal((await get("/helloworld?name=x", { host: "alpha.localhost", "micro-namespace": "beta" })).json.msg, "Hello x in beta");
    // no namespace: "micro", where helloworld does not live
    assert.equal((await get("/helloworld?name=x", {})).status, 404);
    assert.equal((await get("/helloworld?name=x", { "micro-namespace": "gamma" })).status, 404);
    // builtins (reserved names) are found in "micro" from any namespace; micro's other services are not
    // (by POST: a builtin's endpoint that is not one of its reads is never served on GET — builtin-reads.ts)
    assert.equal((await request(h.port, "/debug/helloworld/call?name=x", { "micro-namespace": "alpha" }, "POST")).json.msg, "Hello x builtin");
    assert.equal((await get("/notbuiltin/helloworld/call?name=x", { "micro-namespace": "alpha" })).status, 404);
    assert.equal((await get("/notbuiltin/helloworld/call?name=x", { "micro-namespace": "micro" })).json.msg, "Hello x of micro");
  }, { domains: ["example.dev"] });
});

test("MICRO_API_DOMAIN configures the host domain", async () => {
  process.env.MICRO_API_DOMAIN = "m3o.test";
  try {
    await withGateway(async (h) => {
      await h.host("helloworld", "delta", [helloworld(" in delta")]);
      assert.equal((await request(h.port, "/helloworld?name=y", { host: "delta.m3o.test" })).json.msg, "Hello y in delta");
    });
  } finally {
    delete process.env.MICRO_API_DOMAIN;
  }
});

test("the authorize hook sees the call and settles the namespace (e.g. the token's issuer), or refuses", async () => {
  const seen: AuthorizeRequest[] = [];
  const authorize = async (r: AuthorizeRequest) => {
    seen.push(r);
    if (r.token === "deny") throw new MicroError("auth", 403, "access denied");
    if (r.namespace) return r.namespace;
    if (r.token === "alpha-token") return { namespace: "alpha" };
    if (r.token) throw new MicroError("auth", 401, "invalid token");
    return "micro";
  };
  await withGateway(async (h) => {
    await h.host("helloworld", "alpha", [helloworld(" in alpha")]);
    await h.host("kitchen", "alpha", [kitchen()]);
    const r = await call(h.base, "/helloworld?name=t", { headers: { authorization: "Bearer alpha-token" } });
    assert.equal(r.json.msg, "Hello t in alpha");
    assert.equal(seen[0]!.service, "helloworld");
    assert.equal(seen[0]!.endpoint, "Helloworld.Call");
    assert.equal(seen[0]!.token, "alpha-token");
    assert.equal(seen[0]!.headers.authorization, "Bearer alpha-token");
    // the cookie works too, and routes through the issuer's google.api.http bindings
    seen.length = 0;
    assert.deepEqual((await call(h.base, "/v1/echo/c", { headers: { cookie: "micro-token=alpha-token" } })).json, { name: "c" });
    assert.equal(seen.at(-1)!.endpoint, "Kitchen.Echo");
    const denied = await call(h.base, "/helloworld", { headers: { authorization: "Bearer deny", "micro-namespace": "alpha" } });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.json, { id: "auth", code: 403, detail: "access denied", status: "Forbidden" });
    assert.equal((await call(h.base, "/helloworld", { headers: { authorization: "Bearer junk" } })).status, 401);
    assert.deepEqual(seen.at(-1)!.candidates, { header: undefined, host: undefined });
  }, { authorize });
});
