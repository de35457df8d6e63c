// The browser half of the TS SDK: WebClient from Chromium (headless, driven by playwright-core) calls the
// server through gRPC-Web on its API port, from a page on another origin. test/sdk/ts.test.ts starts the server
// and sets MICRO_SDK_GRPC_WEB (the gRPC-Web URL) and MICRO_TOKEN.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";

const GRPC_WEB = process.env.MICRO_SDK_GRPC_WEB;
const WEB_ENTRY = fileURLToPath(new URL("../src/web.js", import.meta.url));

// The page: the scenario in the browser, its outcome in window.result.
const PAGE = `<!doctype html><meta charset="utf-8"><title>micro sdk</title><script type="module">
import { WebClient, MicroError, store, registry, events } from "/sdk.js";
const params = new URLSearchParams(location.search);
const client = new WebClient({ url: params.get("url"), token: params.get("token"), namespace: "micro" });
const out = {};
try {
  const s = new store.StoreClient(client);
  await s.write({ record: { key: "sdk-browser", value: new TextEncoder().encode("hello from chromium") } });
  out.read = new TextDecoder().decode((await s.read({ key: "sdk-browser" })).records[0].value);
  try { await s.read({ key: "sdk-browser-missing" }); out.missing = "no error"; }
  catch (e) { out.missing = e instanceof MicroError ? { code: e.code, status: e.status, id: e.id } : String(e); }
  const r = new registry.RegistryClient(client);
  const svc = { name: "sdk-browser", version: "1.0.0", nodes: [{ id: "sdk-browser-1", address: "127.0.0.1:9" }] };
  await r.register(svc);
  out.listed = (await r.listServices({})).services.map((x) => x.name);
  await r.deregister(svc);
  const ev = new events.StreamClient(client);
  const since = BigInt(Math.floor(Date.now() / 1000) - 1);
  await ev.publish({ topic: "sdk-browser", payload: new TextEncoder().encode("ping") });
  const abort = new AbortController();
  for await (const e of ev.consume({ topic: "sdk-browser", offset: since, autoAck: true }, { signal: abort.signal })) {
    out.consumed = new TextDecoder().decode(e.payload);
    break;
  }
  abort.abort();
  try { await new registry.RegistryClient(new WebClient({ url: params.get("url"), token: "not-a-token" })).listServices({}); out.badToken = "no error"; }
  catch (e) { out.badToken = e instanceof MicroError ? e.code : String(e); }
} catch (e) {
  out.error = String(e && e.stack || e);
}
window.result = out;
</script>`;

let server: Server | undefined;
let browser: Browser | undefined;
let origin = "";

before(async () => {
  if (!GRPC_WEB) return;
  const bundle = await build({ entryPoints: [WEB_ENTRY], bundle: true, format: "esm", write: false, platform: "browser" });
  const js = bundle.outputFiles[0]!.text;
  server = createServer((req, res) => {
    if (req.url?.startsWith("/sdk.js")) res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    else res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("WebClient from Chromium: store, error envelope, registry, a server stream, a bad token", { skip: !GRPC_WEB && "needs a live server: run test/sdk/browser.test.ts" }, async () => {
  const page = await browser!.newPage();
  page.on("console", (m) => process.stdout.write(`# page: ${m.text()}\n`));
  const query = new URLSearchParams({ url: GRPC_WEB!, token: process.env.MICRO_TOKEN ?? "" });
  await page.goto(`${origin}/?${query}`);
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 60_000 });
  const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
  assert.equal(result.error, undefined, String(result.error));
  assert.equal(result.read, "hello from chromium");
  assert.deepEqual({ ...(result.missing as object), id: typeof (result.missing as { id: unknown }).id }, { code: 404, status: "Not Found", id: "string" });
  assert.ok((result.listed as string[]).includes("sdk-browser"), JSON.stringify(result.listed));
  assert.equal(result.consumed, "ping");
  assert.equal(result.badToken, 401);
});
