// `micro server --store postgres://…`: two servers, each with its own data dir, share one PostgreSQL — a record
// written through one is read, listed and deleted through the other, per namespace as ever. Bad store URLs stop
// the start at once with a clear line that never shows the password. PostgreSQL comes from the Debian package
// (test/support/postgres.ts), required: without it these tests fail, saying why.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { startPostgres } from "../support/postgres.js";
import { adminHome } from "../cli/support/login.js";
import { runMicro, tempHome } from "../cli/support/micro.js";

const pg = await startPostgres();
const servers: RunningServer[] = [];
const dirs: string[] = [];

async function server(store: string): Promise<RunningServer> {
  const dir = await mkdtemp(join(tmpdir(), "micro-pg-server-"));
  dirs.push(dir);
  const s = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined, store });
  servers.push(s);
  return s;
}

const portOf = (s: RunningServer) => Number(s.proxyAddress.split(":").pop());

after(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  await pg.stop();
});

test("two servers on one PostgreSQL see one store", async () => {
  const url = pg.url;
  const [a, b] = [await server(url), await server(url)];
  const [homeA, homeB] = [await adminHome(portOf(a)), await adminHome(portOf(b))];
  const on = (s: RunningServer, home: { home: string }) => async (...args: string[]) => {
    const r = await runMicro(args, { home: home.home, port: portOf(s) });
    assert.equal(r.code, 0, `micro ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  const [microA, microB] = [on(a, homeA), on(b, homeB)];
  try {
    await microA("store", "write", "user:1", "Alice");
    await microA("store", "write", "--table", "teams", "team:1", "Core");
    assert.equal(await microB("store", "read", "user:1"), "Alice\n");
    assert.equal(await microB("store", "list"), "user:1\n");
    assert.equal(await microB("store", "tables"), "micro\nteams\n");
    await microB("store", "delete", "user:1");
    const gone = await runMicro(["store", "read", "user:1"], { home: homeA.home, port: portOf(a) });
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /not found/);
  } finally {
    await homeA.remove();
    await homeB.remove();
  }
});

test("micro server with a bad --store stops at once, naming the problem and never the password", async () => {
  const home = await tempHome();
  try {
    for (const [store, why] of [
      ["mysql://root:hunter2@127.0.0.1/db", /--store: unsupported engine "mysql"/],
      ["not a url", /--store: not a URL/],
      ["postgres://micro:hunter2@127.0.0.1:1/micro", /--store: cannot use postgres:\/\/micro:\*\*\*@127\.0\.0\.1:1\/micro: .*ECONNREFUSED/],
    ] as const) {
      const r = await runMicro(["server", "--store", store, "--data-dir", join(home.home, "data")],
        { home: home.home, env: { MICRO_PROXY_PORT: "0", MICRO_API_PORT: "0" }, timeoutMs: 30_000 });
      assert.notEqual(r.code, 0, store);
      assert.match(r.stderr + r.stdout, why);
      assert.doesNotMatch(r.stderr + r.stdout, /hunter2/);
      assert.doesNotMatch(r.stderr + r.stdout, /ready:/);
    }
  } finally {
    await home.remove();
  }
});
