// CSRF in a real browser: headless Chromium (Debian's chromium, driven by playwright-core as in the SDK's browser
// test) holds a victim's micro-token cookie for the gateway of a live server, and pages served from other origins
// try a link click, an <img>, auto-submitted forms (form-urlencoded and text/plain), no-cors fetches and a
// WebSocket against it. Nothing may change on the server, and the gateway's access log must show each attack
// arriving and refused. Two attackers: another port of the same host — the same *site* (like a tenant's sibling
// subdomain), so the browser attaches the cookie to everything and only the gateway stands in the way — and a
// cross-site origin (localhost), where the browser attaches the Lax cookie to the top-level link only.
// The same requests from the gateway's own origin succeed (the positive control).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { requireTools } from "../support/tools.js";
import { until } from "../support/wait.js";
import { call } from "./harness.js";

interface Attack {
  name: string;
  /** The access-log line it must produce: "METHOD PATH". */
  logs: string;
  /** The attacker's page (given the gateway's origin), or a link to click on it. */
  page: (gateway: string) => string;
  click?: boolean;
  /** The store key it tries to write, or the config path it tries to set. */
  key?: string;
  configPath?: string;
}

const WRITE = "/store/store/write";
const json = (key: string) => JSON.stringify({ record: { key, value: "eA==" } });
const html = (body: string) => `<!doctype html><meta charset="utf-8"><title>attacker</title><body>${body}</body>`;
const autoForm = (action: string, enctype: string, fields: string) =>
  html(`<form id=f method=post enctype="${enctype}" action="${action}">${fields}</form><script>document.getElementById("f").submit()</script>`);

const ATTACKS: Attack[] = [
  { name: "link click (top-level GET)", logs: `GET ${WRITE}`, click: true, key: "csrf-link",
    page: (g) => html(`<a id=go href="${g}${WRITE}?record.key=csrf-link&record.value=eA==">win a prize</a>`) },
  { name: "<img> GET", logs: "GET /config/config/set", configPath: "csrf",
    page: (g) => html(`<img src="${g}/config/config/set?namespace=micro&path=csrf&value.data=%22pwned%22">`) },
  { name: "auto-submitted form, form-urlencoded", logs: `POST ${WRITE}`, key: "csrf-form",
    page: (g) => autoForm(g + WRITE, "application/x-www-form-urlencoded", `<input name="record.key" value="csrf-form"><input name="record.value" value="eA==">`) },
  // the classic: a text/plain form whose "name=value" body is JSON
  { name: "auto-submitted form, text/plain", logs: `POST ${WRITE}`, key: "csrf-text",
    page: (g) => autoForm(g + WRITE, "text/plain", `<input name='{"record":{"key":"csrf-text","value":"eA=="},"x":"' value='"}'>`) },
  { name: "no-cors fetch POST, text/plain", logs: `POST ${WRITE}`, key: "csrf-fetch",
    page: (g) => html(`<script>fetch(${JSON.stringify(g + WRITE)}, { method: "POST", mode: "no-cors", credentials: "include", body: ${JSON.stringify(json("csrf-fetch"))} })</script>`) },
  // a Blob without a type goes without Content-Type (which the gateway reads as JSON): only the origin rule stops it
  { name: "no-cors fetch POST, untyped Blob", logs: `POST ${WRITE}`, key: "csrf-blob",
    page: (g) => html(`<script>fetch(${JSON.stringify(g + WRITE)}, { method: "POST", mode: "no-cors", credentials: "include", body: new Blob([${JSON.stringify(json("csrf-blob"))}]) })</script>`) },
  // cross-site WebSocket hijacking: WebSocket has no CORS, so an admitted socket would hand the page the victim's data
  { name: "WebSocket", logs: "WS /store/store/list",
    page: (g) => html(`<script>window.got = []; const ws = new WebSocket(${JSON.stringify(g.replace(/^http/, "ws") + "/store/store/list")});
ws.onopen = () => ws.send("{}"); ws.onmessage = (m) => window.got.push(String(m.data));</script>`) },
];

// The positive control, run in a page of the gateway's own origin (its JSON root): the attacks' requests, same-origin.
const CONTROL = `(async () => {
  const write = location.origin + ${JSON.stringify(WRITE)};
  const post = await fetch(write, { method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" },
    body: JSON.stringify({ record: { key: "control-fetch", value: "eA==" } }) });
  // a builtin's write by GET is a 405 even same-origin
  const get = await fetch(write + "?record.key=control-get&record.value=eA==", { credentials: "same-origin" });
  // the WebSocket of the attack: the victim's own keys arrive
  const keys = await new Promise((resolve, reject) => {
    const got = [];
    const ws = new WebSocket(write.replace(/^http/, "ws").replace(/write$/, "list"));
    ws.onopen = () => ws.send("{}");
    ws.onmessage = (m) => got.push(...(JSON.parse(String(m.data)).keys ?? []));
    ws.onclose = (e) => (e.code === 1000 ? resolve(got) : reject(new Error("closed " + e.code + " " + e.reason)));
  });
  // the form of the attack, submitted from this origin into a frame
  const frame = Object.assign(document.createElement("iframe"), { name: "sink" });
  const form = Object.assign(document.createElement("form"), { method: "post", action: write, target: "sink" });
  for (const [name, value] of [["record.key", "control-form"], ["record.value", "eA=="]]) form.append(Object.assign(document.createElement("input"), { name, value }));
  document.body.append(frame, form);
  form.submit();
  return { post: post.status, get: get.status, keys };
})()`;

let server: RunningServer | undefined;
let dir = "";
let attacker: Server | undefined;
let browser: Browser | undefined;
let gateway = "";
let token = "";
const log: string[] = [];

before(async () => {
  requireTools("chromium");
  dir = await mkdtemp(join(tmpdir(), "micro-csrf-"));
  server = await startServer({
    dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" },
    log: (text) => log.push(...text.split("\n").filter((l) => l.startsWith("api "))),
  });
  gateway = `http://${server.apiAddress}`;
  const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
  token = (await auth.token({ id: "admin", secret: "micro" })).token!.accessToken;
  const pages = new Map(ATTACKS.map((a, i) => [`/attack/${i}`, a.page(gateway)]));
  attacker = createServer((req, res) => {
    const page = pages.get(req.url ?? "");
    if (page) res.writeHead(200, { "content-type": "text/html" }).end(page);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => attacker!.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  attacker?.close();
  await server?.close();
  closeChannels();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A browser context whose cookie jar holds the victim's session for the gateway (nothing in the platform sets
 * the cookie for a browser yet; a login page on the gateway's origin would set the same). */
async function victim(): Promise<BrowserContext> {
  const context = await browser!.newContext();
  await context.addCookies([{ name: "micro-token", value: token, url: gateway, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

const bearer = () => ({ authorization: `Bearer ${token}`, "micro-namespace": "micro", "content-type": "application/json" });
const storeHas = async (key: string) => {
  const r = await call(gateway, "/store/store/read", { method: "POST", headers: bearer(), body: JSON.stringify({ key }) });
  assert.ok(r.status === 200 || r.status === 404, r.text);
  return r.status === 200;
};
const configOf = async (path: string) => (await call(gateway, "/config/config/get", { method: "POST", headers: bearer(), body: JSON.stringify({ namespace: "micro", path }) })).text;

/** The status of the next access-log line for `what` ("METHOD PATH") after line `mark`. */
async function logged(what: string, mark: number): Promise<number> {
  const line = await until(async () => log.slice(mark).find((l) => l.startsWith(`api ${what} `)), `the gateway's log of ${what}`, 60_000);
  return Number(line.split(" ")[3]);
}

for (const [label, host, cookieSent] of [
  ["same-site attacker (another port of the gateway's host)", "127.0.0.1", "always"],
  ["cross-site attacker", "localhost", "link only"],
] as const) {
  test(`CSRF from a ${label}: every attack refused, nothing changes`, { timeout: 300_000 }, async () => {
    const configBefore = await configOf("csrf");
    const context = await victim();
    const origin = `http://${host}:${(attacker!.address() as AddressInfo).port}`;
    try {
      for (const [i, attack] of ATTACKS.entries()) {
        const page = await context.newPage();
        const mark = log.length;
        await page.goto(`${origin}/attack/${i}`);
        if (attack.click) await page.click("#go");
        const status = await logged(attack.logs, mark);
        // With the cookie the origin rule answers 403; a request the browser sent without it is anonymous, and the
        // builtins refuse anonymous callers (401). Never a success.
        const withCookie = cookieSent === "always" || attack.click;
        assert.equal(status, withCookie ? 403 : 401, `${attack.name}: ${status}`);
        if (attack.logs.startsWith("WS ")) assert.deepEqual(await page.evaluate("window.got"), [], attack.name);
        await page.close();
      }
    } finally {
      await context.close();
    }
    for (const attack of ATTACKS) if (attack.key) assert.equal(await storeHas(attack.key), false, `${attack.name} wrote ${attack.key}`);
    assert.equal(await configOf("csrf"), configBefore, "the <img> set config");
  });
}

test("the same requests from the gateway's own origin succeed (cookie accepted same-origin)", { timeout: 300_000 }, async () => {
  const context = await victim();
  try {
    const page = await context.newPage();
    // a navigation the user starts (typed, bookmarked) carries Sec-Fetch-Site: none and is admitted
    const typed = await page.goto(`${gateway}/store/store/read?key=nothing-here`);
    assert.equal(typed!.status(), 404, await typed!.text());
    await page.goto(`${gateway}/`);
    const out = await page.evaluate(CONTROL) as { post: number; get: number; keys: string[] };
    assert.equal(out.post, 204);
    assert.equal(out.get, 405);
    assert.ok(out.keys.includes("control-fetch"), JSON.stringify(out.keys));
    assert.equal(await storeHas("control-fetch"), true);
    // a form's 204 loads nothing in its frame: wait for the write itself
    await until(async () => (await storeHas("control-form")) || undefined, "the same-origin form's write", 60_000);
    assert.equal(await storeHas("control-get"), false);
  } finally {
    await context.close();
  }
});
