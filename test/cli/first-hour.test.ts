// The CLI's first hour (issue 18): what a newcomer types in the first minutes, and what the CLI answers when it
// is not quite right — a login in the wrong namespace, a server on another port, a typo, a group's --help, a key
// in another table, a streamed zero.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startPlatform, type Platform } from "./support/platform.js";
import { helloworldDef, helloworldImpl, startFixtures } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro, tempHome } from "./support/micro.js";
import { freePort } from "../support/wait.js";
import { loadBuiltinCommands } from "../../runtime/cli/commands/index.js";
import { closest } from "../../runtime/cli/suggest.js";
import type { Service } from "../../runtime/service/index.js";

let platform: Platform;
let home: { home: string; remove(): Promise<void> };
let scratch: string;
let greeter: Service;
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });

before(async () => {
  platform = await startPlatform();
  await startFixtures(platform);
  // a service of its own name, whose store writes go to its own table (greeter)
  greeter = await platform.startService("greeter", helloworldDef, helloworldImpl);
  home = await adminHome(platform.port);
  scratch = await mkdtemp(join(tmpdir(), "cli-first-hour-"));
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
  await home?.remove();
  await platform?.close();
});

test("after signup, a login as admin names the namespace it tried and the --namespace micro that works", async () => {
  const h = await tempHome();
  try {
    const run = (...args: string[]) => runMicro(args, { home: h.home, port: platform.port });
    const signup = await run("signup", "--email", "newcomer@example.com", "--password", "long enough password");
    assert.equal(signup.code, 0, signup.stderr);
    const tenant = /namespace (\S+)\./.exec(signup.stdout)?.[1];
    assert.ok(tenant, signup.stdout);
    const refused = await run("login", "--email", "admin", "--password", "micro");
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, new RegExp(`invalid account id or secret in namespace ${tenant}\\b`));
    assert.match(refused.stderr, /add --namespace micro/);
    const login = await run("login", "--email", "admin", "--password", "micro", "--namespace", "micro");
    assert.equal(login.code, 0, login.stderr);
    // in micro itself, a wrong password points the other way
    const wrong = await run("login", "--email", "admin", "--password", "nope", "--namespace", "micro");
    assert.match(wrong.stderr, /in namespace micro; for an account of another namespace add --namespace NAME/);
    const help = await run("login", "--help");
    assert.match(help.stdout, /--namespace NAMESPACE\s+Namespace the account belongs to \(default: the environment's current one/);
    assert.match(help.stdout, /--namespace micro/);
  } finally {
    await h.remove();
  }
});

test("env set local prints the address it points at, and that it follows MICRO_PROXY_PORT when that is set", async () => {
  const h = await tempHome();
  try {
    const withPort = await runMicro(["env", "set", "local"], { home: h.home, port: 19876 });
    assert.equal(withPort.code, 0, withPort.stderr);
    assert.match(withPort.stderr, /^Now using local: 127\.0\.0\.1:19876 \(port from MICRO_PROXY_PORT=19876/);
    const plain = await runMicro(["env", "set", "local"], { home: h.home });
    assert.match(plain.stderr, /^Now using local: 127\.0\.0\.1:8081 \(for a server on another port, set MICRO_PROXY_PORT/);
    assert.match((await runMicro(["env", "set", "dev"], { home: h.home })).stderr, /^Now using dev: \S+:443\n$/);
    const list = await runMicro(["env"], { home: h.home, port: 19876 });
    assert.match(list.stdout, /^\s+local\s+127\.0\.0\.1:19876\s+.*\(port from MICRO_PROXY_PORT\)$/m);
    const server = await runMicro(["server", "--help"], { home: h.home });
    assert.match(server.stdout, /gRPC proxy \(8081\), the HTTP API gateway with gRPC-Web \(8080\) and the web interface \(8082\)/);
    assert.match(server.stdout, /MICRO_PROXY_PORT,\s+MICRO_API_PORT\s+and\s+MICRO_WEB_PORT\s+change/);
  } finally {
    await h.remove();
  }
});

test("micro new prints next steps that work from the directory it ran in", { timeout: 120_000 }, async () => {
  const r = await runMicro(["new", "firsthour"], { home: home.home, cwd: scratch, timeoutMs: 110_000 });
  assert.equal(r.code, 0, r.stderr);
  const commands = r.stdout.split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l.startsWith("micro ") || l.startsWith("cd "));
  assert.equal(commands[0], "micro run ./firsthour", r.stdout);
  // the path it names is the new service, seen from where micro new ran: no cd comes before it
  assert.ok(existsSync(join(resolve(scratch, "./firsthour"), "package.json")));
  assert.doesNotMatch(r.stdout.split("micro run")[0]!, /\bcd\b/);
  // micro run builds on the server, so an npm install is offered only for editing, after the steps
  assert.match(r.stdout, /To edit it with types \(micro run does not need it\): cd firsthour && npm install --no-save \S+\/dist\/packages\/micro-ts-\d+\.\d+\.\d+\.tgz/);
});

test("a mistyped command gets the closest builtin or running service", async () => {
  const typo = await micro("sevrices");
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /^Did you mean `micro services`\?$/m);
  const service = await micro("greter");
  assert.match(service.stderr, /^Did you mean `micro greeter`\?$/m);
  assert.doesNotMatch((await micro("zzzzzzzz")).stderr, /Did you mean/, "nothing close, no guess");
  // with no server to ask, builtins are still suggested
  const h = await tempHome();
  try {
    const down = await runMicro(["sevrices"], { home: h.home, port: await freePort() });
    assert.equal(down.code, 4, down.stderr);
    assert.match(down.stderr, /^Did you mean `micro services`\?$/m);
  } finally {
    await h.remove();
  }
});

test("a mistyped subcommand names the group's closest command, with no numbered list or #0", async () => {
  const r = await micro("store", "rea", "S1");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^unknown command "micro store rea": did you mean `micro store read`\?$/m);
  assert.match(r.stderr, /^ {2}micro store read \[--env NAME\] .*<key>$/m);
  assert.doesNotMatch(r.stderr, /#\d|^\s+\d+\. /m);
  const swapped = await micro("auth", "lsit", "accounts");
  assert.match(swapped.stderr, /^unknown command "micro auth lsit": did you mean `micro auth list`\?$/m);
});

test("suggestions: one edit for short words, two for longer ones, a swap of neighbours counts as one", () => {
  assert.equal(closest("stor", ["store", "stream"]), "store");
  assert.equal(closest("lsit", ["list", "logs"]), "list");
  assert.equal(closest("sevrices", ["services", "server"]), "services");
  assert.equal(closest("srv", ["server"]), undefined);
  assert.equal(closest("store", ["store"]), undefined, "an exact word is not a typo");
});

test("help names option values instead of #0, everywhere", async () => {
  const top = await micro("--help");
  assert.equal(top.code, 0, top.stderr);
  assert.match(top.stdout, /\[--env NAME\]/);
  assert.match(top.stdout, /\[--output,-o FORMAT\]/);
  assert.doesNotMatch(top.stdout, /#\d/);
  const usage = await micro("store", "read");
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /Not enough positional arguments/);
  assert.match(usage.stderr, /\[--table TABLE\] .*\[--limit N\]/);
  assert.doesNotMatch(usage.stderr, /#\d/);
  // the option column stays aligned once the values are named
  const server = (await micro("server", "--help")).stdout;
  const columns = server.split("\n").filter((l) => /^ {2}--/.test(l)).map((l) => /^ {2}\S+(?: [A-Z_=]+)?\s+/.exec(l)![0].length);
  assert.ok(columns.length >= 3 && columns.every((c) => c === columns[0]), server);
  const completion = await micro("__complete", "store", "read", "--");
  assert.match(completion.stdout, /^--table$/m, "completion still reads the option names");
  assert.doesNotMatch(completion.stdout, /TABLE/);
});

test("micro --help lists the running services' commands, and says so in one line when no server answers", async () => {
  const r = await micro("--help");
  assert.match(r.stdout, /^Services \(namespace micro at 127\.0\.0\.1:\d+, environment local\)/m);
  assert.match(r.stdout, /^ {2}micro helloworld$/m);
  assert.match(r.stdout, /^ {2}micro kitchen$/m);
  assert.doesNotMatch(r.stdout, /micro grpc\.reflection/);
  const h = await tempHome();
  try {
    const down = await runMicro(["--help"], { home: h.home, port: await freePort() });
    assert.equal(down.code, 0, down.stderr);
    assert.match(down.stdout, /^Services: not listed \(no answer from 127\.0\.0\.1:\d+, environment local; is `micro server` running\?\)$/m);
    const anonymous = await runMicro(["--help"], { home: h.home, port: platform.port });
    assert.match(anonymous.stdout, /^Services: not listed \(127\.0\.0\.1:\d+, environment local: Not authorized to perform this request; `micro login` first\)$/m);
  } finally {
    await h.remove();
  }
});

test("every command group's --help lists the group's commands", async () => {
  const commands = (await loadBuiltinCommands()).map((c) => ((c.paths ?? []) as string[][]).map((p) => p.join(" ")));
  // a group: leading words that some longer path continues
  const prefixes = (path: string) => path.split(" ").slice(0, -1).map((_, i, words) => words.slice(0, i + 1).join(" "));
  const groups = [...new Set(commands.flat().flatMap(prefixes))].sort();
  assert.ok(groups.includes("store") && groups.includes("auth list") && groups.includes("env"), groups.join(", "));
  for (const group of groups) {
    const r = await micro(...group.split(" "), "--help");
    assert.equal(r.code, 0, `micro ${group} --help: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^Commands of micro ${group}:`), `micro ${group} --help`);
    // each command of the group is listed by its first path (`config del`, not its alias `config delete`)
    for (const paths of commands.filter((ps) => ps.some((p) => p === group || p.startsWith(`${group} `)))) {
      assert.match(r.stdout, new RegExp(`^ {2}micro ${paths[0]}( |$)`, "m"), `micro ${group} --help lists micro ${paths[0]}`);
    }
  }
  // a group with no command of its own prints its help when called bare; one that is a command runs it
  assert.match((await micro("store")).stdout, /^Commands of micro store:/);
  assert.match((await micro("env")).stdout, /^\*\s+local/);
});

test("micro services hides the server's reflection services, which micro call still reaches by name", async () => {
  const r = await micro("services");
  assert.equal(r.code, 0, r.stderr);
  const names = r.stdout.trim().split("\n");
  assert.ok(names.includes("helloworld") && names.includes("registry"), r.stdout);
  assert.deepEqual(names.filter((n) => n.startsWith("grpc.")), []);
  const json = JSON.parse((await micro("services", "--output", "json")).stdout) as { name: string }[];
  assert.deepEqual(json.filter((s) => s.name.startsWith("grpc.")), []);
  const call = await micro("call", "grpc.reflection.v1", "ServerReflection.ServerReflectionInfo", '{"listServices":""}');
  assert.equal(call.code, 0, call.stderr);
  assert.match(call.stdout, /"name":"helloworld\.Helloworld"/, "a bidi stream prints one line per message");
});

test("store read of a key a service wrote to its own table says where it looked and where the key is", async () => {
  await greeter.store.write({ key: "S1", value: Buffer.from("from greeter") });
  const r = await micro("store", "read", "S1");
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim(), "not found: key S1 in database micro, table micro; it is in table greeter: micro store read --table greeter S1");
  assert.equal((await micro("store", "read", "--table", "greeter", "S1")).stdout, "from greeter\n");
  const nowhere = await micro("store", "read", "--table", "other", "S404");
  assert.equal(nowhere.stderr.trim(), "not found: key S404 in database micro, table other; services write to their own table, named after the service: try --table <service> (`micro store tables` lists them)");
});

test("service replies print default values: the first of a stream is count 0, not {}", async () => {
  const stream = await micro("helloworld", "stream", "--count=3");
  assert.equal(stream.code, 0, stream.stderr);
  assert.deepEqual(stream.stdout.trim().split("\n"), ['{"count":"0"}', '{"count":"1"}', '{"count":"2"}']);
  const call = await micro("call", "helloworld", "Helloworld.Stream", '{"count":1}');
  assert.equal(call.stdout, '{"count":"0"}\n');
  const raw = await micro("call", "-o", "raw", "kitchen", "Kitchen.Order", '{"id":"x"}');
  const order = JSON.parse(raw.stdout) as Record<string, unknown>;
  assert.equal(order.id, "x");
  assert.equal(order.quantity, 0);
  assert.deepEqual(order.tags, []);
});
