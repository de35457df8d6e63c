// A listening server whose loop is swamped accepts many connections per loop iteration (runtime/server/bulk-accept.ts):
// node 20 accepts one per iteration per listening handle, so without the copies every connection below would be
// accepted in an iteration of its own. The loop is made busy by a chain of immediates that each burn 10 ms (one per
// iteration: the counter tells iterations apart), 200 connections wait in the accept queue; the test waits for the
// loop's progress, never for a wall-clock deadline.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import { once } from "node:events";
import { readFileSync, readdirSync } from "node:fs";
import { BulkAccept } from "../../runtime/server/bulk-accept.js";
import { copiesOfDescriptor, listeningFd } from "../../runtime/server/socket-copies.js";

const until = async (done: () => boolean): Promise<void> => {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
};

async function listening(onConnection: (s: net.Socket) => void): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer(onConnection);
  server.listen({ port: 0, host: "127.0.0.1", backlog: 511 });
  await once(server, "listening");
  return { server, port: (server.address() as net.AddressInfo).port };
}

/** 200 clients connect while the loop burns 10 ms per iteration, until `stop` (or the test's end). */
function swamp(t: TestContext, port: number): { stop(): void } {
  const clients: net.Socket[] = [];
  let burning = true;
  const burn = () => {
    const start = performance.now();
    while (performance.now() - start < 10);
    if (burning) setImmediate(burn);
  };
  t.after(() => {
    burning = false;
    for (const c of clients) c.destroy();
  });
  for (let i = 0; i < 200; i++) clients.push(net.connect(port, "127.0.0.1").on("error", () => undefined));
  burn();
  return { stop: () => (burning = false) };
}

test("a swamped loop accepts many connections per iteration on copies of the socket, and drops them when calm", async (t) => {
  let iteration = 0;
  const acceptedIn = new Map<number, number>(); // iteration → connections accepted in it
  const sockets: net.Socket[] = [];
  const { server, port } = await listening((s) => {
    sockets.push(s);
    acceptedIn.set(iteration, (acceptedIn.get(iteration) ?? 0) + 1);
  });
  const logged: string[] = [];
  const bulk = new BulkAccept(server, { backlog: 511, copies: 16, sampleMs: 100, calmMs: 300, log: (l) => logged.push(l) });
  const clients: net.Socket[] = [];
  t.after(() => {
    bulk.close();
    server.close();
    for (const s of [...sockets, ...clients]) s.destroy();
  });
  await bulk.ready();
  assert.equal(bulk.active, 0, "no copy listens before the loop is swamped");

  let burning = true;
  const burn = () => {
    iteration++;
    const start = performance.now();
    while (performance.now() - start < 10);
    if (burning) setImmediate(burn);
  };
  for (let i = 0; i < 200; i++) clients.push(net.connect(port, "127.0.0.1").on("error", () => undefined));
  burn();
  await until(() => sockets.length === 200);
  burning = false;

  const most = Math.max(...acceptedIn.values());
  assert.ok(most > 1, `some iteration accepted more than one connection (most in one: ${most})`);
  assert.ok(logged.some((l) => /accepting on 16 more copies of the socket/.test(l)), logged.join("\n"));

  // calm: the copies close, fresh ones are taken for the next swamp
  for (const c of clients) c.destroy();
  await until(() => bulk.active === 0);
  await bulk.ready();
  assert.ok(logged.some((l) => /calm again/.test(l)), logged.join("\n"));

  // once closed, nothing listens on the port any more: no copy, no copier child
  bulk.close();
  server.close();
  for (const s of sockets) s.destroy();
  const refused = await new Promise<string>((resolve) => {
    const probe = net.connect(port, "127.0.0.1");
    probe.on("connect", () => { probe.destroy(); resolve("connected"); });
    probe.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
  assert.equal(refused, "ECONNREFUSED");
});

test("connections to a calm loop open no copies", async (t) => {
  const { server, port } = await listening((s) => s.end());
  const bulk = new BulkAccept(server, { backlog: 511, copies: 16, sampleMs: 50, calmMs: 100 });
  t.after(() => {
    bulk.close();
    server.close();
  });
  await bulk.ready();
  for (let i = 0; i < 30; i++) {
    const c = net.connect(port, "127.0.0.1");
    await once(c, "close");
    await new Promise((r) => setTimeout(r, 5)); // the loop idles between connections, as a calm server's does
  }
  await new Promise((r) => setTimeout(r, 200)); // a few samples of the idle loop
  assert.equal(bulk.active, 0);
});

test("with other threads on the same socket, copies open only while every thread is swamped", async (t) => {
  const sockets: net.Socket[] = [];
  const { server, port } = await listening((s) => sockets.push(s));
  // this loop is thread 0; thread 1 idles (10% busy): this thread's copies would take its connections
  const loads = new Int32Array(new SharedArrayBuffer(8)).fill(100);
  Atomics.store(loads, 1, 10);
  const bulk = new BulkAccept(server, { backlog: 511, copies: 16, sampleMs: 100, calmMs: 300, peers: { index: 0, loads } });
  t.after(() => {
    bulk.close();
    server.close();
    for (const s of sockets) s.destroy();
  });
  await bulk.ready();
  const swamped = swamp(t, port);
  await until(() => sockets.length >= 60);
  assert.equal(bulk.active, 0, "no copies while the other thread idles");
  assert.ok(Atomics.load(loads, 0) >= 90, `this thread published its load (${Atomics.load(loads, 0)}%)`);
  Atomics.store(loads, 1, 95); // the other thread is swamped too
  await until(() => bulk.active > 0 || sockets.length === 200);
  swamped.stop();
  assert.equal(bulk.active, 16, "copies open once every thread is swamped");
});

test("copies made beforehand (a gateway thread's, with the copy it listens on) serve a swamp, with no copier of its own", async (t) => {
  const sockets: net.Socket[] = [];
  const { server, port } = await listening((s) => sockets.push(s));
  const spare = await copiesOfDescriptor(listeningFd(server)!, 16);
  const children = () => readdirSync("/proc/self/task").map((task) => readFileSync(`/proc/self/task/${task}/children`, "utf8").trim()).join(" ").trim();
  const before = children();
  const logged: string[] = [];
  const bulk = new BulkAccept(server, { backlog: 511, copies: 16, spare, sampleMs: 100, calmMs: 60_000, log: (l) => logged.push(l) });
  const started = children(); // a copier is spawned as the constructor runs
  t.after(() => {
    bulk.close();
    server.close();
    for (const s of sockets) s.destroy();
  });
  assert.equal(started, before, "no copier child started");
  await bulk.ready();
  const swamped = swamp(t, port);
  await until(() => sockets.length === 200);
  swamped.stop();
  assert.equal(bulk.active, 16, logged.join("\n"));
});
