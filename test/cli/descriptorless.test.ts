// A service that registered no protobuf descriptor, as every Micro 3.0 Go service and builtin: the CLI builds
// flags and help from the registry's endpoint Value trees and calls it with gRPC+JSON. The service here is our
// kitchen fixture served by a plain RpcServer and registered by hand with Value trees only (what Micro 3.0 sends).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "../../runtime/rpc/client.js";
import { RpcServer } from "../../runtime/rpc/server.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { describeEndpoints } from "../../runtime/registry/describe.js";
import { toServiceDef } from "../../runtime/rpc/define.js";
import { tableFromEndpoints } from "../../runtime/cli/dynamic/value-table.js";
import { startPlatform, type Platform } from "./support/platform.js";
import { kitchenDef, kitchenImpl } from "./support/services.js";
import { adminHome } from "./support/login.js";
import { runMicro } from "./support/micro.js";

let platform: Platform;
let server: RpcServer;
let home: { home: string; remove(): Promise<void> };
const micro = (...args: string[]) => runMicro(args, { home: home.home, port: platform.port });
const endpoints = () => describeEndpoints(toServiceDef(kitchenDef));

before(async () => {
  platform = await startPlatform();
  server = new RpcServer();
  server.add(kitchenDef, kitchenImpl);
  const port = await server.listen("127.0.0.1", 0);
  const registry = createClient(Registry, platform.admin());
  await registry.register({
    name: "kitchen", version: "latest", metadata: {}, endpoints: endpoints(),
    nodes: [{ id: "kitchen-go-1", address: `127.0.0.1:${port}`, metadata: { protocol: "grpc" } }],
    options: { ttl: 3600n },
  });
  home = await adminHome(platform.port);
});

after(async () => {
  await home?.remove();
  await server?.close(100);
  await platform?.close();
});

test("the table from Value trees: a flag per scalar leaf, nested dashed and dotted, lists, maps, the rest JSON", () => {
  const table = tableFromEndpoints("kitchen", endpoints().map((e) => ({ ...e, $typeName: "registry.Endpoint" }) as never));
  const order = table.commands.find((c) => c.endpoint === "Kitchen.Order")!;
  assert.deepEqual(order.path, ["kitchen", "order"]);
  assert.deepEqual(table.commands.find((c) => c.endpoint === "Kitchen.Count")!.streaming, "server_streaming");
  const flag = (name: string) => order.flags.find((f) => f.name === name);
  assert.equal(flag("quantity")?.type, "int32");
  assert.equal(flag("big")?.type, "int64");
  assert.equal(flag("urgent")?.switch, true);
  assert.deepEqual([flag("tags")?.type, flag("tags")?.repeated], ["string", true]);
  assert.deepEqual(flag("scores")?.map, { key: "string", value: "int32" });
  assert.deepEqual(flag("customer-address-city")?.jsonPath, ["customer", "address", "city"]);
  assert.deepEqual(flag("customer-address-city")?.aliases, ["customer.address.city"]);
  assert.deepEqual([flag("items")?.type, flag("items")?.repeated], ["json", true]);
  assert.match(order.help, /OrderRequest/);
});

test("micro kitchen order --flags calls it with gRPC+JSON and prints the JSON reply", async () => {
  const r = await micro("kitchen", "order", "--id=a1", "--quantity=3", "--big=9007199254740993", "--urgent",
    "--tags=x,y", "--scores", "k=2", "--customer.address.city=Oslo", '--items=[{"name":"n","qty":1}]');
  assert.equal(r.code, 0, r.stderr);
  const reply = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(reply.id, "a1");
  assert.equal(reply.quantity, 3);
  assert.equal(reply.big, "9007199254740993");
  assert.equal(reply.urgent, true);
  assert.deepEqual(reply.tags, ["x", "y"]);
  assert.deepEqual(reply.scores, { k: 2 });
  assert.deepEqual((reply.customer as { address: { city: string } }).address.city, "Oslo");
  assert.deepEqual(reply.items, [{ name: "n", qty: 1 }]);
  const bad = await micro("kitchen", "order", "--quantity=lots");
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--quantity: "lots" is not an integer/);
});

test("micro kitchen --help and micro kitchen order --help come from the endpoint metadata", async () => {
  const service = await micro("kitchen", "--help");
  assert.equal(service.code, 0, service.stderr);
  assert.match(service.stdout, /order\s+Kitchen\.Order/);
  assert.match(service.stdout, /count\s+Kitchen\.Count/);
  const order = await micro("kitchen", "order", "--help");
  assert.equal(order.code, 0, order.stderr);
  assert.match(order.stdout, /--customer-address-city\s+string/);
  assert.match(order.stdout, /--scores\s+map\[string\]int32/);
  // no descriptor, so no comments: the help is the endpoint's types
  assert.match(order.stdout, /OrderRequest → OrderRequest/);
  assert.doesNotMatch(order.stdout, /echoes/);
});

test("micro call passes the JSON through; a streaming endpoint prints each reply", async () => {
  const r = await micro("call", "kitchen", "Kitchen.Order", '{"id":"z","small":7}');
  assert.equal(r.code, 0, r.stderr);
  const reply = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(reply.id, "z");
  assert.equal(reply.small, 7);
  const stream = await micro("kitchen", "count", "--to=3");
  assert.equal(stream.code, 0, stream.stderr);
  assert.deepEqual(stream.stdout.trim().split("\n").map((l) => JSON.parse(l)), [{ n: "1" }, { n: "2" }, { n: "3" }]);
  const missing = await micro("call", "kitchen", "Kitchen.Nope", "{}");
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /Kitchen\.Nope" not found/);
});
