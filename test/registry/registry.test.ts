import { test } from "node:test";
import assert from "node:assert/strict";
import { Registry as RegistryDesc } from "../../runtime/gen/registry/registry_pb.js";
import { createClient, MicroError } from "../../runtime/rpc/index.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { registryHandler } from "../../runtime/registry/handler.js";
import { host } from "../support/rpc.js";

const svc = (name: string, id: string, version = "latest") => ({
  name, version, metadata: {}, endpoints: [{ name: "Helloworld.Call", metadata: { stream: "false" } }],
  nodes: [{ id, address: "127.0.0.1:9999", metadata: {} }],
});

test("registry over gRPC: register, get, list, deregister, namespace isolation", async () => {
  const registry = new MemoryRegistry(50);
  const h = await host([{ desc: RegistryDesc, impl: registryHandler(registry) }], { metadata: { "micro-namespace": "alpha" } });
  try {
    const client = createClient(RegistryDesc, h.transport);
    await client.register(svc("helloworld", "n1"));
    await client.register(svc("helloworld", "n2"));
    const got = await client.getService({ service: "helloworld" });
    assert.equal(got.services.length, 1);
    assert.deepEqual(got.services[0].nodes.map((n) => n.id).sort(), ["n1", "n2"]);
    assert.equal(got.services[0].endpoints[0].name, "Helloworld.Call");
    // registered in the caller's namespace, invisible from "micro"
    assert.equal((await registry.getService("helloworld", { domain: "micro" })).length, 0);
    assert.equal((await registry.getService("helloworld", { domain: "alpha" })).length, 1);
    await assert.rejects(client.listServices({ options: { domain: "beta" } }), (e: unknown) => e instanceof MicroError && e.code === 403);
    const list = await client.listServices({});
    assert.deepEqual(list.services.map((s) => s.name), ["helloworld"]);
    assert.equal(list.services[0].nodes.length, 0, "list carries no nodes");
    await client.deregister(svc("helloworld", "n1"));
    await client.deregister(svc("helloworld", "n2"));
    assert.equal((await client.getService({ service: "helloworld" })).services.length, 0);
  } finally {
    registry.close();
    await h.close();
  }
});

test("registry TTL: a node that stops heartbeating expires and watchers see create then delete", async () => {
  const registry = new MemoryRegistry(20);
  const h = await host([{ desc: RegistryDesc, impl: registryHandler(registry) }]);
  try {
    const client = createClient(RegistryDesc, h.transport);
    const abort = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      try {
        for await (const ev of client.watch({ service: "ttl" }, { signal: abort.signal })) {
          seen.push(ev.action);
          if (ev.action === "delete") break;
        }
      } catch { /* cancelled */ }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await client.register({ ...svc("ttl", "x"), options: { ttl: 1n, domain: "" } });
    await watching;
    abort.abort();
    assert.deepEqual(seen, ["create", "delete"]);
  } finally {
    registry.close();
    await h.close();
  }
});
