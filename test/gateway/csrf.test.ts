// CSRF defences of the gateway without a browser: the same-origin rule for the micro-token cookie
// (runtime/gateway/same-origin.ts), the builtins' read-only GET list (builtin-reads.ts), the 415 for body types
// that are not read, and all three against a live server. test/gateway/csrf-browser.test.ts replays the attacks
// from real Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DescService } from "@bufbuild/protobuf";
import { MicroError } from "../../runtime/rpc/errors.js";
import { BUILTIN_SERVICES } from "../../runtime/rpc/access.js";
import { checkCookieOrigin } from "../../runtime/gateway/same-origin.js";
import { BUILTIN_READS, refuseUnsafeGet } from "../../runtime/gateway/builtin-reads.js";
import { Accounts, Auth, Rules } from "../../runtime/gen/auth/auth_pb.js";
import { Broker } from "../../runtime/gen/broker/broker_pb.js";
import { Config } from "../../runtime/gen/config/config_pb.js";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { Store as EventsStore, Stream } from "../../runtime/gen/events/events_pb.js";
import { Network } from "../../runtime/gen/network/network_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { Router, Table } from "../../runtime/gen/router/router_pb.js";
import { Build, Runtime, Source } from "../../runtime/gen/runtime/runtime_pb.js";
import { BlobStore, Store } from "../../runtime/gen/store/store_pb.js";
import { withServer } from "../support/server.js";
import { call } from "./harness.js";

const req = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as Parameters<typeof checkCookieOrigin>[0];
const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof MicroError, String(err));
    assert.equal(err.code, 403);
    return err.detail;
  }
  assert.fail("admitted");
};

test("cookie credential: admitted same-origin, refused from any other origin or site", () => {
  const host = "127.0.0.1:8080";
  // no browser signal: curl, SDKs, scripts
  checkCookieOrigin(req({ host }), "*");
  // what the browser says (pages cannot forge Sec-Fetch-Site): same-origin, or a navigation the user started
  checkCookieOrigin(req({ host, "sec-fetch-site": "same-origin" }), "*");
  checkCookieOrigin(req({ host, "sec-fetch-site": "none" }), "*");
  assert.match(refusal(() => checkCookieOrigin(req({ host, "sec-fetch-site": "cross-site" }), "*")),
    /^cross-site request with a cookie credential \(Sec-Fetch-Site: cross-site\)/);
  // same-site is not same-origin: another port of the host, a tenant's sibling subdomain
  assert.match(refusal(() => checkCookieOrigin(req({ host, "sec-fetch-site": "same-site", origin: "http://127.0.0.1:9999" }), "*")), /Sec-Fetch-Site: same-site/);
  // Sec-Fetch-Site wins over an Origin that happens to match
  refusal(() => checkCookieOrigin(req({ host, "sec-fetch-site": "cross-site", origin: `http://${host}` }), "*"));
  // without Sec-Fetch-Site (older browsers; WebSocket handshakes): the Origin must be the gateway's own
  checkCookieOrigin(req({ host, origin: `http://${host}` }), "*");
  checkCookieOrigin(req({ host: "API.example.dev", origin: "http://api.example.dev" }), "*");
  assert.match(refusal(() => checkCookieOrigin(req({ host, origin: "http://evil.example" }), "*")), /\(Origin: http:\/\/evil\.example\)/);
  refusal(() => checkCookieOrigin(req({ host, origin: "https://127.0.0.1:8080" }), "*"));
  refusal(() => checkCookieOrigin(req({ host, origin: "http://127.0.0.1:8081" }), "*"));
  refusal(() => checkCookieOrigin(req({ host, origin: "null" }), "*"));
  refusal(() => checkCookieOrigin(req({ origin: "http://127.0.0.1:8080" }), "*"));
  // tenants' subdomains are different origins
  refusal(() => checkCookieOrigin(req({ host: "beta.example.dev", origin: "http://alpha.example.dev" }), "*"));
  refusal(() => checkCookieOrigin(req({ host: "beta.example.dev", origin: "http://alpha.example.dev", "sec-fetch-site": "same-site" }), "*"));
  // an origin the operator lists for CORS (which cors.ts answers with credentials) is trusted; "*" trusts none
  checkCookieOrigin(req({ host, origin: "https://app.example.com", "sec-fetch-site": "cross-site" }), ["https://app.example.com"]);
  refusal(() => checkCookieOrigin(req({ host, origin: "https://other.example.com", "sec-fetch-site": "cross-site" }), ["https://app.example.com"]));
  refusal(() => checkCookieOrigin(req({ host, origin: "null", "sec-fetch-site": "cross-site" }), ["null"]));
  // what is echoed is bounded and printable
  assert.doesNotMatch(refusal(() => checkCookieOrigin(req({ host, "sec-fetch-site": "x\u0001".repeat(100) }), "*")), /\u0001/);
});

test("builtins on GET: only their reads; everything else is a 405 with Allow: POST; user services keep GET", () => {
  const methods = new Map<string, DescService[]>([
    ["auth", [Auth, Accounts, Rules]], ["broker", [Broker]], ["config", [Config]], ["debug", [Debug]],
    ["events", [Stream, EventsStore]], ["network", [Network]], ["registry", [Registry]], ["router", [Router, Table]],
    ["runtime", [Runtime, Source, Build]], ["store", [Store, BlobStore]],
  ]);
  const all = [...methods].flatMap(([service, descs]) => descs.flatMap((d) => d.methods.map((m) => `${service} ${d.name}.${m.name}`)));
  // every listed read names a real builtin endpoint (a typo would silently refuse it)
  for (const entry of BUILTIN_READS) assert.ok(all.includes(entry), `${entry} is not a builtin endpoint`);
  for (const service of methods.keys()) assert.ok(BUILTIN_SERVICES.has(service), service);
  const refused = all.filter((entry) => {
    const [service, endpoint] = entry.split(" ") as [string, string];
    try {
      refuseUnsafeGet("GET", { service, endpoint });
      return false;
    } catch (err) {
      assert.equal((err as MicroError).code, 405);
      return true;
    }
  });
  for (const writer of ["store Store.Write", "store Store.Delete", "store BlobStore.Write", "config Config.Set", "config Config.Delete",
    "auth Auth.Token", "auth Auth.Generate", "auth Auth.Inspect", "auth Accounts.Delete", "auth Accounts.ChangeSecret", "auth Rules.Create",
    "auth Rules.Delete", "registry Registry.Register", "registry Registry.Deregister", "events Stream.Publish", "events Store.Write",
    "broker Broker.Publish", "runtime Runtime.Create", "runtime Runtime.Update", "runtime Runtime.Delete", "runtime Source.Upload"]) {
    assert.ok(refused.includes(writer), `${writer} is served on GET`);
  }
  assert.deepEqual(refused.length + BUILTIN_READS.size, all.length);
  const headers = new Map<string, string>();
  const res = { setHeader: (k: string, v: string) => headers.set(k, v) } as never;
  assert.throws(() => refuseUnsafeGet("HEAD", { service: "config", endpoint: "Config.Set" }, res), /config Config\.Set changes state and is not served on HEAD: call it with POST/);
  assert.equal(headers.get("allow"), "POST");
  refuseUnsafeGet("POST", { service: "config", endpoint: "Config.Set" });
  refuseUnsafeGet("GET", { service: "helloworld", endpoint: "Helloworld.Delete" });
  // the Debug handler every builtin serves is read-only wherever it is
  refuseUnsafeGet("GET", { service: "store", endpoint: "Debug.Health" });
  refuseUnsafeGet("GET", { service: "config", endpoint: "Debug.Stats" });
});

test("live server: cookie only same-origin, builtins' writes never on GET, text/plain never read as JSON", { timeout: 120_000 }, async () => {
  await withServer(async (server) => {
    const base = `http://${server.apiAddress}`;
    const token = await server.adminToken();
    const bearer = { authorization: `Bearer ${token}`, "micro-namespace": "micro" };
    const cookie = { cookie: `micro-token=${token}`, "micro-namespace": "micro" };
    const read = async (key: string) => (await call(base, "/store/store/read", { method: "POST", headers: bearer, body: JSON.stringify({ key }) })).status;

    // GET of a write: 405 even with a valid bearer token, and nothing is written
    const get = await call(base, "/store/store/write?record.key=by-get&record.value=eA==", { headers: bearer });
    assert.equal(get.status, 405, get.text);
    assert.equal(get.headers.get("allow"), "POST");
    assert.match(get.json.detail, /^store Store\.Write changes state and is not served on GET/);
    assert.equal(await read("by-get"), 404);
    const setByGet = await call(base, "/config/config/set?namespace=micro&path=csrf&value.data=%221%22", { headers: bearer });
    assert.equal(setByGet.status, 405, setByGet.text);
    // the same write by POST works (an empty reply: 204), and a read by GET too
    assert.equal((await call(base, "/store/store/write", { method: "POST", headers: bearer, body: '{"record":{"key":"k","value":"eA=="}}' })).status, 204);
    const byGet = await call(base, "/store/store/read?key=k", { headers: bearer });
    assert.equal(byGet.status, 200, byGet.text);
    assert.equal(byGet.json.records[0].value, "eA==");

    // /openapi.json offers no GET for them either
    const doc = (await call(base, "/openapi.json", { headers: bearer })).json;
    assert.deepEqual(Object.keys(doc.paths["/config/set"]), ["post"]);
    assert.deepEqual(Object.keys(doc.paths["/config/get"]).sort(), ["get", "post"]);

    // text/plain (what a cross-site form or no-cors fetch sends) is refused, never parsed as JSON
    const plain = await call(base, "/store/store/write", { method: "POST", headers: { ...bearer, "content-type": "text/plain" }, body: '{"record":{"key":"plain","value":"eA=="}}' });
    assert.equal(plain.status, 415, plain.text);
    assert.equal(await read("plain"), 404);

    // the cookie: fine from curl-like clients and same-origin, 403 from another origin or site
    const write = (key: string, headers: Record<string, string>) =>
      call(base, "/store/store/write", { method: "POST", headers: { ...cookie, ...headers }, body: JSON.stringify({ record: { key, value: "eA==" } }) });
    assert.equal((await write("no-browser", {})).status, 204);
    assert.equal((await write("same-origin", { "sec-fetch-site": "same-origin", origin: base })).status, 204);
    assert.equal((await write("own-origin", { origin: base })).status, 204);
    assert.equal(await read("own-origin"), 200);
    for (const [key, headers] of [["cross-site", { "sec-fetch-site": "cross-site", origin: "http://evil.example" }], ["same-site", { "sec-fetch-site": "same-site" }],
      ["other-origin", { origin: "http://127.0.0.1:1" }]] as const) {
      const r = await write(key, headers);
      assert.equal(r.status, 403, `${key}: ${r.text}`);
      assert.match(r.json.detail, /^cross-site request with a cookie credential/);
      assert.equal(await read(key), 404, key);
    }
    // a cookie-authenticated read is refused cross-site too ("whatever its method")
    assert.equal((await call(base, "/store/store/read?key=k", { headers: { ...cookie, "sec-fetch-site": "cross-site" } })).status, 403);
    assert.equal((await call(base, "/openapi.json", { headers: { ...cookie, "sec-fetch-site": "cross-site" } })).status, 403);
    // a bearer token is not a cookie: a cross-site page cannot send it without a preflight, so it is not checked
    assert.equal((await call(base, "/store/store/write", { method: "POST", headers: { ...bearer, "sec-fetch-site": "cross-site", origin: "http://evil.example" },
      body: '{"record":{"key":"bearer","value":"eA=="}}' })).status, 204);
  });
});
