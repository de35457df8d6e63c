// Dynamic commands: `micro <service> [endpoint] --flags`, with flags built from the registered descriptor.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlatform, type Platform } from "./support/platform.js";
import { startFixtures, helloworldDef, helloworldImpl } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro, runShell } from "./support/micro.js";

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
let scratch: string;
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });
/** What `micro kitchen order` prints for an empty request: the CLI shows default values, not only set ones. */
const EMPTY_ORDER = {
  id: "", quantity: 0, big: "0", small: 0, price: 0, urgent: false, note: "", size: "SIZE_UNSPECIFIED",
  tags: [], counts: [], labels: {}, scores: {}, items: [], sizes: [],
};
const order = async (...flags: string[]) => {
  const r = await micro("kitchen", "order", ...flags);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
  home = await adminHome(platform.port);
  scratch = await mkdtemp(join(tmpdir(), "cli-test-files-"));
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
  await home?.remove();
  await platform?.close();
});

test("micro helloworld --name=Alice calls Helloworld.Call; words pick other endpoints", async () => {
  const call = await micro("helloworld", "--name=Alice");
  assert.equal(call.code, 0, call.stderr);
  assert.deepEqual(JSON.parse(call.stdout), { msg: "Hello Alice" });
  assert.deepEqual(JSON.parse((await micro("helloworld", "call", "--name", "Bo")).stdout), { msg: "Hello Bo" });
  assert.deepEqual(JSON.parse((await micro("helloworld", "message", "--name=Alice")).stdout), { msg: "Message for Alice" });
  // a service whose proto service differs from its name
  assert.deepEqual(JSON.parse((await micro("foobar", "helloworld", "message", "--name=Dan")).stdout), { msg: "Message for Dan" });
  assert.deepEqual(JSON.parse((await micro("foobar", "--name=Eve")).stdout), { msg: "Hello Eve" });
});

test("a service is callable the moment it registers, with no code generation", async () => {
  const before = await micro("latecomer", "--name=x");
  assert.notEqual(before.code, 0);
  assert.match(before.stderr, /unknown command "latecomer"/);
  await platform.startService("latecomer", helloworldDef, helloworldImpl);
  const after = await micro("latecomer", "--name=x");
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual(JSON.parse(after.stdout), { msg: "Hello x" });
});

test("streaming endpoints print each message as it arrives", async () => {
  const r = await micro("kitchen", "count", "--to", "3");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split("\n").map((l) => JSON.parse(l)), [{ n: "1" }, { n: "2" }, { n: "3" }]);
});

test("scalar flags are type-checked and converted", async () => {
  const echo = await order("--id=o1", "--quantity", "3", "--big=9007199254740993", "--small=7", "--price=2.5", "--urgent");
  assert.deepEqual(echo, { ...EMPTY_ORDER, id: "o1", quantity: 3, big: "9007199254740993", small: 7, price: 2.5, urgent: true });
  assert.equal((await order("--urgent=false", "--id=x")).urgent, false, "false is the default, printed as such");
  for (const [flag, expected] of [
    ["--quantity=abc", /--quantity: "abc" is not an integer \(int32\)/],
    ["--quantity=99999999999", /--quantity: "99999999999" is not within the range of int32/],
    ["--small=-1", /--small: "-1" is not within the range of uint32/],
    ["--price=cheap", /--price: "cheap" is not a number/],
    ["--urgent=maybe", /--urgent: "maybe" is not a bool/],
  ] as const) {
    const r = await micro("kitchen", "order", flag);
    assert.equal(r.code, 1, flag);
    assert.match(r.stderr, expected);
  }
});

test("nested fields by dots or dashes, JSON or camelCase names alike", async () => {
  const echo = await order("--customer.name=Ann", "--customer-address-city=Paris", "--customer.address.streetName=Rue", "--customer-address-street_name=Rue2");
  assert.deepEqual(echo.customer, { name: "Ann", address: { city: "Paris", streetName: "Rue2" } });
});

test("repeated fields by repetition or commas; maps by key=value; enums by name", async () => {
  const echo = await order("--tags=a,b", "--tags", "c", "--counts=1,2", "--labels", "env=prod", "--labels=team=core",
    "--scores=x=1", "--size=large", "--sizes=SIZE_SMALL,large");
  assert.deepEqual(echo.tags, ["a", "b", "c"]);
  assert.deepEqual(echo.counts, [1, 2]);
  assert.deepEqual(echo.labels, { env: "prod", team: "core" });
  assert.deepEqual(echo.scores, { x: 1 });
  assert.equal(echo.size, "SIZE_LARGE");
  assert.deepEqual(echo.sizes, ["SIZE_SMALL", "SIZE_LARGE"]);
  const badEnum = await micro("kitchen", "order", "--size=huge");
  assert.equal(badEnum.code, 1);
  assert.match(badEnum.stderr, /--size: "huge" is not one of SIZE_UNSPECIFIED, SIZE_SMALL, SIZE_LARGE/);
  const badMap = await micro("kitchen", "order", "--scores=x=high");
  assert.match(badMap.stderr, /--scores: "high" is not an integer/);
});

test("bytes as base64 or @file; messages as JSON; well-known types", async () => {
  const file = join(scratch, "note.txt");
  await writeFile(file, "hello file");
  assert.equal((await order("--note=aGk=")).note, "aGk=");
  assert.equal((await order(`--note=@${file}`)).note, Buffer.from("hello file").toString("base64"));
  const badBytes = await micro("kitchen", "order", "--note=not base64!");
  assert.match(badBytes.stderr, /--note: "not base64!" is not base64/);
  const echo = await order('--items={"name":"tea","qty":2}', '--items=[{"name":"cake"}]', "--when=2024-01-02T03:04:05Z",
    '--extra={"k":[1,true]}', "--nickname=Nic");
  assert.deepEqual(echo.items, [{ name: "tea", qty: 2 }, { name: "cake", qty: 0 }]);
  assert.equal(echo.when, "2024-01-02T03:04:05Z");
  assert.deepEqual(echo.extra, { k: [1, true] });
  assert.equal(echo.nickname, "Nic");
});

test("a oneof takes one alternative", async () => {
  assert.equal((await order("--card=visa")).card, "visa");
  const both = await micro("kitchen", "order", "--card=visa", "--cash=eur");
  assert.equal(both.code, 1);
  assert.match(both.stderr, /--card and --cash are alternatives \(oneof payment\)/);
});

test("the whole request from --data, --data @file, a positional JSON argument or stdin; flags win", async () => {
  const file = join(scratch, "order.json");
  await writeFile(file, JSON.stringify({ id: "from-file", tags: ["f"] }));
  assert.deepEqual(await order('--data={"id":"d","quantity":2}'), { ...EMPTY_ORDER, id: "d", quantity: 2 });
  assert.deepEqual(await order(`--data=@${file}`, "--id=override"), { ...EMPTY_ORDER, id: "override", tags: ["f"] });
  assert.deepEqual(await order('{"id":"positional"}'), { ...EMPTY_ORDER, id: "positional" });
  const piped = await runMicro(["kitchen", "order", "--data", "-"], { home: home.home, port: platform.port, input: '{"id":"stdin"}' });
  assert.equal(piped.code, 0, piped.stderr);
  assert.deepEqual(JSON.parse(piped.stdout), { ...EMPTY_ORDER, id: "stdin" });
  const implicit = await runShell(`echo '{"id":"piped"}' | micro kitchen order`, { home: home.home, port: platform.port });
  assert.equal(implicit.code, 0, implicit.stderr);
  assert.deepEqual(JSON.parse(implicit.stdout), { ...EMPTY_ORDER, id: "piped" }, "with no flags, a pipe on stdin is the request");
  const bad = await micro("kitchen", "order", "--data={oops");
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /not valid JSON/);
});

test("unknown flags and endpoints are named, with the valid ones listed", async () => {
  const r = await micro("helloworld", "--nmae=Alice");
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "unknown flag --nmae for Helloworld.Call; valid flags: --name, --data\n");
  const ep = await micro("helloworld", "nope");
  assert.equal(ep.code, 3);
  assert.match(ep.stderr, /unknown endpoint "nope" of service helloworld; its endpoints: call, message, stream, pingPong/);
  const value = await micro("helloworld", "--name");
  assert.equal(value.code, 1);
  assert.match(value.stderr, /--name needs a value \(string\)/);
});

test("micro helloworld --help lists the endpoints with their descriptions", async () => {
  const r = await micro("helloworld", "--help");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\s+call\s+Helloworld\.Call\s+Call greets the named person\./m);
  assert.match(r.stdout, /^\s+message\s+Helloworld\.Message\s+Message leaves a message/m);
  assert.match(r.stdout, /^\s+stream\s+Helloworld\.Stream\s+Stream counts .*\(server stream\)/m);
  const foobar = await micro("foobar", "--help");
  assert.match(foobar.stdout, /^\s+call\s+Helloworld\.Call/m);
});

test("micro <service> <endpoint> --help lists every flag with its type", async () => {
  const r = await micro("kitchen", "order", "--help");
  assert.equal(r.code, 0, r.stderr);
  for (const [flag, type] of [
    ["id", "string"], ["quantity", "int32"], ["big", "int64"], ["urgent", "bool"], ["note", "bytes"], ["size", "enum"],
    ["tags", "\\[\\]string"], ["counts", "\\[\\]int32"], ["labels", "map\\[string\\]string"], ["scores", "map\\[string\\]int32"],
    ["customer-name", "string"], ["customer-address-city", "string"], ["customer-address-street_name", "string"],
    ["items", "\\[\\]json"], ["when", "timestamp"], ["extra", "json"], ["nickname", "string"], ["card", "string"], ["data", "json"],
  ]) assert.match(r.stdout, new RegExp(`^\\s+--${flag}\\s+${type}\\b`, "m"), `--${flag} ${type}`);
  assert.match(r.stdout, /SIZE_UNSPECIFIED\|SIZE_SMALL\|SIZE_LARGE/);
  assert.match(r.stdout, /Order echoes the request back\./);
});

test("completion offers a service's endpoint words and an endpoint's flags, from its command table", async () => {
  const words = await micro("__complete", "helloworld", "");
  assert.equal(words.code, 0, words.stderr);
  assert.deepEqual(words.stdout.trim().split("\n"), ["call", "message", "pingPong", "stream"]);
  const flags = await micro("__complete", "kitchen", "order", "--customer");
  assert.deepEqual(flags.stdout.trim().split("\n"), ["--customer-address-city", "--customer-address-street_name", "--customer-name"]);
});

test("the shorthands the command table lists: a sole service's Call by the service word, a method without it", async () => {
  assert.deepEqual(JSON.parse((await micro("foobar", "helloworld", "--name=Fay")).stdout), { msg: "Hello Fay" });
  assert.deepEqual(JSON.parse((await micro("foobar", "message", "--name=Gil")).stdout), { msg: "Message for Gil" });
  assert.deepEqual(JSON.parse((await micro("helloworld", "MESSAGE", "--name=Hal")).stdout), { msg: "Message for Hal" }, "words ignore case");
  const tooMany = await micro("helloworld", "helloworld", "call", "extra");
  assert.equal(tooMany.code, 1);
  assert.match(tooMany.stderr, /too many words: micro helloworld helloworld call extra/);
});

test("a micro-<name> executable on PATH wins over a service of that name", async () => {
  const bin = join(scratch, "bin");
  await mkdir(bin, { recursive: true });
  const plugin = join(bin, "micro-helloworld");
  await writeFile(plugin, "#!/bin/sh\necho \"plugin got: $*\"\nexit 7\n");
  await chmod(plugin, 0o755);
  const r = await runMicro(["helloworld", "--name=Alice"], { home: home.home, port: platform.port, env: { PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(r.code, 7);
  assert.equal(r.stdout, "plugin got: --name=Alice\n");
});

test("an unknown command prints the error, a usage reminder, and exits non-zero", async () => {
  const r = await micro("frobnicate");
  assert.equal(r.code, 1);
  const [first, ...rest] = r.stderr.split("\n");
  assert.equal(first, 'unknown command "frobnicate": not a builtin, a micro-frobnicate executable, or a service in namespace micro');
  assert.match(rest.join("\n"), /Usage: micro <command>/);
  assert.match(rest.join("\n"), /Commands: .*\bstore\b/);
});
