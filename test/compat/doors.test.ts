// The server registers its doors as Micro 3.0 registers its proxy and api services (Micro 3.0's CLI and integration
// suite look for "proxy" among `micro services`): each entry names the door's real address, and no call is ever
// routed to one (a call for service "proxy" would otherwise loop back into the proxy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { createClient, createGrpcTransport, MicroError } from "../../runtime/rpc/index.js";
import { withServer } from "../support/server.js";

test("proxy and api are registered at their addresses, and never a call's destination", async () => {
  await withServer(async (server) => {
    const md = await server.adminMetadata("micro");
    const registry = createClient(Registry, createGrpcTransport({ address: server.proxyAddress, metadata: () => md }));
    const { services } = await registry.listServices({});
    const names = services.map((s) => s.name);
    for (const door of ["proxy", "api"]) assert.ok(names.includes(door), `${door} missing from ${names.join(", ")}`);
    const address = async (name: string) => (await registry.getService({ service: name })).services.flatMap((s) => s.nodes.map((n) => n.address));
    assert.deepEqual(await address("proxy"), [server.proxyAddress]);
    assert.deepEqual(await address("api"), [server.apiAddress]);

    // a call addressed to a door: the proxy answers "not found" itself instead of forwarding to a door
    for (const door of ["proxy", "api"]) {
      const viaDoor = createClient(Registry, createGrpcTransport({ address: server.proxyAddress, metadata: () => ({ ...md, "micro-service": door }) }));
      await assert.rejects(viaDoor.listServices({}), (e: unknown) => e instanceof MicroError && e.code === 404 && e.message.includes(`service ${door} not found`));
    }
  });
});
