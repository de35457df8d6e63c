// network.Network and router.Router/Table serve the registry for real, through the proxy like any builtin: a
// tenant sees its own namespace's services and routes, a platform admin any namespace's, an anonymous caller
// nothing; Router.Watch streams a route per node as services come and go.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Network } from "../../runtime/gen/network/network_pb.js";
import { EventType, Router, Table, type Event } from "../../runtime/gen/router/router_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { Service } from "../../runtime/service/index.js";
import { createClient, createGrpcTransport, MicroError, type Metadata } from "../../runtime/rpc/index.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { withServer, type TestServer } from "../support/server.js";
import { tenantMetadata } from "./support/tenant.js";

const via = (server: TestServer, md: Metadata) => createGrpcTransport({ address: server.proxyAddress, metadata: () => md });
const refused = (code: number) => (e: unknown) => e instanceof MicroError && e.code === code;

async function helloworld(server: TestServer, name: string, namespace: string): Promise<{ srv: Service; address: string }> {
  const creds = await server.serviceAccount(namespace, name);
  const srv = new Service({ name, env: { proxy: server.proxyAddress, namespace, ...creds } });
  srv.handle(Helloworld, {
    call: (req) => ({ msg: req.name }),
    message: (req) => ({ msg: req.name }),
    async *stream() { /* none */ },
    async *pingPong() { /* none */ },
  });
  return { srv, address: await srv.start() };
}

test("network and router answer from the registry, per namespace", async () => {
  await withServer(async (server) => {
    const { srv, address } = await helloworld(server, "greeter", "tenant-n");
    try {
      const admin = await server.adminMetadata("micro");
      const tenant = await tenantMetadata(server, "tenant-n");

      // the platform's own namespace: the builtins, network and router among them, at the internal port
      const adminNet = createClient(Network, via(server, admin));
      const builtins = (await adminNet.services({})).services;
      for (const name of ["auth", "config", "network", "registry", "router", "store"]) assert.ok(builtins.includes(name), `${name} in ${builtins}`);
      assert.ok(!builtins.includes("greeter"), "another namespace's service is not listed");
      const storeRoutes = (await adminNet.routes({ query: { service: "store" } })).routes;
      assert.equal(storeRoutes.length, 1);
      const [nodeOfServer] = (await adminNet.nodes({})).nodes;
      assert.deepEqual(
        { ...storeRoutes[0], metadata: undefined, $typeName: undefined },
        { service: "store", address: server.internalAddress, gateway: "", network: "micro", router: nodeOfServer!.id, link: "local", metric: 1n, metadata: undefined, $typeName: undefined },
      );
      // Nodes and Graph: one node, this server, at its proxy
      assert.equal(nodeOfServer!.address, server.proxyAddress);
      const { root } = await adminNet.graph({ depth: 3 });
      assert.equal(root?.node?.id, nodeOfServer!.id);
      assert.deepEqual(root?.peers, []);

      // a tenant: its own services and routes only, through network, router and table alike
      const net = createClient(Network, via(server, tenant));
      assert.deepEqual((await net.services({})).services, ["greeter"]);
      const expected = [{ service: "greeter", address, network: "tenant-n" }];
      const brief = (routes: { service: string; address: string; network: string }[]) => routes.map(({ service, address, network }) => ({ service, address, network }));
      assert.deepEqual(brief((await net.routes({})).routes), expected);
      assert.deepEqual(brief((await createClient(Router, via(server, tenant)).lookup({ service: "greeter" })).routes), expected);
      assert.deepEqual(brief((await createClient(Table, via(server, tenant)).read({})).routes), expected);
      assert.deepEqual((await net.routes({ query: { service: "greeter", address: "127.0.0.1:1" } })).routes, [], "the query filters");
      assert.deepEqual((await createClient(Router, via(server, tenant)).lookup({ service: "store" })).routes, [], "builtins are not the tenant's routes");
      // another namespace, named in the request: refused to the tenant, answered to a platform admin
      await assert.rejects(net.routes({ query: { network: "micro" } }), refused(403));
      await assert.rejects(createClient(Router, via(server, tenant)).lookup({ service: "store", options: { network: "micro" } }), refused(403));
      assert.deepEqual(brief((await adminNet.routes({ query: { network: "tenant-n" } })).routes), expected);
      // bad input names what is missing
      await assert.rejects(createClient(Router, via(server, tenant)).lookup({}), (e: unknown) => refused(400)(e) && /service is required/.test((e as MicroError).detail));

      // anonymous callers are refused, whatever namespace they name
      for (const ns of ["tenant-n", "micro"]) {
        await assert.rejects(createClient(Network, via(server, { "micro-namespace": ns })).services({}), refused(401));
        await assert.rejects(createClient(Table, via(server, { "micro-namespace": ns })).read({}), refused(401));
      }
    } finally {
      await srv.stop();
    }
  });
});

test("Router.Watch streams a create when a node registers and a delete when it goes, in the caller's namespace only", async () => {
  await withServer(async (server) => {
    const tenant = await tenantMetadata(server, "tenant-w");
    const abort = new AbortController();
    const events: Event[] = [];
    let wake: () => void = () => undefined;
    const watching = (async () => {
      try {
        for await (const ev of createClient(Router, via(server, tenant)).watch({}, { signal: abort.signal })) {
          events.push(ev);
          wake();
        }
      } catch (err) {
        if (!abort.signal.aborted) throw err;
      }
    })();
    const until = async (what: string, ok: () => boolean) => {
      while (!ok()) {
        const woken = new Promise<void>((resolve) => { wake = resolve; });
        await Promise.race([woken, watching.then(() => { throw new Error(`watch ended before ${what}`); })]);
      }
    };
    // The stream is open once the server answers: poke with a probe node (a new one each time, each a create) until
    // the watch reports one, then start the services to watch.
    const registry = createClient(Registry, via(server, tenant));
    for (let i = 0; !events.some((e) => e.route?.service === "probe"); i++) {
      await registry.register({ name: "probe", version: "1", nodes: [{ id: `probe-${i}`, address: `127.0.0.1:${i + 1}` }], options: { ttl: 60n } });
      await Promise.race([new Promise<void>((resolve) => { wake = resolve; }), new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    const other = await helloworld(server, "elsewhere", "tenant-x");
    let mine: { srv: Service; address: string } | undefined;
    try {
      mine = await helloworld(server, "watched", "tenant-w");
      await until("the create of watched", () => events.some((e) => e.type === EventType.Create && e.route?.service === "watched"));
      const created = events.find((e) => e.type === EventType.Create && e.route?.service === "watched")!;
      assert.equal(created.route?.address, mine.address);
      assert.equal(created.route?.network, "tenant-w");
      assert.ok(created.id.length > 0 && created.timestamp > 0n);
      await mine.srv.stop();
      await until("the delete of watched", () => events.some((e) => e.type === EventType.Delete && e.route?.service === "watched"));
      assert.ok(events.every((e) => e.route?.service !== "elsewhere" && e.route?.network === "tenant-w"), JSON.stringify(events.map((e) => e.route?.service)));
    } finally {
      abort.abort();
      await watching;
      await mine?.srv.stop();
      await other.srv.stop();
    }
  });
});
