// The default admin / micro: every start warns while the password is unchanged, and a server bound beyond loopback
// refuses to start with it unless told to (--allow-default-admin). No test listens beyond loopback: a start that
// gets past the check is stopped by a port already taken on 127.0.0.1 (Linux refuses 0.0.0.0 on the same port).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { startServer, type ServerOptions } from "../../runtime/server/server.js";
import { isLoopbackHost } from "../../runtime/server/ports.js";
import { Accounts, Auth } from "../../runtime/gen/auth/auth_pb.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";

const WARNING = /WARNING: account admin \(namespace micro\) still has the default password/;

async function withDataDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "micro-default-admin-"));
  try {
    await fn(dir);
  } finally {
    closeChannels();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A port held on 127.0.0.1, so that listening on 0.0.0.0 there fails. */
async function heldPort(): Promise<{ port: number; server: Server }> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as { port: number }).port, server };
}

async function start(dir: string, extra: Partial<ServerOptions> = {}): Promise<{ lines: string[]; outcome: Awaited<ReturnType<typeof startServer>> | Error }> {
  const lines: string[] = [];
  const outcome = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: (l) => lines.push(l), ...extra })
    .catch((err: Error) => err);
  return { lines, outcome };
}

test("isLoopbackHost: 127/8, ::1 and localhost only", () => {
  for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "128.0.0.1"]) assert.equal(isLoopbackHost(h), false, h);
});

test("loopback: every start warns while admin's password is micro, and stops warning once it is changed", async () => {
  await withDataDir(async (dir) => {
    for (let i = 0; i < 2; i++) {
      const { lines, outcome } = await start(dir);
      assert.ok(!(outcome instanceof Error), String(outcome));
      assert.match(lines.join("\n"), WARNING, `start ${i + 1} warns`);
      if (i === 1) {
        const transport = createGrpcTransport({ address: outcome.proxyAddress });
        const token = (await createClient(Auth, transport).token({ id: "admin", secret: "micro" })).token!.accessToken;
        await createClient(Accounts, createGrpcTransport({ address: outcome.proxyAddress, metadata: () => ({ authorization: `Bearer ${token}` }) }))
          .changeSecret({ id: "admin", oldSecret: "micro", newSecret: "a-better-admin-password" });
      }
      await outcome.close();
    }
    const { lines, outcome } = await start(dir);
    assert.ok(!(outcome instanceof Error), String(outcome));
    await outcome.close();
    assert.doesNotMatch(lines.join("\n"), WARNING);
  });
});

test("beyond loopback: refuses to start with the default password, with a clear message; the flag overrides", async () => {
  await withDataDir(async (dir) => {
    const held = await heldPort();
    try {
      const refused = await start(dir, { ports: { proxy: held.port, api: 0, host: "0.0.0.0" } });
      assert.ok(refused.outcome instanceof Error, "started anyway");
      assert.match(refused.outcome.message, /refusing to listen on 0\.0\.0\.0, beyond loopback, while account admin \(namespace micro\) still has the default password/);
      assert.match(refused.outcome.message, /--allow-default-admin/);
      assert.doesNotMatch(refused.outcome.message, /cannot listen|EADDRINUSE/, "refused before listening");
      // with the override the start goes on, warns, and gets as far as listening (stopped here by the held port)
      const allowed = await start(dir, { ports: { proxy: held.port, api: 0, host: "0.0.0.0" }, allowDefaultAdmin: true });
      assert.ok(allowed.outcome instanceof Error);
      assert.match(allowed.outcome.message, new RegExp(`(cannot listen on|address already in use) 0\\.0\\.0\\.0:${held.port}`));
      assert.match(allowed.lines.join("\n"), /WARNING: .*default password and the server listens on 0\.0\.0\.0/);
      // and signup there defaults to invite-only
      assert.match(allowed.lines.join("\n"), /signup needs an invite code/);
    } finally {
      held.server.close();
    }
  });
});
