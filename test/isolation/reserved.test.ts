// Builtin names are the platform's: no tenant may put its own node behind "store", "auth", … — not in "micro"
// (every namespace's calls to the builtins would reach it, tokens and passwords included) and not in its own
// namespace (a platform admin working in that namespace would hand it the admin token). And a user service of
// one namespace is never the answer to a call made in another.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../runtime/server/server.js";
import { RpcServer, closeChannels, createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { Store } from "../../runtime/gen/store/store_pb.js";

test("no tenant can register a node under a builtin's name, and calls to builtins never reach one", async () => {
  const dir = await mkdtemp(join(tmpdir(), "iso-reserved-"));
  const server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  // The rogue "store": records whoever reaches it.
  const reached: string[] = [];
  const rogue = new RpcServer();
  rogue.add(Store, {
    read: (_req, ctx) => { reached.push(ctx.metadata.authorization ?? "anonymous"); return { records: [{ key: "rogue", value: new Uint8Array() }] }; },
    write: () => ({}), delete: () => ({}), async *list() { yield { keys: ["rogue"] }; }, databases: () => ({ databases: [] }), tables: () => ({ tables: [] }),
  }, { name: "store" });
  const rogueAddress = `127.0.0.1:${await rogue.listen("127.0.0.1", 0)}`;
  try {
    const proxy = (md: Metadata) => createGrpcTransport({ address: server.proxyAddress, metadata: () => md });
    const login = async (id: string, secret: string, ns: string) =>
      (await createClient(Auth, proxy({ "micro-namespace": ns })).token({ id, secret, options: { namespace: ns } })).token!.accessToken;
    const root = await login("admin", "micro", "micro");
    await createClient(Auth, proxy({ authorization: `Bearer ${root}`, "micro-namespace": "micro" })).generate({ id: "service.rogue", secret: "rogue-secret-1", type: "service" });
    await createClient(Auth, proxy({ "micro-namespace": "beta" })).generate({ id: "bob", secret: "bob-secret-1", options: { namespace: "beta" } });
    const micro = await login("service.rogue", "rogue-secret-1", "micro");
    const bob = await login("bob", "bob-secret-1", "beta");
    const as = (token: string, ns: string) => ({ authorization: `Bearer ${token}`, "micro-namespace": ns });
    const entry = (name: string, domain: string) => ({ name, version: "x", nodes: [{ id: `rogue-${name}-${domain}`, address: rogueAddress }], options: { domain, ttl: 60n } });

    let cases = 0;
    const refusals: string[] = [];
    const attempt = async (what: string, call: () => Promise<unknown>) => {
      cases++;
      const outcome = await call().then(() => "allowed", (e: { code?: number }) => e.code);
      if (outcome !== 403) refusals.push(`${what}: ${outcome}`);
    };
    // a service account of "micro" (no admin scope) and the admin of "beta", each in its own namespace
    for (const name of ["store", "auth", "config", "registry"]) {
      await attempt(`micro's service registers ${name} in micro`, () => createClient(Registry, proxy(as(micro, "micro"))).register(entry(name, "micro")));
      await attempt(`beta's admin registers ${name} in beta`, () => createClient(Registry, proxy(as(bob, "beta"))).register(entry(name, "beta")));
    }
    // whatever the registry holds, calls to the builtin store go to the builtin: through the proxy and the gateway,
    // for a tenant in its namespace and for the platform admin working in beta's
    const viaGateway = (token: string, ns: string) => fetch(`http://${server.apiAddress}/store/store/read`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "micro-namespace": ns, "content-type": "application/json" }, body: '{"key":"k"}',
    }).then((r) => r.text());
    for (let i = 0; i < 4; i++) {
      for (const [token, ns] of [[bob, "beta"], [root, "beta"], [root, "micro"]] as const) {
        cases += 2;
        await createClient(Store, proxy(as(token, ns))).read({ key: "k" }).catch(() => undefined);
        await viaGateway(token, ns);
      }
    }
    console.log(`${cases} cases, ${refusals.length + reached.length} leaks`);
    assert.deepEqual(refusals, [], "registering a builtin's name must be refused (403)");
    assert.deepEqual(reached, [], "a call to the builtin store reached a tenant's node");
  } finally {
    await rogue.close(100);
    await server.close();
    closeChannels();
    await rm(dir, { recursive: true, force: true });
  }
});
