// Account secrets and tokens are handed to command lines (`micro login --password <secret>`): none may start with "-",
// which a parser takes for an option. With plain base64url one in 64 did (a CI run failed on it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomToken } from "../../runtime/auth/secrets.js";

test("random tokens are URL-safe, of the asked size, and never start with a dash", () => {
  const tokens = Array.from({ length: 5000 }, () => randomToken());
  for (const t of tokens) {
    assert.match(t, /^[A-Za-z0-9_][A-Za-z0-9_-]{42}$/);
  }
  assert.equal(new Set(tokens).size, tokens.length);
  assert.equal(randomToken(12).length, 16);
});
