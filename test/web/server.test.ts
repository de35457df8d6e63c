// The web server without a browser: headers of the page and the assets, the sign-in endpoint's cookies and its
// same-origin rule, refresh and sign-out, and the web port's settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { webPort } from "../../runtime/server/ports.js";
import { WebSocket } from "ws";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Store } from "../../runtime/gen/store/store_pb.js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { withServer } from "../support/server.js";

const signIn = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/session`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

test("web server: CSP and caching, sign-in cookies, the same-origin rule, refresh and sign-out", async () => {
  await withServer(async (server) => {
    const base = `http://${server.webAddress}`;
    const page = await fetch(`${base}/services/helloworld/Helloworld.Call?request=%7B%7D`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'; style-src 'self'/);
    assert.doesNotMatch(page.headers.get("content-security-policy") ?? "", /unsafe/);
    assert.equal(page.headers.get("cache-control"), "no-cache");
    const html = await page.text();
    assert.doesNotMatch(html, /<script>|<style>| style=/, "inline script or style in the page");
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const asset = await fetch(base + script, { headers: { "accept-encoding": "gzip" } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(asset.headers.get("content-encoding"), "gzip");
    assert.equal((await fetch(`${base}/assets/../index.html`)).status, 200, "a path with .. is the page, never a file outside assets/");
    assert.equal((await fetch(`${base}/assets/nope.js`)).status, 404);

    // another site's page cannot sign a visitor in (login CSRF), nor a wrong password
    const cross = await signIn(base, { namespace: "micro", id: "admin", secret: "micro" }, { "sec-fetch-site": "cross-site", origin: "http://evil.example" });
    assert.equal(cross.status, 403);
    assert.equal(cross.headers.get("set-cookie"), null);
    const wrong = await signIn(base, { namespace: "micro", id: "admin", secret: "nope" });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get("set-cookie"), null);
    assert.equal((await signIn(base, { namespace: "micro", id: "admin" })).status, 400);

    const ok = await signIn(base, { namespace: "micro", id: "admin", secret: "micro" }, { "sec-fetch-site": "same-origin" });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { signedIn: true, id: "admin", namespace: "micro", scopes: ["admin"], namespaces: ["micro"] });
    const cookies = ok.headers.getSetCookie();
    const token = cookies.find((c) => c.startsWith("micro-token="))!;
    const refresh = cookies.find((c) => c.startsWith("micro-refresh="))!;
    assert.match(token, /; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    assert.match(refresh, /; Path=\/session; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    const jar = (list: string[]) => list.map((c) => c.split(";")[0]).join("; ");

    const who = await (await fetch(`${base}/session`, { headers: { cookie: jar(cookies) } })).json();
    assert.deepEqual(who, { signedIn: true, id: "admin", namespace: "micro", scopes: ["admin"], name: "", namespaces: ["micro"] });
    assert.deepEqual(await (await fetch(`${base}/session`)).json(), { signedIn: false });

    // the cookie carries calls through /api, same-origin only
    const write = (site: string) => fetch(`${base}/api/store/store/write`, { method: "POST", headers: { cookie: jar(cookies), "sec-fetch-site": site, "content-type": "application/json" }, body: '{"record":{"key":"k","value":"eA=="}}' });
    assert.equal((await write("same-origin")).status, 204);
    assert.equal((await write("same-site")).status, 403);

    const renewed = await fetch(`${base}/session/refresh`, { method: "POST", headers: { cookie: jar(cookies) } });
    assert.equal(renewed.status, 200);
    const fresh = renewed.headers.getSetCookie();
    assert.ok(fresh.some((c) => /^micro-token=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/.test(c)), fresh.join("\n"));
    assert.equal(((await (await fetch(`${base}/session`, { headers: { cookie: jar(fresh) } })).json()) as { id: string }).id, "admin");
    assert.equal((await fetch(`${base}/session/refresh`, { method: "POST" })).status, 401);
    const out = await fetch(`${base}/session/signout`, { method: "POST", headers: { cookie: jar(cookies) } });
    assert.deepEqual(out.headers.getSetCookie().map((c) => /^([\w-]+)=;.*Max-Age=0/.exec(c)?.[1]), ["micro-token", "micro-refresh"]);
    assert.equal((await fetch(`${base}/session`, { method: "PUT" })).status, 405);
  });
});

test("web server: the namespaces an account can use; a page's WebSocket names its namespace as its subprotocol", async () => {
  await withServer(async (server) => {
    const base = `http://${server.webAddress}`;
    const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
    await auth.generate({ id: "bob", secret: "bob-secret-1", type: "user", options: { namespace: "beta" } }, { metadata: await server.adminMetadata("beta") });
    const session = async (namespace: string, id: string, secret: string) => {
      const r = await signIn(base, { namespace, id, secret });
      assert.equal(r.status, 200);
      return { cookie: r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), body: await r.json() as { namespaces: string[] } };
    };
    // an admin of micro may act in any namespace: all are listed; bob of beta has beta only
    const admin = await session("micro", "admin", "micro");
    assert.deepEqual(admin.body.namespaces, ["beta", "micro"]);
    const bob = await session("beta", "bob", "bob-secret-1");
    assert.deepEqual(bob.body.namespaces, ["beta"]);
    assert.deepEqual((await (await fetch(`${base}/session`, { headers: { cookie: bob.cookie } })).json() as { namespaces: string[] }).namespaces, ["beta"]);

    // the subprotocol micro-namespace.<ns> is the stream's namespace (a browser's WebSocket sets no headers)
    const open = (cookie: string, ns: string) => new Promise<{ protocol?: string; messages: string[]; close?: number; refused?: number }>((resolve) => {
      const ws = new WebSocket(`ws://${server.webAddress}/api/store/store/list`, [`micro-namespace.${ns}`], { headers: { cookie, origin: base } });
      const messages: string[] = [];
      ws.on("open", () => ws.send("{}"));
      ws.on("message", (m) => messages.push(String(m)));
      ws.on("close", (code) => resolve({ protocol: ws.protocol, messages, close: code }));
      ws.on("unexpected-response", (_req, res) => { resolve({ messages, refused: res.statusCode }); res.resume(); });
      ws.on("error", () => undefined);
    });
    const store = createClient(Store, createGrpcTransport({ address: server.proxyAddress }));
    await store.write({ record: { key: "in-beta", value: new Uint8Array([1]) } }, { metadata: await server.adminMetadata("beta") });
    const listed = await open(admin.cookie, "beta");
    assert.equal(listed.protocol, "micro-namespace.beta");
    assert.equal(listed.close, 1000);
    assert.deepEqual(listed.messages.flatMap((m) => (JSON.parse(m) as { keys?: string[] }).keys ?? []), ["in-beta"]);
    assert.equal((await open(bob.cookie, "micro")).refused, 403, "bob's stream in micro");
  });
});

test("web port: MICRO_WEB_PORT, a free one beside a free API port, 8082 otherwise; a bad value is named", () => {
  assert.deepEqual(webPort({ api: 8080 }, {}), { port: 8082, explicit: false });
  assert.deepEqual(webPort({ api: 0 }, {}), { port: 0, explicit: false });
  assert.deepEqual(webPort({ api: 0 }, { MICRO_WEB_PORT: "9090" }), { port: 9090, explicit: true });
  assert.deepEqual(webPort({ api: 8080, web: 0 }, { MICRO_WEB_PORT: "9090" }), { port: 0, explicit: true });
  assert.throws(() => webPort({ api: 8080 }, { MICRO_WEB_PORT: "web" }), /MICRO_WEB_PORT=web is not a port number/);
});
