// The gateway's other threads (runtime/server/gateway-threads.ts): a thread serves the real gateway on its own copy
// of the listening socket, with the main thread's admission and registry. The main thread here is a stand-in
// server that stops listening once the thread is up, so that every connection below is the thread's.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http from "node:http";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { GatewayThreads, gatewayThreadCount } from "../../runtime/server/gateway-threads.js";
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { DESCRIPTOR_KEY, describeEndpoints, encodeDescriptor } from "../../runtime/registry/describe.js";
import { RpcServer, MicroError } from "../../runtime/rpc/index.js";
import type { AdmitRequest } from "../../runtime/auth/index.js";
import { startServer } from "../../runtime/server/server.js";
import { call, helloworld } from "../gateway/harness.js";
import { freePort } from "../support/wait.js";

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
};

async function helloworldAt(tag: string): Promise<{ server: RpcServer; node: { id: string; address: string; metadata: Record<string, string> } }> {
  const server = new RpcServer();
  server.add(helloworld(tag).def, helloworld(tag).impl, { name: "helloworld" });
  const address = `127.0.0.1:${await server.listen("127.0.0.1", 0)}`;
  return { server, node: { id: `helloworld-${address}`, address, metadata: {} } };
}

function record(nodes: { id: string; address: string; metadata: Record<string, string> }[]) {
  const defs = [helloworld().def];
  return { name: "helloworld", version: "latest", metadata: { [DESCRIPTOR_KEY]: encodeDescriptor(defs) }, endpoints: defs.flatMap(describeEndpoints), nodes };
}

test("a gateway thread serves calls on a copy of the socket, with the main thread's admission and registry", async (t) => {
  const registry = new MemoryRegistry();
  const stand = http.createServer((_req, res) => res.end("the main thread"));
  stand.listen({ port: 0, host: "127.0.0.1", backlog: 511 });
  await once(stand, "listening");
  const base = `http://127.0.0.1:${(stand.address() as { port: number }).port}`;
  const asks: AdmitRequest[] = [];
  const logs: string[] = [];
  const relayed: http.IncomingHttpHeaders[] = [];
  const threads = new GatewayThreads({
    server: stand, backlog: 511, version: "threads-test", internalAddress: "127.0.0.1:1", hosted: [], registry, count: 1,
    admit: async (ask) => {
      asks.push(ask);
      if (ask.headers["x-refuse"]) throw new MicroError("micro.auth", 403, "refused on purpose");
      return { namespace: "micro" };
    },
    log: (text) => logs.push(...text.split("\n")),
    // the main thread's MCP sessions: what a thread relays `/mcp` to
    mcp: async (req, res) => {
      relayed.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ relayed: req.url }));
    },
  });
  const services: RpcServer[] = [];
  t.after(async () => {
    await threads.close();
    stand.close();
    await Promise.all(services.map((s) => s.close(100)));
    registry.close();
  });
  assert.equal(threads.size, 1);
  await threads.ready();
  // the thread's own AsyncResource binds without node's deprecated accessor, as the server's main thread does
  assert.deepEqual(threads.leanBind, [true]);
  // the main thread's descriptor closes; the thread's copy keeps the socket listening
  await new Promise((r) => stand.close(r));
  assert.deepEqual((await call(base, "/")).json, { version: "threads-test" });

  // not registered: 404; registered a moment later: found (an empty answer of the registry is never kept)
  assert.equal((await call(base, "/helloworld/call?name=A")).status, 404);
  const first = await helloworldAt("");
  services.push(first.server);
  await registry.register(record([first.node]));
  assert.deepEqual((await call(base, "/helloworld/call?name=Alice")).json, { msg: "Hello Alice" });
  const asked = asks.find((a) => a.service === "helloworld");
  assert.equal(asked?.endpoint, "Helloworld.Call", "the main thread admitted the call");

  // a refusal of the main thread's admission is the client's answer, envelope and status
  const refused = await call(base, "/helloworld/call?name=A", { headers: { "x-refuse": "yes" } });
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.json, { id: "micro.auth", code: 403, detail: "refused on purpose", status: "Forbidden" });

  // the instance is replaced and the old one stops: the thread knows at once (it kept the registry's last answer,
  // which named the old instance only, and would otherwise use it for up to a second: a 503)
  const second = await helloworldAt("!");
  services.push(second.server);
  await registry.register(record([second.node]));
  await registry.deregister(record([first.node]));
  await first.server.close(0);
  assert.deepEqual((await call(base, "/helloworld/call?name=Bob")).json, { msg: "Hello Bob!" });

  // MCP sessions are the main thread's: the thread relays `/mcp` there, with the caller's headers and without the
  // relay's secret
  const mcp = await call(base, "/mcp?builtins=true", { method: "POST", body: "{}", headers: { authorization: "Bearer abc" } });
  assert.deepEqual([mcp.status, mcp.json], [200, { relayed: "/mcp?builtins=true" }]);
  assert.equal(relayed[0]?.authorization, "Bearer abc");
  assert.deepEqual(Object.keys(relayed[0]!).filter((k) => k.includes("relay")), []);

  // the thread's access log reaches the main thread's log
  await until(() => logs.some((l) => /^api GET \/helloworld\/call 200 .* ns=micro /.test(l)));

  await threads.close();
  await assert.rejects(fetch(base + "/"), "nothing listens once the threads are closed");
});

test("MICRO_API_THREADS sets the number of gateway threads; by default one fewer than the cores, at most 3", () => {
  assert.equal(gatewayThreadCount({ MICRO_API_THREADS: "0" }), 0);
  assert.equal(gatewayThreadCount({ MICRO_API_THREADS: "2" }), 2);
  assert.throws(() => gatewayThreadCount({ MICRO_API_THREADS: "two" }), /MICRO_API_THREADS=two is not a whole number/);
  assert.equal(gatewayThreadCount({}), Math.min(3, availableParallelism() - 1));
});

test("a bad MICRO_API_THREADS fails micro server's start before anything listens", async () => {
  const home = await mkdtemp(join(tmpdir(), "micro-api-threads-"));
  const dir = join(home, "data");
  const api = await freePort();
  process.env.MICRO_API_THREADS = "-1";
  try {
    await assert.rejects(
      startServer({ dataDir: dir, ports: { proxy: 0, api, web: 0, host: "127.0.0.1" }, log: () => undefined }),
      /^RangeError: MICRO_API_THREADS=-1 is not a whole number$/,
    );
    // nothing was opened: no data directory, and the gateway's port can be listened on at once
    assert.equal(existsSync(dir), false, "the data directory was made");
    const probe = http.createServer();
    await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(api, "127.0.0.1", resolve));
    await new Promise((r) => probe.close(r));
  } finally {
    delete process.env.MICRO_API_THREADS;
    await rm(home, { recursive: true, force: true });
  }
});
