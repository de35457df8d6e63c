// Which registry nodes an account keeps registered: how `micro update` recognises a service's new instance whatever
// name it registers under.
import { test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { ServiceSchema } from "../../runtime/gen/registry/registry_pb.js";
import { Registrants } from "../../runtime/launcher/registrants.js";
import { registryHandler } from "../../runtime/registry/handler.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import type { CallerAccount, HandlerContext } from "../../runtime/rpc/types.js";

function ctx(account?: Partial<CallerAccount>): HandlerContext {
  return {
    service: "registry", endpoint: "Registry.Register", path: "/registry.Registry/Register", metadata: {}, namespace: "micro",
    signal: new AbortController().signal,
    account: account ? { id: "", type: "service", issuer: "micro", scopes: [], ...account } : undefined,
  };
}

const registration = (name: string, node: string, ttl = 30n) =>
  create(ServiceSchema, { name, version: "latest", nodes: [{ id: node, address: "127.0.0.1:1" }], options: { ttl, domain: "micro" } });

test("registrants: nodes by the account that registered them, whatever their service name; deregistered nodes go", async () => {
  const registry = new MemoryRegistry();
  const registrants = new Registrants();
  const handler = registrants.track(registryHandler(registry));
  const storesvc = ctx({ id: "service.storesvc" });
  await handler.register(registration("helloworld", "helloworld-1"), storesvc);
  await handler.register(registration("helloworld", "helloworld-2"), storesvc);
  await handler.register(registration("other", "other-1"), ctx({ id: "service.other" }));
  await handler.register(registration("anon", "anon-1"), ctx());
  assert.deepEqual([...registrants.ids("micro", "service.storesvc")].sort(), ["helloworld-1", "helloworld-2"]);
  assert.deepEqual([...registrants.ids("micro", "service.other")], ["other-1"]);
  assert.deepEqual([...registrants.ids("other-ns", "service.storesvc")], [], "an account is per namespace");
  // the registry itself is unchanged by the tracking
  assert.equal((await registry.getService("helloworld", { domain: "micro" }))[0]?.nodes.length, 2);

  await handler.deregister(registration("helloworld", "helloworld-1"), storesvc);
  assert.deepEqual([...registrants.ids("micro", "service.storesvc")], ["helloworld-2"]);
  registry.close();
});

test("registrants: a registration whose TTL has passed no longer counts", async () => {
  const registry = new MemoryRegistry();
  const registrants = new Registrants();
  const handler = registrants.track(registryHandler(registry));
  const now = Date.now();
  const realNow = Date.now;
  try {
    await handler.register(registration("helloworld", "helloworld-1", 30n), ctx({ id: "service.storesvc" }));
    Date.now = () => now + 31_000;
    assert.deepEqual([...registrants.ids("micro", "service.storesvc")], []);
  } finally {
    Date.now = realNow;
    registry.close();
  }
});
