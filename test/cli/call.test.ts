// `micro services`, `micro call`, `micro stream` against a real server, and the exit codes scripts rely on.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startPlatform, type Platform } from "./support/platform.js";
import { startFixtures } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro, tempHome } from "./support/micro.js";

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
  home = await adminHome(platform.port);
});

after(async () => {
  await home?.remove();
  await platform?.close();
});

test("micro services prints the registered names sorted, one a line", async () => {
  const r = await micro("services");
  assert.equal(r.code, 0, r.stderr);
  const names = r.stdout.trim().split("\n");
  assert.deepEqual(names, [...names].sort());
  for (const n of ["foobar", "helloworld", "kitchen", "registry"]) assert.ok(names.includes(n), `${n} in ${names}`);
  const json = JSON.parse((await micro("services", "--output", "json")).stdout) as { name: string }[];
  assert.ok(json.some((s) => s.name === "helloworld"));
});

test("micro call prints the response pretty-printed; the body defaults to {}", async () => {
  const r = await micro("call", "helloworld", "Helloworld.Call", '{"name":"Alice"}');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { msg: "Hello Alice" });
  assert.match(r.stdout, /^\{\n  "msg": "Hello Alice"\n\}\n$/);
  const empty = await micro("call", "helloworld", "Helloworld.Call");
  assert.deepEqual(JSON.parse(empty.stdout), { msg: "Hello " });
  const raw = await micro("call", "--output", "raw", "helloworld", "Helloworld.Message", '{"name":"Bob"}');
  assert.equal(raw.stdout, '{"msg":"Message for Bob"}\n');
});

test("micro call reaches a service registered under another name than its proto package", async () => {
  const r = await micro("call", "foobar", "Helloworld.Message", '{"name":"Carol"}');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { msg: "Message for Carol" });
});

test("micro stream prints each message as it arrives, one JSON line each", async () => {
  const r = await micro("stream", "kitchen", "Kitchen.Count", '{"to":"3"}');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n").map((l) => JSON.parse(l)), [{ n: "1" }, { n: "2" }, { n: "3" }]);
});

test("exit codes: bad method 3, unknown service 4, unreachable server 4, 401 → 2, timeout 1, other errors 1", async () => {
  const malformed = await micro("call", "helloworld", "Call");
  assert.equal(malformed.code, 3);
  assert.equal(malformed.stderr, 'Method name "Call" invalid format. Expecting service.endpoint\n');

  const missingMethod = await micro("call", "helloworld", "Helloworld.Nope");
  assert.equal(missingMethod.code, 3);
  assert.match(missingMethod.stderr, /Helloworld\.Nope" not found/);

  const missingService = await micro("call", "nosuch", "Foo.Bar");
  assert.equal(missingService.code, 4);
  assert.equal(missingService.stderr, 'Service "nosuch" not found\n');

  const h = await tempHome();
  try {
    const down = await runMicro(["call", "helloworld", "Helloworld.Call"], { home: h.home, port: 1 });
    assert.equal(down.code, 4);
    assert.equal(down.stderr, "Failed to connect to micro server at 127.0.0.1:1\n");
    const anonymous = await runMicro(["services"], { home: h.home, port: platform.port });
    assert.equal(anonymous.code, 2);
    assert.equal(anonymous.stderr, "Not authorized to perform this request\n");
  } finally {
    await h.remove();
  }

  const refused = await micro("call", "helloworld", "Helloworld.Call", '{"name":"intruder"}');
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr, "Not authorized to perform this request\n");

  const slow = await micro("call", "--request_timeout", "300ms", "kitchen", "Kitchen.Slow", '{"to":"20000"}');
  assert.equal(slow.code, 1);
  assert.equal(slow.stderr, "Request timed out\n");

  const notFound = await micro("call", "helloworld", "Helloworld.Call", '{"name":"nobody"}');
  assert.equal(notFound.code, 1);
  assert.equal(notFound.stderr, "nobody is not here\n", "the Micro error's detail, on one line");

  const badJson = await micro("call", "helloworld", "Helloworld.Call", "{name:");
  assert.equal(badJson.code, 1);
  assert.match(badJson.stderr, /^the request is not valid JSON/);
  assert.doesNotMatch(badJson.stderr, /\n\s+at /, "never a stack trace");
});

test("micro call sends --metadata and the namespace; debug health answers for any service", async () => {
  const health = await micro("debug", "health", "helloworld");
  assert.equal(health.code, 0, health.stderr);
  assert.equal(health.stdout, "ok\n");
  const stats = JSON.parse((await micro("debug", "stats", "helloworld", "--output", "json")).stdout);
  assert.ok(stats.requests >= 1, JSON.stringify(stats));
  const withMd = await micro("call", "--metadata", "x-trace=abc", "helloworld", "Helloworld.Message", '{"name":"md"}');
  assert.equal(withMd.code, 0, withMd.stderr);
  assert.deepEqual(JSON.parse(withMd.stdout), { msg: "Message for md (trace abc)" });
  const badMd = await micro("call", "--metadata", "novalue", "helloworld", "Helloworld.Call");
  assert.equal(badMd.code, 1);
  assert.match(badMd.stderr, /--metadata takes key=value/);
});

test("micro call without flags (answered without clipanion) behaves exactly as with one (answered through it)", async () => {
  // --output json is the default: the same command, once on each path
  for (const args of [
    ["helloworld", "Helloworld.Call", '{"name":"Alice"}'],
    ["helloworld", "Helloworld.Call"],
    ["helloworld", "Call"],
    ["helloworld", "Helloworld.Nope"],
    ["nosuch", "Foo.Bar"],
    ["helloworld", "Helloworld.Call", "{name:"],
    ["helloworld", "Helloworld.Call", '{"name":"nobody"}'],
    ["kitchen", "Kitchen.Count", '{"to":"2"}'],
  ]) {
    const bare = await micro("call", ...args);
    const flagged = await micro("call", "--output", "json", ...args);
    assert.deepEqual(bare, flagged, `micro call ${args.join(" ")}`);
  }
});
