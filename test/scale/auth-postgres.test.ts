// Auth on PostgreSQL, shared by two servers' auth engines (each with its own data dir and signing key): what one
// issues the other honours, and the embedded engine's once-only rules hold across them under concurrency — a
// refresh token is used once, a namespace is signed up once, an invite is used once — while rule and account changes
// reach the other server's cached reads (NOTIFY) well before the cache would expire anyway.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openEngine, type Engine } from "../../runtime/engine/lmdb.js";
import { EmbeddedAuth } from "../../runtime/auth/embedded.js";
import { PostgresAuthState } from "../../runtime/auth/store-postgres.js";
import { parseJwks } from "../../runtime/auth/jwks.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { until } from "../support/wait.js";

let postgres: TestPostgres;
let pool: pg.Pool;
const opened: Array<{ auth: EmbeddedAuth; state: PostgresAuthState; engine: Engine; dir: string }> = [];

async function server(signup: "open" | "invite" = "open"): Promise<EmbeddedAuth> {
  const dir = await mkdtemp(join(tmpdir(), "micro-auth-pg-"));
  const engine = openEngine(dir);
  const state = await PostgresAuthState.open(pool, postgres.url);
  const auth = await EmbeddedAuth.open({ engine, dataDir: dir, shared: state, log: () => undefined, signup: { mode: signup } });
  opened.push({ auth, state, engine, dir });
  return auth;
}

before(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 8 });
  pool.on("error", () => { /* an idle connection dropped when the database stops */ });
}, { timeout: 120_000 });

after(async () => {
  for (const o of opened) {
    o.auth.close();
    o.state.close();
    await o.engine.close();
    await rm(o.dir, { recursive: true, force: true });
  }
  await pool?.end();
  await postgres?.stop();
});

test("two servers' auth on one PostgreSQL: accounts, tokens, refresh tokens, signups, invites and rules are one", { timeout: 120_000 }, async () => {
  const [a, b] = [await server("invite"), await server("invite")];
  assert.equal(await a.ensureDefaults(), true, "the first server creates admin/micro");
  assert.equal(await b.ensureDefaults(), false, "the second finds it");
  // both keys are in both servers' key sets (A re-reads it every few seconds, and before each heartbeat)
  await a.refreshKeys();
  assert.equal(parseJwks(a.jwks).keys.length, 2);
  assert.deepEqual(parseJwks(a.jwks).keys.map((k) => k.kid).sort(), parseJwks(b.jwks).keys.map((k) => k.kid).sort());

  await a.generate({ id: "ops", secret: "ops-password-long", namespace: "micro", scopes: ["admin"] });
  const pair = await b.token({ id: "ops", secret: "ops-password-long", namespace: "micro" });
  assert.equal((await a.verifyAccessToken(pair.accessToken))?.id, "ops", "A verifies what B signed");

  // a refresh token raced through both servers: exactly one wins
  const raced = await Promise.allSettled([a.token({ refreshToken: pair.refreshToken }), b.token({ refreshToken: pair.refreshToken })]);
  assert.equal(raced.filter((r) => r.status === "fulfilled").length, 1, "a refresh token is used once");

  // an invite used by two signups at once, through both servers: one namespace is made
  const { code } = await a.createInvite("", "admin");
  const signups = await Promise.allSettled([
    a.signup({ id: "x@example.com", secret: "long-enough-pass", namespace: "race-one" }, {}, code),
    b.signup({ id: "y@example.com", secret: "long-enough-pass", namespace: "race-two" }, {}, code),
  ]);
  assert.equal(signups.filter((r) => r.status === "fulfilled").length, 1, "an invite signs up one namespace");
  // the same namespace signed up through both at once (two invites): one gets it
  const [c1, c2] = [await a.createInvite("", "admin"), await b.createInvite("", "admin")];
  const same = await Promise.allSettled([
    a.signup({ id: "p@example.com", secret: "long-enough-pass", namespace: "contested" }, {}, c1.code),
    b.signup({ id: "q@example.com", secret: "long-enough-pass", namespace: "contested" }, {}, c2.code),
  ]);
  assert.equal(same.filter((r) => r.status === "fulfilled").length, 1, "a namespace is signed up once");

  // B has the rules cached; a rule created through A reaches it through NOTIFY, within the cache's second anyway
  const before = (await b.rulesOf("micro")).length;
  await a.createRule({ id: "extra", scope: "*", resource: { type: "service", name: "x", endpoint: "*" }, access: "granted", priority: 5 }, { namespace: "micro" });
  await until(async () => ((await b.rulesOf("micro")).length === before + 1 ? true : undefined), "B to see A's rule", 10_000, 20);
  // an account deleted through B: A no longer accepts its token
  await b.deleteAccount("ops", { namespace: "micro" });
  await until(async () => ((await a.verifyAccessToken(pair.accessToken)) === undefined ? true : undefined), "A to refuse the deleted account's token", 10_000, 20);
});
