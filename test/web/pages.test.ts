// The web interface's part 2 in a real browser (Debian's chromium through playwright-core) against a live server:
// streams over the page's WebSocket (a server stream's messages as they arrive, a bidi stream's send box), a oneof
// as a choice, the copied `micro` command run by the real CLI giving the page's answer, the namespace switcher,
// keyboard use of the endpoint form, and the builtins' pages — an admin running a service from a local git
// repository (file://) and killing it with its status live and its logs followed, store and config round trips
// (paging, prefix search, a masked secret revealed), an events tail, accounts and rules — a tenant who cannot see
// another tenant's store or config, and the pages at a phone's width (390 px, no sideways scrolling).
// Screenshots go to docs/screenshots/. Waits are for what the page shows, with generous ceilings (shared machine).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Store } from "../../runtime/gen/store/store_pb.js";
import { createClient, createGrpcTransport, NotFound } from "../../runtime/rpc/index.js";
import { Service } from "../../runtime/service/index.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Kitchen as OrderKitchen } from "../cli/gen/kitchen_pb.js";
import { adminHome } from "../cli/support/login.js";
import { runShell } from "../cli/support/micro.js";
import { withServer } from "../support/server.js";
import { SHOTS, startService, useBrowser } from "./support.js";

/** A ceiling for what the page must come to show; never a budget being measured. */
const WAIT = 60_000;

const browser = useBrowser();

const hello = (s: Service) => s.handle(Helloworld, {
  call: (req) => {
    if (req.name === "nobody") throw NotFound("helloworld", "nobody is not here");
    return { msg: `Hello ${req.name}` };
  },
  message: (req) => ({ msg: `Message for ${req.name}` }),
  async *stream(req) {
    // spaced out, so the page shows the first before the last is sent
    for (let i = 0n; i < req.count; i++) {
      yield { count: i };
      await new Promise((r) => setTimeout(r, 150));
    }
  },
  async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke * 10n }; },
});

/** The CLI tests' kitchen (its OrderRequest has a oneof), registered as "orders". */
const orders = (s: Service) => s.handle(OrderKitchen, {
  order: (req) => req,
  async *count(req) { for (let n = 1n; n <= req.to; n++) yield { n }; },
  slow: () => ({ n: 0n }),
});

async function newPage(viewport = { width: 1200, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser().newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const problems: string[] = [];
  // refused calls (4xx answers, and WebSocket handshakes refused with one) are expected; anything else is a problem
  const refused = /^Failed to load resource: the server responded with a status of 4\d\d|^WebSocket connection to .* Unexpected response code: 4\d\d$/;
  page.on("console", (m) => { if (m.type() === "error" && !refused.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { page, problems };
}

async function signIn(page: Page, base: string, namespace: string, id: string, secret: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.locator("#signin-namespace").fill(namespace);
  await page.locator("#signin-id").fill(id);
  await page.locator("#signin-secret").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/services/);
  await page.waitForSelector(".service, #no-services");
}

/** A local git repository holding a tiny Node service that logs a line and stays up. */
async function gitService(): Promise<{ repo: string; remove: () => Promise<void> }> {
  const repo = await mkdtemp(join(tmpdir(), "web-run-"));
  await writeFile(join(repo, "package.json"), JSON.stringify({ name: "webrun", version: "1.0.0", scripts: { start: "node main.js" } }));
  await writeFile(join(repo, "main.js"), "console.log('webrun up in ' + process.env.MICRO_NAMESPACE); setInterval(() => {}, 1000);");
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=a@b", "-c", "user.name=a", ...args]);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "v1");
  return { repo, remove: () => rm(repo, { recursive: true, force: true }) };
}

/** Until `expression` is true in the page (evaluated over the DevTools protocol: the page's CSP forbids the
 * eval that waitForFunction's polling uses), within `ms` by the clock; the page's text when it never is. */
async function waitFor(page: Page, expression: string, ms = WAIT): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`never true: ${expression}\n${await page.locator("body").innerText()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The notice of a page's action, or its error as the failure. */
async function notice(page: Page, id: string): Promise<string> {
  await page.waitForSelector(`#${id}-notice, #${id}-error`);
  const err = page.locator(`#${id}-error`);
  if (await err.count()) assert.fail(`the page says: ${await err.innerText()}`);
  return page.locator(`#${id}-notice`).innerText();
}

/** No sideways scrolling: the page fits the viewport's width. */
async function fitsWidth(page: Page, what: string): Promise<void> {
  const [scroll, width] = await page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]") as [number, number];
  assert.ok(scroll <= width, `${what} is ${scroll}px wide in a ${width}px viewport`);
}

test("web interface part 2 in Chromium: streams, oneof, CLI parity, keyboard, runtime, store, config, events, accounts, tenants, phone width", { timeout: 600_000 }, async (t) => {
  await withServer(async (server) => {
    const base = `http://${server.webAddress}`;
    const services = [await startService(server, "helloworld", "micro", hello), await startService(server, "orders", "micro", orders)];
    const transport = createGrpcTransport({ address: server.proxyAddress });
    await createClient(Auth, transport).generate({ id: "bob", secret: "bob-secret-1", type: "user", scopes: ["admin"], options: { namespace: "beta" } }, { metadata: await server.adminMetadata("beta") });
    const { page, problems } = await newPage();
    const git = await gitService();
    // the CLI, logged in to this server as admin: the copied commands are run with it
    const proxyPort = Number(server.proxyAddress.split(":").pop());
    const cli = await adminHome(proxyPort);
    try {
      await signIn(page, base, "micro", "admin", "micro");

      await t.test("a server stream shows its messages as they arrive", async () => {
        await page.goto(`${base}/services/helloworld/Helloworld.Stream?ns=micro`);
        await page.getByLabel(/^count/).fill("4");
        await page.getByRole("button", { name: "Call" }).click();
        // the first message is on the page while the stream is still open
        await waitFor(page, 'document.querySelectorAll("#stream-messages li").length >= 1 && document.querySelector("#stream-status")?.textContent === "open"');
        await waitFor(page, 'document.querySelector("#stream-status")?.textContent === "ended"');
        const got = (await page.locator("#stream-messages li pre").allInnerTexts()).map((t) => JSON.parse(t));
        assert.deepEqual(got, [{}, { count: "1" }, { count: "2" }, { count: "3" }]);
        assert.equal(await page.locator("#stream-count").innerText(), "4 received");
        // the copied command streams the same messages in the CLI (one JSON line each)
        const command = await page.locator("#cmd-micro").innerText();
        assert.equal(command, `micro stream helloworld Helloworld.Stream '{"count":"4"}'`);
        const r = await runShell(command, { home: cli.home, port: proxyPort });
        assert.equal(r.code, 0, r.stderr);
        // (the CLI writes proto3 JSON's defaults, the gateway leaves them out: {"count":"0"} and {} are one message)
        const counts = (list: { count?: string }[]) => list.map((m) => m.count ?? "0");
        assert.deepEqual(counts(r.stdout.trim().split("\n").map((l) => JSON.parse(l))), counts(got));
        assert.match(await page.locator("#cmd-curl").innerText(), /^curl -sN .*-H 'Accept: text\/event-stream'/s);
        await page.screenshot({ path: SHOTS + "server-stream.png", fullPage: true });
      });

      await t.test("a bidi stream gets a send box: each Send is a message, End sending closes our side", async () => {
        await page.goto(`${base}/services/helloworld/Helloworld.PingPong?ns=micro`);
        await page.getByRole("button", { name: "Open stream" }).click();
        await page.getByLabel(/^stroke/).fill("1");
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await waitFor(page, 'document.querySelectorAll("#stream-messages li.received").length === 1');
        await page.getByLabel(/^stroke/).fill("2");
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await waitFor(page, 'document.querySelectorAll("#stream-messages li.received").length === 2');
        await page.getByRole("button", { name: "End sending" }).click();
        await waitFor(page, 'document.querySelector("#stream-status")?.textContent === "ended"');
        const got = (await page.locator("#stream-messages li.received pre").allInnerTexts()).map((t) => JSON.parse(t));
        assert.deepEqual(got, [{ stroke: "10" }, { stroke: "20" }]);
        assert.equal(await page.locator("#stream-messages li.sent").count(), 2);
      });

      await t.test("a oneof is a choice of one member", async () => {
        await page.goto(`${base}/services/orders/Kitchen.Order?ns=micro`);
        await page.getByLabel("payment").selectOption("card");
        await page.getByLabel(/^card/).fill("4242");
        assert.equal(await page.getByLabel(/^cash/).count(), 0, "only the chosen member has an input");
        await page.getByLabel("payment").selectOption("cash");
        await page.getByLabel(/^cash/).fill("20");
        await page.getByRole("button", { name: "Call" }).click();
        await page.waitForSelector("#result-body");
        const body = JSON.parse(await page.locator("#result-body").innerText());
        assert.equal(body.cash, "20");
        assert.equal(body.card, undefined, "choosing cash cleared card");
      });

      await t.test("the copied micro command gives the same answer in the CLI", async () => {
        await page.goto(`${base}/services/helloworld/Helloworld.Call?ns=micro`);
        await page.getByLabel(/^name/).fill("Dana O'Neil");
        await page.getByRole("button", { name: "Call" }).click();
        await page.waitForSelector("#result-body");
        const inPage = JSON.parse(await page.locator("#result-body").innerText());
        const command = await page.locator("#cmd-micro").innerText();
        // the line as copied, run by a shell in which `micro` is bin/micro
        const r = await runShell(command, { home: cli.home, port: proxyPort });
        assert.equal(r.code, 0, `${command}\n${r.stderr}`);
        assert.deepEqual(JSON.parse(r.stdout), inPage);
        assert.deepEqual(inPage, { msg: "Hello Dana O'Neil" });
      });

      await t.test("the endpoint form is usable from the keyboard", async () => {
        // the first stop is "Skip to content", and it goes there (not a navigation of the app's router)
        await page.goto(`${base}/services/helloworld/Helloworld.Call?ns=micro`);
        await page.waitForSelector("#f-request_name");
        await page.keyboard.press("Tab");
        assert.equal(await page.evaluate("document.activeElement?.textContent"), "Skip to content");
        await page.keyboard.press("Enter");
        await waitFor(page, 'location.hash === "#content"');
        assert.equal(new URL(page.url()).pathname, "/services/helloworld/Helloworld.Call");
        await page.goto(`${base}/services/helloworld/Helloworld.Call?ns=micro`);
        await page.waitForSelector("#f-request_name");
        const reached: string[] = [];
        for (let i = 0; i < 40 && !reached.includes("f-request_name"); i++) {
          await page.keyboard.press("Tab");
          reached.push(await page.evaluate('document.activeElement?.id || document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent?.trim() || ""') as string);
        }
        assert.ok(reached.includes("Skip to content"), `the first stops: ${reached.join(" | ")}`);
        assert.ok(reached.includes("f-request_name"), `Tab never reached the name field: ${reached.join(" | ")}`);
        await page.keyboard.type("Keys");
        // onward to Call, and Enter presses it
        for (let i = 0; i < 10; i++) {
          await page.keyboard.press("Tab");
          if (await page.evaluate('document.activeElement?.textContent === "Call"')) break;
        }
        await page.keyboard.press("Enter");
        await page.waitForSelector("#result-body");
        assert.deepEqual(JSON.parse(await page.locator("#result-body").innerText()), { msg: "Hello Keys" });
        // every input and select of the form has a label
        const unlabelled = await page.evaluate(`[...document.querySelectorAll("main input, main select, main textarea")]
          .filter((el) => !el.labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML)`);
        assert.deepEqual(unlabelled, []);
      });

      await t.test("the namespace switcher lists what the account can use", async () => {
        const options = await page.locator("#ns-switch option").allInnerTexts();
        for (const ns of ["micro", "beta"]) assert.ok(options.includes(ns), `admin of micro may use ${ns}: ${options.join(", ")}`);
        await page.goto(`${base}/store?ns=micro`);
        await page.locator("#ns-switch").selectOption("beta");
        await page.waitForURL(/\/store\?ns=beta/);
      });

      await t.test("runtime: run from a git URL, live status, logs with follow, kill", async () => {
        await page.goto(`${base}/runtime?ns=micro`);
        await page.getByLabel(/^Source/).fill(`file://${git.repo}`);
        await page.locator("#run-name").fill("webrun");
        await page.getByRole("button", { name: "Run", exact: true }).click();
        await notice(page, "runtime");
        // the table updates itself (no reload) until the service runs
        await page.waitForSelector('tr[data-service="webrun"] td.state.running', { timeout: 300_000 });
        await page.getByRole("button", { name: "Logs of webrun" }).click();
        await waitFor(page, '/webrun up in micro/.test(document.querySelector("#logs")?.textContent ?? "")', 120_000);
        assert.equal(await page.locator("#logs-state").innerText(), "following");
        await page.screenshot({ path: SHOTS + "runtime.png", fullPage: true });
        // update: rebuilt from its source, and running again
        await page.getByRole("button", { name: "Update webrun" }).click();
        await waitFor(page, '/updating/.test(document.querySelector("#runtime-notice")?.textContent ?? "") || !!document.querySelector("#runtime-error")');
        assert.equal(await page.locator("#runtime-error").count(), 0);
        // the followed logs show the new process starting
        await waitFor(page, '(document.querySelector("#logs")?.textContent ?? "").split("webrun up in micro").length > 2', 300_000);
        await page.waitForSelector('tr[data-service="webrun"] td.state.running', { timeout: 300_000 });
        await page.getByRole("button", { name: "Kill webrun" }).click();
        const dialog = page.getByRole("dialog");
        await dialog.waitFor();
        assert.match(await dialog.innerText(), /Kill webrun/);
        await dialog.getByRole("button", { name: "Kill" }).click();
        await page.waitForSelector('tr[data-service="webrun"]', { state: "detached" });
        assert.match(await page.locator("#runtime-notice").innerText(), /killed/);
      });

      await t.test("store: write, prefix search, paging, read, delete", async () => {
        const store = createClient(Store, transport);
        const md = { metadata: await server.adminMetadata("micro") };
        for (let i = 0; i < 23; i++) await store.write({ record: { key: `item-${String(i).padStart(2, "0")}`, value: new TextEncoder().encode(`v${i}`) } }, md);
        await page.goto(`${base}/store?ns=micro`);
        await page.getByLabel("Key", { exact: true }).fill("greeting");
        await page.getByLabel("Value").fill("hello from the page");
        await page.getByRole("button", { name: "Write" }).click();
        await notice(page, "store");
        await page.getByLabel("Key prefix").fill("item-");
        await page.getByRole("button", { name: "Show keys" }).click();
        await page.waitForURL(/prefix=item-/);
        const keys = '[...document.querySelectorAll("#store-keys li")].map((l) => l.textContent)';
        await waitFor(page, `${keys}.length === 20 && ${keys}.every((k) => k.startsWith("item-"))`);
        assert.equal(await page.locator("#store-keys li").first().innerText(), "item-00");
        await page.getByRole("button", { name: "Next" }).click();
        await waitFor(page, 'document.querySelectorAll("#store-keys li").length === 3');
        assert.deepEqual(await page.locator("#store-keys li").allInnerTexts(), ["item-20", "item-21", "item-22"]);
        assert.equal(await page.getByRole("button", { name: "Next" }).isDisabled(), true);
        await page.getByLabel("Key prefix").fill("gree");
        await page.getByRole("button", { name: "Show keys" }).click();
        await waitFor(page, '[...document.querySelectorAll("#store-keys li")].map((l) => l.textContent).join() === "greeting"');
        await page.getByRole("button", { name: "greeting" }).click();
        await waitFor(page, 'document.querySelector("#store-value")?.value === "hello from the page"');
        await page.screenshot({ path: SHOTS + "store.png", fullPage: true });
        await page.getByRole("button", { name: "Delete" }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
        await page.waitForSelector("#store-empty");
        assert.equal((await store.read({ key: "greeting" }, md).catch((e: Error) => e)) instanceof Error, true, "greeting is gone from the store");
      });

      await t.test("config: a tree, set and edit, a secret masked until revealed", async () => {
        await page.goto(`${base}/config?ns=micro`);
        const set = async (path: string, value: string, secret = false) => {
          await page.getByLabel("Path").fill(path);
          await page.getByLabel(/^Value/).fill(value);
          if (secret) await page.getByLabel(/Secret \(stored/).check();
          else await page.getByLabel(/Secret \(stored/).uncheck();
          await page.getByRole("button", { name: "Set", exact: true }).click();
          await notice(page, "config");
          await page.waitForSelector(`#config-tree [data-path="${path}"]`);
        };
        await set("shop.greeting", "hi");
        await set("shop.limits", '{"max": 3}');
        await set("shop.apikey", "s3cret-value", true);
        assert.equal(await page.locator("#cfg-shop_greeting").inputValue(), '"hi"');
        assert.equal(await page.locator("#cfg-shop_limits_max").inputValue(), "3");
        const masked = page.locator("#cfg-shop_apikey");
        assert.equal(await masked.getAttribute("type"), "password");
        assert.doesNotMatch(await page.locator("main").innerHTML(), /s3cret-value/, "the secret is not in the page until revealed");
        assert.equal(await page.evaluate('[...document.querySelectorAll("input, textarea")].some((i) => i.value.includes("s3cret-value"))'), false,
          "the secret stays in no input once saved");
        await page.screenshot({ path: SHOTS + "config.png", fullPage: true });
        await page.getByRole("button", { name: "Reveal shop.apikey" }).click();
        await waitFor(page, 'document.querySelector("#cfg-shop_apikey")?.value === "\\"s3cret-value\\""');
        // an edit, saved and read back after a reload
        await page.locator("#cfg-shop_greeting").fill('"hello"');
        await page.getByRole("button", { name: "Save shop.greeting" }).click();
        await notice(page, "config");
        await page.reload();
        await waitFor(page, 'document.querySelector("#cfg-shop_greeting")?.value === "\\"hello\\""');
        assert.equal(await page.locator("#cfg-shop_apikey").getAttribute("type"), "password", "masked again after a reload");
      });

      await t.test("events: a live tail of a topic shows what is published", async () => {
        await page.goto(`${base}/events?ns=micro&tail=orders`);
        await waitFor(page, 'document.querySelector("#tail-state")?.textContent === "live"');
        // the tail's consumer may join a moment after the socket opens: publish until an event arrives
        for (let n = 1; ; n++) {
          await page.getByLabel("Payload").fill(`{"n": ${n}}`);
          await page.getByRole("button", { name: "Publish" }).click();
          const arrived = await waitFor(page, 'document.querySelectorAll("#tail-events li").length > 0', 2000).then(() => true, () => false);
          if (arrived) break;
          assert.ok(n < 30, "no published event reached the tail");
        }
        assert.match(await page.locator("#tail-events li pre").last().innerText(), /^\{"n": \d+\}$/);
        await page.screenshot({ path: SHOTS + "events.png", fullPage: true });
      });

      await t.test("accounts and rules", async () => {
        await page.goto(`${base}/accounts?ns=micro`);
        await waitFor(page, 'document.querySelector(\'tr[data-account="admin"]\') !== null');
        await page.locator("#acct-id").fill("carol");
        await page.locator("#acct-secret").fill("carol-secret-1");
        await page.getByRole("button", { name: "Create account" }).click();
        await page.waitForSelector('tr[data-account="carol"]');
        await page.locator("#rule-id").fill("web-public");
        await page.locator("#rule-name").fill("helloworld");
        await page.locator("#rule-endpoint").fill("Helloworld.Call");
        await page.getByRole("button", { name: "Create rule" }).click();
        await page.waitForSelector('tr[data-rule="web-public"]');
        await page.screenshot({ path: SHOTS + "accounts.png", fullPage: true });
        await page.getByRole("button", { name: "Delete account carol" }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
        await page.waitForSelector('tr[data-account="carol"]', { state: "detached" });
      });

      await t.test("a tenant cannot see another tenant's store or config", async () => {
        const b = await newPage();
        await signIn(b.page, base, "beta", "bob", "bob-secret-1");
        assert.deepEqual(await b.page.locator("#ns-switch option").allInnerTexts(), ["beta", "another namespace…"], "bob can use beta only");
        await b.page.goto(`${base}/store?ns=beta`);
        await b.page.getByLabel("Key", { exact: true }).fill("beta-key");
        await b.page.getByLabel("Value").fill("beta's");
        await b.page.getByRole("button", { name: "Write" }).click();
        await notice(b.page, "store");
        await b.page.waitForSelector('#store-keys li:has-text("beta-key")');
        assert.equal(await b.page.locator('#store-keys li:has-text("item-")').count(), 0, "micro's keys listed in beta");
        await b.page.goto(`${base}/store?ns=micro`);
        await b.page.waitForSelector("#store-error");
        assert.match(await b.page.locator("#store-error").innerText(), /40[13]/);
        assert.equal(await b.page.locator("#store-keys").count(), 0);
        await b.page.goto(`${base}/config?ns=micro`);
        await b.page.waitForSelector("#config-error");
        assert.equal(await b.page.locator("#config-tree").count(), 0);
        assert.doesNotMatch(await b.page.locator("body").innerText(), /shop/);
        assert.deepEqual(b.problems, []);
        await b.page.context().close();
      });

      await t.test("readable at a phone's width (390 px)", async () => {
        const p = await newPage({ width: 390, height: 844 });
        await signIn(p.page, base, "micro", "admin", "micro");
        await fitsWidth(p.page, "services");
        await p.page.screenshot({ path: SHOTS + "phone-services.png", fullPage: true });
        for (const [path, shot] of [["/services/orders/Kitchen.Order", "phone-endpoint"], ["/store", "phone-store"], ["/runtime", "phone-runtime"], ["/config", "phone-config"]] as const) {
          await p.page.goto(`${base}${path}?ns=micro`);
          await p.page.waitForSelector("main h1");
          await p.page.waitForLoadState("networkidle");
          await fitsWidth(p.page, path);
          await p.page.screenshot({ path: SHOTS + `${shot}.png`, fullPage: true });
        }
        assert.deepEqual(p.problems, []);
        await p.page.context().close();
      });

      assert.deepEqual(problems, [], "the page reported errors (a Content-Security-Policy violation among them?)");
    } finally {
      await cli.remove();
      await git.remove();
      for (const s of services) await s.stop();
    }
  });
});
