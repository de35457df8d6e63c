// Account ids as Micro 3.0 has them (its TestUsernameLogin logs in as `someUsername`): letters of either case,
// case-sensitive — `someusername` is another id. Our CLI sends an id as typed, and an email address in lowercase
// (signup stores it so). Without Micro 3.0: micro-v3.test.ts runs the same with Micro 3.0's CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withServer } from "../support/server.js";
import { runMicro, tempHome } from "../cli/support/micro.js";
import { accountId } from "../../runtime/cli/commands/login.js";
import { checkAccountId } from "../../runtime/auth/validate.js";

test("account ids: mixed case accepted and case-sensitive; bad characters still refused", () => {
  assert.equal(checkAccountId("someUsername"), "someUsername");
  assert.throws(() => checkAccountId("some username"), /invalid id: use letters, digits, dashes/);
  assert.throws(() => checkAccountId("-someone"), /invalid id/);
  assert.equal(accountId(" someUsername "), "someUsername");
  assert.equal(accountId("Alice@Example.com"), "alice@example.com");
});

test("micro login --username someUsername, against our server", async () => {
  await withServer(async (server) => {
    const home = await tempHome();
    const port = Number(server.proxyAddress.split(":").pop());
    const micro = (...args: string[]) => runMicro(args, { home: home.home, port });
    try {
      assert.equal((await micro("login", "--email", "admin", "--password", "micro")).code, 0);
      const created = await micro("auth", "create", "account", "--secret", "some-password", "someUsername");
      assert.equal(created.code, 0, created.stderr);
      const login = await micro("login", "--username", "someUsername", "--password", "some-password");
      assert.equal(login.code, 0, login.stderr);
      assert.equal((await micro("user")).stdout, "someUsername\n");
      const other = await micro("login", "--username", "someusername", "--password", "some-password");
      assert.notEqual(other.code, 0);
      assert.match(other.stderr, /Login failed: invalid account id or secret/);
    } finally {
      await home.remove();
    }
  });
});
