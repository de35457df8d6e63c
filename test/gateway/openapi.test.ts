// /openapi.json against a live gateway: it passes Redocly's recommended rules with no errors, and it is honest —
// what it documents (GET with query parameters, bindings, security, servers) is what the gateway serves.
// Services: helloworld, the gateway's kitchen service (every JSON shape, every streaming kind, bindings), the
// kitchen-sink fixture (acme.shop.v1: oneofs, maps, well-known types, deep nesting, bindings with multi-segment
// variables and additional bindings) and gRPC server reflection, which must not be listed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DescService } from "@bufbuild/protobuf";
import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { MicroError, defineService, type ServiceImpl } from "../../runtime/rpc/index.js";
import { loadProtos } from "../../generators/emit/sdk/index.js";
import { publicUrl } from "../../runtime/gateway/public-url.js";
import { ServerReflection as ReflectionV1 } from "../../runtime/server/reflection/gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as ReflectionV1Alpha } from "../../runtime/server/reflection/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { call, helloworld, kitchen, request, withGateway, type Handler, type Harness } from "./harness.js";
import { withServer } from "../support/server.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
type Doc = { paths: Record<string, Record<string, Op>>; components: any; servers: { url: string }[]; tags: { name: string; description: string }[]; info: any };
type Op = { operationId: string; tags: string[]; security: unknown[]; parameters: any[]; requestBody?: any; responses: Record<string, any>; [k: string]: any };

/** A handler that answers every call with the empty message (and ends every stream at once). */
function stub(desc: DescService, doc: string | undefined, methods: Record<string, object>): Handler {
  const impl: Record<string, unknown> = {};
  for (const m of desc.methods) {
    impl[m.localName] = m.methodKind === "unary" ? () => ({})
      : m.methodKind === "server_streaming" ? async function* () {}
      : m.methodKind === "client_streaming" ? async (reqs: AsyncIterable<unknown>) => { for await (const _ of reqs); return {}; }
      : async function* (reqs: AsyncIterable<unknown>) { for await (const _ of reqs); };
  }
  return { def: defineService(desc, { doc, methods }), impl: impl as ServiceImpl<DescService> };
}

function kitchenSink(): Handler[] {
  const { model } = loadProtos(join(REPO, "fixtures", "kitchen-sink"), [join(REPO, "fixtures", "third_party")]);
  return model.services.map((s) => stub(s.desc, s.comments.leading || undefined, Object.fromEntries(s.methods.map((m) => [m.localName, {
    doc: m.comments.leading || undefined,
    http: m.http.map((b) => ({ method: b.method, path: b.path, body: b.body, responseBody: b.responseBody })),
  }]))));
}

async function hostAll(h: Harness, namespace = "micro"): Promise<void> {
  await h.host("helloworld", namespace, [helloworld()]);
  await h.host("kitchen", namespace, [kitchen()]);
  await h.host("acme.shop.v1", namespace, kitchenSink());
  await h.host("grpc.reflection.v1", namespace, [stub(ReflectionV1, undefined, {})]);
  await h.host("grpc.reflection.v1alpha", namespace, [stub(ReflectionV1Alpha, undefined, {})]);
}

async function lint(doc: unknown): Promise<{ errors: NormalizedProblem[]; warnings: NormalizedProblem[] }> {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
  return { errors: problems.filter((p) => p.severity === "error"), warnings: problems.filter((p) => p.severity === "warn") };
}

const show = (ps: NormalizedProblem[]) => ps.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`).join("\n");

function operations(doc: Doc): [string, string, Op][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([verb, op]) => [path, verb, op] as [string, string, Op]));
}

async function openapi(h: Harness, headers: Record<string, string> = {}): Promise<Doc> {
  const res = await call(h.base, "/openapi.json", { headers });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

test("openapi: Redocly's recommended rules find no errors", async (t) => {
  await withGateway(async (h) => {
    await hostAll(h);
    const doc = await openapi(h);
    const { errors, warnings } = await lint(doc);
    const byRule = new Map<string, number>();
    for (const w of warnings) byRule.set(w.ruleId, (byRule.get(w.ruleId) ?? 0) + 1);
    for (const w of warnings) t.diagnostic(show([w]));
    t.diagnostic(`${operations(doc).length} operations; ${warnings.length} warnings: ${[...byRule].map(([r, n]) => `${r} ×${n}`).join(", ") || "none"}`);
    assert.equal(errors.length, 0, show(errors));
    // the linter does look: a document with the classic mistakes fails it
    const broken = structuredClone(doc);
    const [first] = operations(broken);
    broken.paths["/helloworld/copy"] = { post: { ...first![2], summary: undefined } };
    const again = await lint(broken);
    assert.ok(again.errors.some((e) => e.ruleId === "operation-operationId-unique"), show(again.errors));
    assert.ok(again.errors.some((e) => e.ruleId === "operation-summary"), show(again.errors));
  });
});

test("openapi: one canonical path per endpoint, GET and POST, unique operationIds, no reflection", async () => {
  await withGateway(async (h) => {
    await hostAll(h);
    const doc = await openapi(h);
    const ops = operations(doc);
    const ids = ops.map(([, , op]) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, "operationIds repeat");
    assert.ok(!Object.keys(doc.paths).some((p) => p.includes("reflection")), Object.keys(doc.paths).join(" "));
    assert.ok(!ops.some(([, , op]) => op.tags.some((t) => t.startsWith("grpc."))));
    assert.deepEqual(doc.tags.map((t) => t.name).sort(), ["acme.shop.v1", "helloworld", "kitchen"]);

    // helloworld: /helloworld/call carries both verbs; its aliases are not paths of their own
    const hello = doc.paths["/helloworld/call"]!;
    assert.deepEqual(Object.keys(hello).sort(), ["get", "post"]);
    assert.deepEqual(hello.get!.parameters.filter((p) => p.in === "query").map((p) => p.name), ["name"]);
    assert.equal(hello.post!.requestBody.content["application/json"].schema.$ref, "#/components/schemas/helloworld.Request");
    assert.deepEqual(hello.get!["x-micro-aliases"], ["/helloworld", "/helloworld/helloworld/call"]);
    assert.equal(doc.paths["/helloworld"], undefined);
    assert.equal(doc.paths["/helloworld/helloworld/call"], undefined);
    // a bidi stream is a WebSocket GET, a server stream answers Server-Sent Events
    const pingPong = doc.paths["/helloworld/pingPong"]!;
    assert.deepEqual(Object.keys(pingPong), ["get"]);
    assert.ok(pingPong.get!.responses["101"]);
    assert.equal(pingPong.get!["x-micro-stream"], "bidi_streaming");
    assert.ok(pingPong.get!["x-micro-aliases"].includes("/helloworld/ping-pong"));
    assert.ok(doc.paths["/helloworld/stream"]!.get!.responses["200"].content["text/event-stream"]);

    // kitchen: every query-expressible field, dotted nesting, repeated keys; maps left to the body
    const echo = doc.paths["/kitchen/echo"]!.get!;
    const query = Object.fromEntries(echo.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(query).sort(),
      ["big", "color", "data", "flag", "inner.label", "inner.size", "name", "numbers", "ratio", "small", "tags", "userId", "when"]);
    assert.deepEqual(query.color.schema.enum, ["COLOR_UNSPECIFIED", "RED", "GREEN"]);
    assert.equal(query.when.schema.format, "date-time");
    assert.equal(query.tags.schema.type, "array");
    // bindings: path variables, a body field, a response field
    assert.deepEqual(doc.paths["/v1/echo/{name}"]!.get!.parameters.filter((p) => p.in === "path").map((p) => [p.name, p.required]), [["name", true]]);
    const patch = doc.paths["/v1/orders/{name}/inner"]!.patch!;
    assert.equal(patch.requestBody.content["application/json"].schema.$ref, "#/components/schemas/kitchen.Inner");
    assert.ok(!patch.parameters.some((p) => p.name === "name" && p.in === "query") && !patch.parameters.some((p) => p.name?.startsWith("inner")));
    assert.equal(doc.paths["/v1/inner/{inner.label}"]!.get!.responses["200"].content["application/json"].schema.$ref, "#/components/schemas/kitchen.Inner");
    assert.match(doc.paths["/v1/files/{name}"]!.get!.parameters[0].description, /files\/\*\*/);

    // kitchen-sink: bindings merged per path, custom HEAD, response_body, the oneof documented
    assert.deepEqual(Object.keys(doc.paths["/v1/{name}"]!).sort(), ["delete", "get"]);
    assert.ok(doc.paths["/v1/items:check"]!.head);
    assert.ok(doc.paths["/v1/shelves/{shelf_id}/items/{item.id}"]!.put);
    assert.deepEqual(doc.paths["/v1/shelves/{shelf_id}/items"]!.get!.responses["200"].content["application/json"].schema,
      { type: "array", items: { $ref: "#/components/schemas/acme.shop.v1.Item" } });
    assert.match(doc.components.schemas["acme.shop.v1.Item"].properties.percentOff.description, /one of discount/);
    assert.equal(doc.paths["/acme/shop/v1/orders/call"]!.post!.summary, "Orders.Call");

    // every operation documents Micro's errors and its security; the schemes and the namespace header exist
    for (const [path, verb, op] of ops) {
      for (const code of ["400", "401", "403", "404", "500"]) assert.ok(op.responses[code], `${verb} ${path}: no ${code}`);
      assert.ok(Array.isArray(op.security), `${verb} ${path}: no security`);
      assert.ok(op.parameters.some((p) => p.$ref === "#/components/parameters/MicroNamespace"), `${verb} ${path}: no Micro-Namespace`);
    }
    assert.deepEqual(doc.components.schemas.MicroError.required, ["id", "code", "detail", "status"]);
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ["bearerAuth", "microToken"]);
    assert.equal(doc.components.securitySchemes.microToken.in, "cookie");
    assert.equal(doc.servers[0]!.url, h.base);
    assert.ok(doc.info.description.length > 0);
  });
});

/** A query value of the parameter's type: what a client following the document would send. */
function sample(schema: any): string[] {
  if (schema.type === "array") return [...sample(schema.items), ...sample(schema.items)];
  if (schema.enum) return [schema.enum[schema.enum.length - 1]];
  if (schema.format === "date-time") return ["2024-05-06T07:08:09Z"];
  if (schema.format === "byte") return ["AQI="];
  if (schema.format === "int64" || schema.format === "uint64") return ["5"];
  if (schema.type === "integer") return ["3"];
  if (schema.type === "number") return ["1.5"];
  if (schema.type === "boolean") return ["true"];
  if (schema.example) return [String(schema.example)];
  return ["x"];
}

test("openapi: every documented GET query is accepted by the gateway", async () => {
  await withGateway(async (h) => {
    await hostAll(h);
    const doc = await openapi(h);
    let checked = 0;
    for (const [path, verb, op] of operations(doc)) {
      if (verb !== "get" || op["x-micro-stream"] || !op.operationId.endsWith(".get")) continue;
      if (/Kitchen\.(Fail|Slow)\./.test(op.operationId)) continue; // they fail and sleep on purpose
      const params = new URLSearchParams();
      const chosen = new Map<string, string>(); // oneof → the member set: a client sets one, as the descriptions say
      for (const p of op.parameters.filter((q) => q.in === "query")) {
        const oneof = /^One of `([^`]+)`/.exec(p.description ?? "")?.[1];
        if (oneof) {
          const member = p.name.split(".").slice(0, oneof.split(".").length).join(".");
          if ((chosen.get(oneof) ?? member) !== member) continue;
          chosen.set(oneof, member);
        }
        for (const v of sample(p.schema)) params.append(p.name, v);
      }
      const res = await call(h.base, `${path}?${params}`);
      assert.ok(res.status === 200 || res.status === 204, `GET ${path}?${params}: ${res.status} ${res.text}`);
      checked++;
    }
    assert.ok(checked >= 8, `only ${checked} GET operations checked`);
    // and the values arrive: the kitchen echoes its request
    const echo = await call(h.base, "/kitchen/echo?name=n&small=3&flag=true&color=RED&tags=a&tags=b&inner.label=l&when=2024-05-06T07:08:09Z&numbers=5");
    assert.equal(echo.status, 200, echo.text);
    assert.deepEqual(echo.json, { name: "n", small: 3, flag: true, color: "RED", tags: ["a", "b"], inner: { label: "l" }, when: "2024-05-06T07:08:09Z", numbers: ["5"] });
  });
});

test("openapi: security follows the namespace's rules — public endpoints need none, the rest a token", async () => {
  // helloworld is public; everything else needs the token "good"; any other token is refused
  const authorize = async (r: { service: string; namespace?: string; token?: string }) => {
    if (r.token !== undefined && r.token !== "good") throw new MicroError("auth", 401, "bad token");
    if (r.token === undefined && r.service !== "helloworld" && r.service !== "openapi") throw new MicroError("auth", 401, "token needed");
    return r.namespace ?? "micro";
  };
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    await h.host("kitchen", "micro", [kitchen()]);
    const anonymous = await openapi(h);
    assert.deepEqual(anonymous.tags.map((t) => t.name), ["helloworld"]);
    for (const [, , op] of operations(anonymous)) assert.deepEqual(op.security, []);

    const member = await openapi(h, { authorization: "Bearer good" });
    assert.deepEqual(member.tags.map((t) => t.name), ["helloworld", "kitchen"]);
    for (const [path, verb, op] of operations(member)) {
      const expected = op.tags[0] === "helloworld" ? [] : [{ bearerAuth: [] }, { microToken: [] }];
      assert.deepEqual(op.security, expected, `${verb} ${path}`);
    }
    // the cookie counts as the token, for the listing as for calls
    assert.deepEqual((await openapi(h, { cookie: "micro-token=good" })).tags.map((t) => t.name), ["helloworld", "kitchen"]);
    const { errors } = await lint(member);
    assert.equal(errors.length, 0, show(errors));
  }, { authorize });
});

test("openapi: servers is the gateway's URL as the request reached it", async () => {
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    const named = await request(h.port, "/openapi.json", { host: "api.example.test:8080" });
    assert.equal(named.status, 200, named.text);
    assert.deepEqual(named.json.servers.map((s: { url: string }) => s.url), ["http://api.example.test:8080"]);
    // a client's own X-Forwarded-* is not believed from a peer that is not a trusted proxy
    const forwarded = await request(h.port, "/openapi.json", { host: "api.example.test", "x-forwarded-proto": "https", "x-forwarded-host": "evil.test" });
    assert.deepEqual(forwarded.json.servers.map((s: { url: string }) => s.url), ["http://api.example.test"]);
  });
  const req = (headers: Record<string, string>) => ({ headers, socket: {} as never });
  assert.equal(publicUrl(req({ host: "gw.internal:8080", "x-forwarded-proto": "https", "x-forwarded-host": "api.example.test" }), true), "https://api.example.test");
  assert.equal(publicUrl(req({ host: "gw.internal:8080", "x-forwarded-proto": "https" }), false), "http://gw.internal:8080");
  assert.equal(publicUrl(req({ host: "bad host/" }), false), undefined);
  assert.equal(publicUrl(req({}), false), undefined);
  assert.equal(publicUrl(req({ host: "[::1]:8080" }), false), "http://[::1]:8080");
});

test("openapi: micro server's own document lints clean, anonymous and as admin, with the builtins' real rules", async () => {
  await withServer(async (server) => {
    const base = `http://${server.apiAddress}`;
    const get = async (headers: Record<string, string>) => {
      const res = await call(base, "/openapi.json", { headers });
      assert.equal(res.status, 200, res.text);
      return res.json as Doc;
    };
    const anonymous = await get({});
    const admin = await get({ authorization: `Bearer ${await server.adminToken()}` });
    for (const doc of [anonymous, admin]) {
      const { errors } = await lint(doc);
      assert.equal(errors.length, 0, show(errors));
      assert.ok(!Object.keys(doc.paths).some((p) => p.includes("reflection")), Object.keys(doc.paths).join(" "));
    }
    // anonymous callers see what login needs, public; the builtins need an account of the namespace
    assert.deepEqual(anonymous.tags.map((t) => t.name), ["auth"]);
    const token = anonymous.paths["/auth/token"]!.post!;
    assert.deepEqual(token.security, []);
    assert.ok(token.responses["429"], "Auth.Token refuses repeated failures with 429");
    assert.ok(admin.tags.some((t) => t.name === "store"));
    assert.deepEqual(admin.paths["/store/read"]!.post!.security, [{ bearerAuth: [] }, { microToken: [] }]);
    assert.equal(admin.paths["/store/read"]!.post!.responses["429"], undefined);
  });
});

test("openapi: the openapi target's golden documents lint clean, and the gateway's document is the same function's output", async () => {
  const golden = (path: string) => JSON.parse(readFileSync(join(REPO, "fixtures", "golden", path), "utf8")) as Doc;
  for (const path of ["helloworld/openapi/helloworld.openapi.json", "kitchen-sink/openapi/acme/shop/v1/shop.openapi.json"]) {
    const { errors } = await lint(golden(path));
    assert.equal(errors.length, 0, `${path}:\n${show(errors)}`);
  }
  const shop = golden("kitchen-sink/openapi/acme/shop/v1/shop.openapi.json");
  // build time has the proto comments: they are the descriptions
  assert.match(shop.components.schemas["acme.shop.v1.Item"].description ?? "", /\S/);
  await withGateway(async (h) => {
    await h.host("acme.shop.v1", "micro", kitchenSink());
    const live = await openapi(h);
    const shape = (doc: Doc) => Object.fromEntries(Object.entries(doc.paths).map(([path, item]) =>
      [path, Object.fromEntries(Object.entries(item).map(([verb, op]) => [verb, {
        id: op.operationId, summary: op.summary, parameters: op.parameters, aliases: op["x-micro-aliases"], stream: op["x-micro-stream"],
      }]))]));
    // same paths, verbs, operation ids, parameters and aliases; the same schemas, property by property
    assert.deepEqual(shape(live), shape(shop));
    assert.deepEqual(Object.keys(live.components.schemas).sort(), Object.keys(shop.components.schemas).sort());
    for (const [name, schema] of Object.entries<any>(shop.components.schemas)) {
      assert.deepEqual(Object.keys(live.components.schemas[name].properties ?? {}), Object.keys(schema.properties ?? {}), name);
    }
  });
});
