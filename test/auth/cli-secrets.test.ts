// Passwords never need to go on a command line: --password-stdin (login, signup, user set password) and
// --secret-stdin (auth create account) through the real CLI, against a server that takes signups by invite
// (micro auth create invite, micro signup --invite); and no help example shows a password as an argument.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { runMicro, tempHome } from "../cli/support/micro.js";

let server: RunningServer;
let dir: string;
let port: number;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "micro-cli-secrets-"));
  server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined, signup: "invite" });
  port = Number(server.proxyAddress.split(":").pop());
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function withHome(fn: (micro: (args: string[], input?: string) => ReturnType<typeof runMicro>) => Promise<void>): Promise<void> {
  const h = await tempHome();
  try {
    await fn((args, input) => runMicro(args, { home: h.home, port, input }));
  } finally {
    await h.remove();
  }
}

test("invite-only signup and every password through standard input", async () => {
  let code = "";
  await withHome(async (admin) => {
    const both = await admin(["login", "--email", "admin", "--password", "micro", "--password-stdin"], "micro\n");
    assert.notEqual(both.code, 0);
    assert.match(both.stderr, /use --password or --password-stdin, not both/);
    const empty = await admin(["login", "--email", "admin", "--password-stdin"], "");
    assert.notEqual(empty.code, 0);
    assert.match(empty.stderr, /--password-stdin: no password on standard input/);
    const login = await admin(["login", "--email", "admin", "--password-stdin"], "micro\n");
    assert.equal(login.code, 0, login.stderr);
    const invite = await admin(["auth", "create", "invite", "bob@example.com"]);
    assert.equal(invite.code, 0, invite.stderr);
    code = /Invite code: (\S+)/.exec(invite.stdout)?.[1] ?? "";
    assert.ok(code.length >= 20, invite.stdout);
    assert.match(invite.stdout, /for bob@example\.com/);
    const carol = await admin(["auth", "create", "account", "--secret-stdin", "carol"], "carol-password-1\n");
    assert.equal(carol.code, 0, carol.stderr);
    assert.doesNotMatch(carol.stdout, /Secret:/, "a chosen secret is not printed back");
  });
  await withHome(async (carol) => {
    const login = await carol(["login", "--email", "carol", "--namespace", "micro", "--password-stdin"], "carol-password-1\n");
    assert.equal(login.code, 0, login.stderr);
    // carol administers nothing: no invites from her
    const invite = await carol(["auth", "create", "invite"]);
    assert.notEqual(invite.code, 0);
    assert.match(invite.stderr, /server's admins/);
  });
  await withHome(async (bob) => {
    const without = await bob(["signup", "--email", "bob@example.com", "--namespace", "bobs-place", "--password-stdin"], "bob-password-1\n");
    assert.notEqual(without.code, 0);
    assert.match(without.stderr, /needs an invite code/);
    const signup = await bob(["signup", "--email", "bob@example.com", "--namespace", "bobs-place", "--invite", code, "--password-stdin"], "bob-password-1\n");
    assert.equal(signup.code, 0, signup.stderr);
    const change = await bob(["user", "set", "password", "--password-stdin"], "bob-password-1\nbob-password-2\n");
    assert.equal(change.code, 0, change.stderr);
    assert.equal((await bob(["logout"])).code, 0);
    assert.notEqual((await bob(["login", "--email", "bob@example.com", "--namespace", "bobs-place", "--password-stdin"], "bob-password-1\n")).code, 0);
    const again = await bob(["login", "--email", "bob@example.com", "--namespace", "bobs-place", "--password-stdin"], "bob-password-2\n");
    assert.equal(again.code, 0, again.stderr);
  });
});

test("help texts: --password-stdin offered, and no example passes a password as an argument", async () => {
  const h = await tempHome();
  try {
    for (const cmd of [["login"], ["signup"], ["user", "set", "password"], ["auth", "create", "account"]]) {
      const help = await runMicro([...cmd, "--help"], { home: h.home });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /--(password|secret)-stdin/, `${cmd.join(" ")} --help`);
      const examples = help.stdout.split("\n").filter((l) => /^\s*\$ micro /.test(l));
      assert.ok(examples.length > 0, `${cmd.join(" ")} has examples`);
      for (const line of examples) assert.doesNotMatch(line, /--(password|secret|old-password|new-password)[ =](?!-)/, line);
    }
  } finally {
    await h.remove();
  }
});
