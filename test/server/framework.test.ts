import { test } from "node:test";
import assert from "node:assert/strict";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Registry as RegistryDesc } from "../../runtime/gen/registry/registry_pb.js";
import { Auth, Rules } from "../../runtime/gen/auth/auth_pb.js";
import { until } from "../support/wait.js";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { Service } from "../../runtime/service/index.js";
import { createClient, createGrpcTransport, MicroError, NotFound } from "../../runtime/rpc/index.js";
import { withServer, type TestServer } from "../support/server.js";

async function helloworld(server: TestServer, name: string, namespace = "micro", tag = "") {
  const creds = await server.serviceAccount(namespace, name);
  const srv = new Service({ name, env: { proxy: server.proxyAddress, namespace, ...creds } });
  srv.handle(Helloworld, {
    call: (req) => {
      if (req.name === "nobody") throw NotFound(name, "nobody is not here");
      return { msg: `Hello ${req.name}${tag}` };
    },
    message: (req) => ({ msg: `Message for ${req.name}` }),
    async *stream(req) {
      for (let i = 0n; i < req.count; i++) yield { count: i };
    },
    async *pingPong(reqs) {
      for await (const ping of reqs) yield { stroke: ping.stroke };
    },
  });
  return srv;
}

test("a framework service registers with endpoint metadata and is callable through the proxy by name", async () => {
  await withServer(async (server) => {
    const srv = await helloworld(server, "helloworld");
    await srv.start();
    try {
      const md = await server.adminMetadata("micro");
      const transport = createGrpcTransport({ address: server.proxyAddress, metadata: () => md });
      const registry = createClient(RegistryDesc, transport);
      const { services } = await registry.getService({ service: "helloworld" });
      assert.equal(services.length, 1);
      const names = services[0].endpoints.map((e) => e.name).sort();
      assert.deepEqual(names, ["Debug.Health", "Debug.Log", "Debug.Stats", "Debug.Trace", "Helloworld.Call", "Helloworld.Message", "Helloworld.PingPong", "Helloworld.Stream"].filter((n) => !n.startsWith("Debug")));
      const call = services[0].endpoints.find((e) => e.name === "Helloworld.Call")!;
      assert.equal(call.request?.values[0].name, "name");
      assert.equal(call.request?.values[0].type, "string");
      assert.equal(call.metadata.stream, "false");

      const client = createClient(Helloworld, transport);
      assert.equal((await client.call({ name: "Alice" })).msg, "Hello Alice");
      const counts: bigint[] = [];
      for await (const r of client.stream({ count: 3n })) counts.push(r.count);
      assert.deepEqual(counts, [0n, 1n, 2n]);
      async function* pings() { for (const s of [5n, 6n]) yield { stroke: s }; }
      const strokes: bigint[] = [];
      for await (const p of client.pingPong(pings())) strokes.push(p.stroke);
      assert.deepEqual(strokes, [5n, 6n]);
      await assert.rejects(client.call({ name: "nobody" }), (e: unknown) => e instanceof MicroError && e.code === 404 && e.detail === "nobody is not here");
      // every service answers debug.Debug/Health, routed by the micro-service header
      const debug = createClient(Debug, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-service": "helloworld" }) }));
      assert.equal((await debug.health({})).status, "ok");
    } finally {
      await srv.stop();
    }
  });
});

test("the proxy routes by micro-service header, round-robins instances and skips dead ones", async () => {
  await withServer(async (server) => {
    const a = await helloworld(server, "foobar", "micro", " from a");
    const b = await helloworld(server, "foobar", "micro", " from b");
    await a.start();
    await b.start();
    try {
      const transport = createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-service": "foobar" }) });
      const client = createClient(Helloworld, transport);
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) seen.add((await client.call({ name: "x" })).msg);
      assert.deepEqual([...seen].sort(), ["Hello x from a", "Hello x from b"]);
      // b dies without deregistering: calls keep succeeding on a
      await (b as unknown as { server: { close(ms: number): Promise<void> } }).server.close(0);
      for (let i = 0; i < 4; i++) assert.equal((await client.call({ name: "y" })).msg, "Hello y from a");
    } finally {
      await a.stop();
      await b.stop().catch(() => undefined);
    }
  });
});

test("a service in one namespace is not reachable from another", async () => {
  await withServer(async (server) => {
    const srv = await helloworld(server, "hidden", "alpha");
    await srv.start();
    try {
      const call = (ns: string) => createClient(Helloworld, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ "micro-service": "hidden", "micro-namespace": ns }) })).call({ name: "z" });
      assert.equal((await call("alpha")).msg, "Hello z");
      // an anonymous caller in a namespace with no such service is refused (no rules there) or finds nothing
      await assert.rejects(call("beta"), (e: unknown) => e instanceof MicroError && (e.code === 401 || e.code === 404));
    } finally {
      await srv.stop();
    }
  });
});

test("a framework service verifies every call itself: ctx.account and ctx.namespace come from the verified token, never a header", async () => {
  await withServer(async (server) => {
    const creds = await server.serviceAccount("alpha", "whoami");
    const srv = new Service({ name: "whoami", env: { proxy: server.proxyAddress, namespace: "alpha", ...creds } });
    srv.handle(Helloworld, {
      call: (_req, ctx) => ({ msg: `${ctx.account ? `${ctx.account.issuer}/${ctx.account.id}` : "anonymous"} in ${ctx.namespace}` }),
      message: (req) => ({ msg: req.name }),
      async *stream() { /* nothing */ },
      async *pingPong() { /* nothing */ },
    });
    const address = await srv.start();
    try {
      const admin = await server.adminMetadata("alpha", { "micro-service": "whoami" });
      const viaProxy = (md: Record<string, string>) => createClient(Helloworld, createGrpcTransport({ address: server.proxyAddress, metadata: () => md }));
      const direct = (md: Record<string, string>) => createClient(Helloworld, createGrpcTransport({ address, metadata: () => md }));
      // through the proxy: the caller's token travels on; an anonymous call arrives with the proxy's call token
      assert.equal((await viaProxy(admin).call({})).msg, "micro/admin in alpha");
      assert.equal((await viaProxy({ "micro-service": "whoami", "micro-namespace": "alpha" }).call({})).msg, "anonymous in alpha");
      // straight to the port: nothing without a token, public endpoint or not, whatever namespace is named
      for (const md of [{}, { "micro-namespace": "alpha" }, { "micro-namespace": "micro" }] as Record<string, string>[]) {
        await assert.rejects(direct(md).call({}), (e: unknown) => e instanceof MicroError && e.code === 401, JSON.stringify(md));
      }
      // a real token works directly, and the namespace stays the service's whatever the header says
      assert.equal((await direct({ ...admin, "micro-namespace": "beta" }).call({})).msg, "micro/admin in alpha");
    } finally {
      await srv.stop();
    }
  });
});

test("a rule change reaches the services of the namespace at once: the server announces it and they drop their cached rules", async () => {
  await withServer(async (server) => {
    const creds = await server.serviceAccount("alpha", "ruled");
    // rules cached for ten minutes: only the announcement can make the service see the change within the test
    const srv = new Service({ name: "ruled", rulesTtlMs: 600_000, env: { proxy: server.proxyAddress, namespace: "alpha", ...creds } });
    srv.handle(Helloworld, {
      call: (_req, ctx) => ({ msg: `hello ${ctx.account?.id ?? "anonymous"}` }),
      message: (req) => ({ msg: req.name }),
      async *stream() { /* nothing */ },
      async *pingPong() { /* nothing */ },
    });
    const address = await srv.start();
    try {
      const rootAlpha = await server.adminMetadata("alpha");
      const root = createGrpcTransport({ address: server.proxyAddress, metadata: () => rootAlpha });
      await createClient(Auth, root).generate({ id: "ann", secret: "ann-password-1", type: "user", options: { namespace: "alpha" } });
      const ann = (await createClient(Auth, createGrpcTransport({ address: server.proxyAddress })).token({ id: "ann", secret: "ann-password-1", options: { namespace: "alpha" } })).token!.accessToken;
      const direct = createClient(Helloworld, createGrpcTransport({ address, metadata: () => ({ authorization: `Bearer ${ann}` }) }));
      const outcome = () => direct.call({}).then((r) => r.msg, (e: unknown) => (e instanceof MicroError ? e.code : String(e)));
      assert.equal(await outcome(), "hello ann");
      const rules = createClient(Rules, root);
      // no rule left for the namespace's services: denied to everyone but platform admins
      await rules.delete({ id: "default", options: { namespace: "alpha" } });
      await until(async () => ((await outcome()) === 403 ? true : undefined), "the service to refuse ann once the default rule is gone");
      await rules.create({ rule: { id: "default", scope: "", resource: { type: "service", name: "*", endpoint: "*" }, access: 1, priority: 0 }, options: { namespace: "alpha" } });
      await until(async () => ((await outcome()) === "hello ann" ? true : undefined), "the service to admit ann again");
    } finally {
      await srv.stop();
    }
  });
});
