// A `micro server` with every primitive on an external engine (registry and config on etcd, events and broker on
// NATS JetStream, store on PostgreSQL, all throwaway servers started here) works end to end: a service registered
// through it is called through its gateway, an event published is consumed by a group, config set is read back,
// a broker message reaches a subscriber, and each lands in its engine (read there directly). Then what a bad or
// unreachable engine URL does to a start: a prompt error naming the flag, never the password.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Etcd3 } from "etcd3";
import { connect } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";
import pg from "pg";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { RemoteEvents } from "../../runtime/events/index.js";
import { RemoteBroker } from "../../runtime/broker/index.js";
import { RemoteConfig } from "../../runtime/config/index.js";
import { RemoteStore } from "../../runtime/store/index.js";
import { startServer, type ServerOptions } from "../../runtime/server/server.js";
import { startEtcd, type TestEtcd } from "../support/etcd.js";
import { startNats, type TestNats } from "../support/nats.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";
import { freePort, until } from "../support/wait.js";

let etcd: TestEtcd;
let nats: TestNats;
let postgres: TestPostgres;
before(async () => {
  [etcd, nats, postgres] = await Promise.all([startEtcd(), startNats(), startPostgres()]);
});
after(async () => {
  closeChannels();
  await Promise.all([etcd?.stop(), nats?.stop(), postgres?.stop()]);
});

async function withDataDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "micro-engines-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const quiet = { ports: { proxy: 0, api: 0, web: 0, host: "127.0.0.1" } } as Partial<ServerOptions>;

test("a server on etcd, NATS JetStream and PostgreSQL: services, gateway calls, events, config, broker and store", { timeout: 120_000 }, () =>
  withDataDir(async (dir) => {
    const lines: string[] = [];
    const server = await startServer({
      ...quiet, dataDir: dir, log: (l) => lines.push(l), store: postgres.url,
      engines: { registry: etcd.url, config: etcd.url, events: nats.url, broker: nats.url },
    });
    const etcdClient = new Etcd3({ hosts: etcd.endpoint });
    const nc = await connect({ servers: nats.url.replace("nats://", "") });
    let srv: Service | undefined;
    try {
      assert.match(lines.join("\n"), new RegExp(`ready: .*store ${postgres.url.replace(/[/.]/g, "\\$&")}.*registry ${etcd.url}, events ${nats.url}, broker ${nats.url}, config ${etcd.url}$`, "m"));
      const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
      const token = (await auth.token({ id: "admin", secret: "micro" })).token!.accessToken;
      const md = { authorization: `Bearer ${token}`, "micro-namespace": "micro" };
      await auth.generate({ id: "svc-helloworld", secret: "s3cret-for-tests", type: "service", options: { namespace: "micro" } }, { metadata: md });
      srv = new Service({ name: "helloworld", env: { proxy: server.proxyAddress, namespace: "micro", authId: "svc-helloworld", authSecret: "s3cret-for-tests" } });
      const transport = createGrpcTransport({ address: server.proxyAddress, metadata: () => md });

      // registry: the builtins and a framework service, held by etcd
      srv.handle(Helloworld, { call: (req) => ({ msg: `Hello ${req.name}` }), message: () => ({ msg: "" }), async *stream() {}, async *pingPong() {} });
      await srv.start();
      const keys = await etcdClient.getAll().prefix("/micro/registry/micro/").keys();
      assert.ok(keys.some((k) => k.startsWith("/micro/registry/micro/helloworld/")), `helloworld is in etcd (${keys.length} keys)`);
      assert.ok(keys.some((k) => k.startsWith("/micro/registry/micro/store/")), "so are the builtins");
      const res = await fetch(`http://${server.apiAddress}/helloworld/call?name=Ada`, { headers: { authorization: `Bearer ${token}`, "micro-namespace": "micro" } });
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { msg: "Hello Ada" });

      // events: a group consumes what is published, kept in the namespace's JetStream stream
      const events = new RemoteEvents(transport);
      const got: string[] = [];
      const abort = new AbortController();
      const consuming = (async () => {
        for await (const ev of events.consume("orders", { group: "shipping", signal: abort.signal })) got.push(ev.json<{ n: number }>().n.toString());
      })().catch(() => undefined);
      await until(async () => {
        await events.publish("orders", { n: got.length ? 2 : 1 });
        return got.length > 0 || undefined;
      }, "the group to get an event", 30_000, 200);
      abort.abort();
      await consuming;
      const jsm = await jetstreamManager(nc);
      assert.ok((await jsm.streams.info("micro-events-micro")).state.messages >= 1, "the event is in JetStream");
      assert.ok((await events.read("orders")).length >= 1, "and readable from the events store");

      // config: set through the server, stored in etcd
      const config = new RemoteConfig(transport);
      await config.set("db.host", { data: JSON.stringify("pg.internal") });
      assert.equal((await config.get("db")).data, '{"host":"pg.internal"}');
      assert.ok((await etcdClient.getAll().prefix("/micro/config/docs/micro/").keys()).length >= 1, "the leaf is in etcd");

      // broker: a message crosses NATS (a plain NATS subscriber on the broker's subjects sees it too)
      const broker = new RemoteBroker(transport);
      const direct = nc.subscribe("micro.broker.micro.>");
      await nc.flush(); // the subscription is at the server before anything is published
      const heard: string[] = [];
      const brokerAbort = new AbortController();
      const subscribing = (async () => {
        for await (const m of broker.subscribe("news", { signal: brokerAbort.signal })) heard.push(new TextDecoder().decode(m.body));
      })().catch(() => undefined);
      await until(async () => {
        await broker.publish("news", { body: new TextEncoder().encode("extra") });
        return heard.length > 0 || undefined;
      }, "the broker message", 30_000, 200);
      brokerAbort.abort();
      await subscribing;
      assert.ok(direct.getReceived() >= 1, "the message went through NATS");
      direct.unsubscribe();

      // store: PostgreSQL holds it
      const store = new RemoteStore(transport);
      await store.write({ key: "k", value: new TextEncoder().encode("v") });
      const db = new pg.Client(postgres.url);
      await db.connect();
      try {
        const { rows } = await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
        assert.ok(rows[0].n >= 1, "the store's tables are in PostgreSQL");
      } finally {
        await db.end();
      }
    } finally {
      await srv?.stop();
      await server.close();
      etcdClient.close();
      await nc.close();
    }
  }));

test("a bad or unreachable engine URL fails the start promptly, naming the flag and never the password", { timeout: 120_000 }, async () => {
  const dead = await freePort();
  const cases: Array<[Partial<ServerOptions>, RegExp]> = [
    [{ engines: { events: `nats://micro:hunter2@127.0.0.1:${dead}` } }, new RegExp(`^--events: cannot reach nats://micro:\\*\\*\\*@127\\.0\\.0\\.1:${dead}: `)],
    [{ engines: { broker: `nats://127.0.0.1:${dead}` } }, new RegExp(`^--broker: cannot reach nats://127\\.0\\.0\\.1:${dead}: `)],
    [{ engines: { registry: `etcd://root:hunter2@127.0.0.1:${dead}` } }, new RegExp(`^--registry: cannot reach etcd://root:\\*\\*\\*@127\\.0\\.0\\.1:${dead}: `)],
    [{ engines: { config: `etcd://127.0.0.1:${dead}` } }, new RegExp(`^--config: cannot reach etcd://127\\.0\\.0\\.1:${dead}: `)],
    [{ engines: { registry: "nats://127.0.0.1:4222" } }, /^--registry: unsupported engine "nats" \(supported: embedded, etcd:\/\/…\)$/],
    [{ engines: { events: "not a url" } }, /^--events: not a URL \(expected nats:\/\/host:4222, or embedded\)$/],
  ];
  for (const [options, expected] of cases) {
    await withDataDir(async (dir) => {
      const err = await startServer({ ...quiet, ...options, dataDir: dir, log: () => undefined }).then(
        async (s) => { await s.close(); return undefined; },
        (e: Error) => e,
      );
      assert.ok(err, `${JSON.stringify(options)} must fail the start`);
      assert.match(err.message, expected);
      assert.doesNotMatch(err.message, /hunter2/);
    });
  }
  // MICRO_* env is read when no flag is given (the flag wins when both are)
  await withDataDir(async (dir) => {
    process.env.MICRO_BROKER = `nats://127.0.0.1:${dead}`;
    try {
      await assert.rejects(startServer({ ...quiet, dataDir: dir, log: () => undefined }), /^Error: --broker: cannot reach/);
    } finally {
      delete process.env.MICRO_BROKER;
    }
  });
});
