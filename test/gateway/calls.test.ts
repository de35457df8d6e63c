// Requests → protobuf → responses, through a real gateway to real gRPC services.
import { test } from "node:test";
import assert from "node:assert/strict";
import { call, helloworld, kitchen, request, withGateway } from "./harness.js";
import { OrderSchema } from "./gen/kitchen_pb.js";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";

test("GET query and POST/PUT/PATCH/DELETE bodies become the request", async () => {
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    assert.deepEqual((await call(h.base, "/helloworld?name=Alice")).json, { msg: "Hello Alice" });
    assert.deepEqual((await call(h.base, "/helloworld/message?name=Bob")).json, { msg: "Message for Bob" });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const r = await call(h.base, "/helloworld/call", { method, body: JSON.stringify({ name: method }), headers: { "content-type": "application/json" } });
      assert.deepEqual(r.json, { msg: `Hello ${method}` }, method);
    }
    // no Content-Type at all (curl --data-binary without -H, scripts): JSON
    assert.deepEqual((await request(h.port, "/helloworld/call", {}, "POST", '{"name":"bare"}')).json, { msg: "Hello bare" });
    // a body of another type is never read as JSON (text/plain is what a cross-site form can send): 415
    for (const type of ["text/weird", "text/plain", "text/plain; charset=utf-8", "application/xml"]) {
      const refused = await call(h.base, "/helloworld/call", { method: "POST", body: '{"name":"x"}', headers: { "content-type": type } });
      assert.equal(refused.status, 415, type);
      assert.match(refused.json.detail, new RegExp(`^unsupported Content-Type ${type.split(";")[0]}: send application/json`));
    }
    // body fields win over the query
    assert.deepEqual((await call(h.base, "/helloworld/call?name=query", { method: "POST", body: '{"name":"body"}' })).json, { msg: "Hello body" });
  });
});

test("JSON mapping: camelCase and snake_case, int64 as string or number, enums, Timestamp, nesting, arrays", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const body = {
      name: "n", big: "9007199254740993", small: 7, flag: true, color: "GREEN", when: "2024-02-03T04:05:06.5Z",
      inner: { label: "in", size: 3 }, tags: ["a", "b"], labels: { k: "v" }, data: "aGk=", user_id: "u1", ratio: 0.5, numbers: [1, "2"],
    };
    const r = await call(h.base, "/kitchen/echo", { method: "POST", body: JSON.stringify(body) });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      name: "n", big: "9007199254740993", small: 7, flag: true, color: "GREEN", when: "2024-02-03T04:05:06.500Z",
      inner: { label: "in", size: 3 }, tags: ["a", "b"], labels: { k: "v" }, data: "aGk=", userId: "u1", ratio: 0.5, numbers: ["1", "2"],
    });
    assert.equal((await call(h.base, "/kitchen/echo", { method: "POST", body: '{"userId":"camel","color":1,"big":12}' })).text,
      '{"big":"12","color":"RED","userId":"camel"}');
    // query strings: nested with dots, repeated keys as arrays, booleans and enums from text
    const q = await call(h.base, "/kitchen/echo?inner.label=x&inner.size=4&tags=a&tags=b&flag=true&color=2&big=5&labels.a=b&numbers=1&when=2020-01-01T00:00:00Z");
    assert.deepEqual(q.json, { big: "5", flag: true, color: "GREEN", when: "2020-01-01T00:00:00Z", inner: { label: "x", size: 4 }, tags: ["a", "b"], labels: { a: "b" }, numbers: ["1"] });
    // query merged with a JSON body
    assert.deepEqual((await call(h.base, "/kitchen/echo?inner.size=2", { method: "POST", body: '{"inner":{"label":"b"}}' })).json, { inner: { label: "b", size: 2 } });
  });
});

test("form-urlencoded and multipart bodies, merged with the query", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const form = await call(h.base, "/kitchen/echo?small=3", {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=f&inner.label=l&tags=1&tags=2&flag=false",
    });
    assert.deepEqual(form.json, { name: "f", small: 3, inner: { label: "l" }, tags: ["1", "2"] });
    const fd = new FormData();
    fd.append("name", "m");
    fd.append("data", new Blob([Buffer.from("hi")]), "hi.bin");
    fd.append("tags", "t");
    const multi = await call(h.base, "/kitchen/echo?small=1", { method: "POST", body: fd });
    assert.deepEqual(multi.json, { name: "m", small: 1, data: "aGk=", tags: ["t"] });
  });
});

test("protobuf bodies pass through, and Accept: application/proto answers bytes", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const bytes = toBinary(OrderSchema, create(OrderSchema, { name: "bin", big: 42n }));
    const res = await fetch(h.base + "/kitchen/echo", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    const back = fromBinary(OrderSchema, new Uint8Array(await res.arrayBuffer()));
    assert.equal(back.name, "bin");
    assert.equal(back.big, 42n);
    const asProto = await fetch(h.base + "/kitchen/echo?name=q", { headers: { accept: "application/proto" } });
    assert.equal(asProto.headers.get("content-type"), "application/proto");
    assert.equal(fromBinary(OrderSchema, new Uint8Array(await asProto.arrayBuffer())).name, "q");
  });
});

test("an empty response is 204", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const r = await call(h.base, "/kitchen/blank", { method: "POST", body: "{}" });
    assert.equal(r.status, 204);
    assert.equal(r.text, "");
    assert.equal((await call(h.base, "/kitchen/echo", { method: "POST", body: "{}" })).status, 204);
  });
});

test("errors are Micro's envelope with the HTTP status equal to the code", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    await h.host("helloworld", "micro", [helloworld()]);
    await h.registerDead("ghost", "micro", [helloworld()]);
    const expect = async (path: string, init: RequestInit, code: number, detail: RegExp) => {
      const r = await call(h.base, path, init);
      assert.equal(r.status, code, `${path}: ${r.text}`);
      assert.equal(r.headers.get("content-type"), "application/json");
      assert.deepEqual(Object.keys(r.json).sort(), ["code", "detail", "id", "status"]);
      assert.equal(r.json.code, code);
      assert.match(r.json.detail, detail);
    };
    await expect("/nosuch/call", {}, 404, /service nosuch not found/);
    await expect("/helloworld/nope", {}, 404, /endpoint Helloworld\.Nope not found/);
    await expect("/helloworld/call", { method: "POST", body: '{"name":' }, 400, /invalid JSON/);
    await expect("/helloworld/call", { method: "POST", body: "[1]" }, 400, /must be a JSON object/);
    await expect("/helloworld/call", { method: "POST", body: '{"nmae":"x"}' }, 400, /key "nmae" is unknown/);
    await expect("/kitchen/echo", { method: "POST", body: '{"small":"abc"}' }, 400, /kitchen\.Order\.small/);
    await expect("/kitchen/echo", { method: "POST", body: '{"color":"PURPLE"}' }, 400, /field "color".*kitchen\.Color/);
    await expect("/kitchen/echo", { method: "POST", body: '{"when":"yesterday"}' }, 400, /field "when".*Timestamp/);
    await expect("/kitchen/echo?flag=maybe", {}, 400, /kitchen\.Order\.flag/);
    await expect("/kitchen/echo", { method: "POST", body: "x".repeat(5 * 1024 * 1024) }, 413, /exceeds the limit/);
    await expect("/kitchen/fail?small=409", {}, 409, /failed with 409 on purpose/);
    await expect("/kitchen/fail?small=403", {}, 403, /on purpose/);
    await expect("/kitchen/slow?small=3000", {}, 504, /did not answer within/);
    await expect("/ghost/helloworld/call", {}, 503, /unavailable/);
    await expect("/kitchen/chunks?small=1", {}, 400, /streaming endpoint/);
    await expect("/helloworld/call", { method: "POST", body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }, 400, /UTF-8/);
    await expect("/helloworld", { headers: { "micro-namespace": "Bad_NS" } }, 400, /invalid namespace/);
  }, { timeoutMs: 300 });
});

test("a configurable body limit", async () => {
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    const big = JSON.stringify({ name: "x".repeat(200) });
    assert.equal((await call(h.base, "/helloworld/call", { method: "POST", body: big })).status, 413);
    assert.equal((await call(h.base, "/helloworld/call", { method: "POST", body: '{"name":"ok"}' })).status, 200);
  }, { maxBodyBytes: 100 });
});

test("the 400 for a wrong type names the field, nested and in lists", async () => {
  await withGateway(async (h) => {
    await h.host("kitchen", "micro", [kitchen()]);
    const detail = async (body: unknown) => (await call(h.base, "/kitchen/echo", { method: "POST", body: JSON.stringify(body) })).json.detail as string;
    assert.match(await detail({ inner: { size: "big" } }), /field "inner\.size"/);
    assert.match(await detail({ numbers: [1, 2, "x"] }), /field "numbers\[2\]"/);
    assert.match(await detail({ name: "ok", tags: "notalist" }), /field "tags"/);
    assert.match(await detail({ labels: { a: 1 } }), /field "labels"/);
    assert.match(await detail({ nope: 1 }), /key "nope" is unknown/);
  });
});
