// Three `micro server` processes on shared engines (etcd, NATS JetStream, PostgreSQL; test/support/cluster.ts)
// behave as one platform: a service registered through A is called through B's gateway, B's proxy and the CLI
// pointed at C; an event published through A reaches each consumer group, whose members subscribed through B and C,
// exactly once per group; a config change through B reaches a watcher through A; accounts, rules, access and
// refresh tokens issued through one server are honoured by the others, and a service verifies tokens any server
// signed (the shared key set in the auth service's registry entry).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Helloworld } from "../gen/helloworld_pb.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { RemoteEvents } from "../../runtime/events/index.js";
import { connectConfig, RemoteConfig } from "../../runtime/config/index.js";
import { RemoteAuth } from "../../runtime/auth/remote.js";
import { parseJwks } from "../../runtime/auth/jwks.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { runMicro, tempHome } from "../cli/support/micro.js";
import { startCluster, type Cluster } from "../support/cluster.js";
import { until } from "../support/wait.js";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Runtime as RuntimeDesc } from "../../runtime/gen/runtime/runtime_pb.js";

let cluster: Cluster;
let service: Service;
const SECRET = "s3cret-for-the-cluster";

before(async () => {
  cluster = await startCluster({ servers: 3 });
  const [a] = cluster.servers;
  // the service account is made through A, the service registers through A
  const auth = createClient(Auth, createGrpcTransport({ address: a!.proxyAddress }));
  await auth.generate({ id: "svc-helloworld", secret: SECRET, type: "service", options: { namespace: "micro" } }, { metadata: await cluster.adminMetadata("micro", 0) });
  service = new Service({ name: "helloworld", env: { proxy: a!.proxyAddress, namespace: "micro", authId: "svc-helloworld", authSecret: SECRET } });
  service.handle(Helloworld, { call: (req) => ({ msg: `Hello ${req.name}` }), message: () => ({ msg: "" }), async *stream() {}, async *pingPong() {} });
  await service.start();
}, { timeout: 240_000 });

after(async () => {
  await service?.stop();
  closeChannels();
  await cluster?.stop();
}, { timeout: 120_000 });

const transportTo = (i: number, md?: () => Promise<Metadata>) => createGrpcTransport({ address: cluster.servers[i]!.proxyAddress, metadata: md });

test("a service registered through A is called through B's gateway and proxy, and through the CLI pointed at C", { timeout: 120_000 }, async () => {
  const [, b, c] = cluster.servers;
  // B's gateway, with a token B issued (the service checks it against B's key, found in the shared key set)
  const tokenB = await cluster.adminToken(1);
  const res = await until(async () => {
    const r = await fetch(`http://${b!.apiAddress}/helloworld/call?name=Ada`, { headers: { authorization: `Bearer ${tokenB}` } });
    return r.status === 200 ? r : undefined;
  }, "helloworld through B's gateway", 30_000, 200);
  assert.deepEqual(await res.json(), { msg: "Hello Ada" });
  // anonymous, through B's gateway: B signs a call token, the service (on A) verifies it
  const anonymous = await fetch(`http://${b!.apiAddress}/helloworld/call?name=Anon`);
  assert.equal(anonymous.status, 200, await anonymous.clone().text());
  // B's proxy
  const client = createClient(Helloworld, transportTo(1, () => cluster.adminMetadata("micro", 1)));
  assert.equal((await client.call({ name: "Bo" })).msg, "Hello Bo");
  // the CLI, logged in and calling through C
  const home = await tempHome();
  try {
    const port = Number(c!.proxyAddress.split(":")[1]);
    const login = await runMicro(["login", "--email", "admin", "--password-stdin"], { home: home.home, port, input: "micro\n" });
    assert.equal(login.code, 0, login.stderr);
    const call = await runMicro(["call", "helloworld", "Helloworld.Call", '{"name": "Cy"}'], { home: home.home, port });
    assert.equal(call.code, 0, call.stderr);
    assert.match(call.stdout, /Hello Cy/);
    const services = await runMicro(["services"], { home: home.home, port });
    assert.match(services.stdout, /^helloworld$/m);
  } finally {
    await home.remove();
  }
});

test("each builtin resolves to the server asked: the registry lists every server's builtins, calls never leave the server", { timeout: 60_000 }, async () => {
  const registry = createClient(Registry, transportTo(2, () => cluster.adminMetadata("micro", 2)));
  const { services } = await registry.getService({ service: "store", options: { domain: "micro" } });
  assert.equal(services.flatMap((s) => s.nodes).length, 3, "three servers' store nodes are listed");
  // the auth entry carries every server's key, so a service verifies tokens whichever server signed them
  const auth = (await registry.getService({ service: "auth", options: { domain: "micro" } })).services[0]!;
  const kids = parseJwks(auth.metadata.jwks).keys.map((k) => k.kid);
  assert.equal(new Set(kids).size, 3, `the key set has the three servers' keys (${kids.join(", ")})`);
});

test("an event published through A reaches each consumer group once, its members subscribed through B and C", { timeout: 120_000 }, async () => {
  const md = (via: number) => () => cluster.adminMetadata("micro", via);
  const publisher = new RemoteEvents(transportTo(0, md(0)));
  const got: Record<string, number[]> = { billing: [], audit: [] };
  const abort = new AbortController();
  const member = (via: number, group: string) => (async () => {
    const events = new RemoteEvents(transportTo(via, md(via)));
    for await (const ev of events.consume("orders-x", { group, signal: abort.signal })) got[group]!.push(ev.json<{ n: number }>().n);
  })().catch(() => undefined);
  const members = [member(1, "billing"), member(2, "billing"), member(2, "audit")];
  // the groups exist once a first event (n = 0) reached both
  await until(async () => {
    await publisher.publish("orders-x", { n: 0 });
    return got.billing!.includes(0) && got.audit!.includes(0) || undefined;
  }, "both groups to receive a first event", 60_000, 300);
  const N = 50;
  for (let n = 1; n <= N; n++) await publisher.publish("orders-x", { n });
  const numbered = (g: string) => got[g]!.filter((n) => n > 0);
  await until(async () => (numbered("billing").length >= N && numbered("audit").length >= N) || undefined, "every event in both groups", 60_000);
  // a redelivery would come after the ack wait: give it a second, then nothing may have come twice
  await new Promise((r) => setTimeout(r, 1500));
  abort.abort();
  await Promise.all(members);
  for (const g of ["billing", "audit"]) {
    const ns = numbered(g);
    assert.equal(ns.length, N, `${g} got each event once (${ns.length} deliveries of ${N})`);
    assert.deepEqual([...new Set(ns)].sort((x, y) => x - y), Array.from({ length: N }, (_, i) => i + 1));
  }
});

test("a config change through B reaches a watcher through A", { timeout: 60_000 }, async () => {
  const watcher = connectConfig(transportTo(0, () => cluster.adminMetadata("micro", 0)), { watchIntervalMs: 200 });
  const seen: string[] = [];
  const stop = watcher.watch("cluster.feature", (entry) => void seen.push(JSON.stringify(entry)));
  await stop.ready;
  try {
    await new RemoteConfig(transportTo(1, () => cluster.adminMetadata("micro", 1))).set("cluster.feature", { data: JSON.stringify("on-through-b") });
    await until(async () => seen.some((s) => s.includes("on-through-b")) || undefined, "the watcher through A to see B's change", 30_000);
  } finally {
    stop();
  }
});

test("accounts, rules and tokens issued through one server are honoured by the others", { timeout: 120_000 }, async () => {
  const [a, b, c] = cluster.servers;
  const authVia = (i: number) => createClient(Auth, transportTo(i));
  // signup through A (a new namespace), login through B, the token inspected through C
  await authVia(0).generate({ id: "ada@example.com", secret: "a-long-enough-password", options: { namespace: "tenant-x" } }, { metadata: await cluster.adminMetadata("micro", 0) });
  const pair = (await authVia(1).token({ id: "ada@example.com", secret: "a-long-enough-password", options: { namespace: "tenant-x" } })).token!;
  const inspected = await new RemoteAuth(transportTo(2)).inspect(pair.accessToken);
  assert.equal(inspected.id, "ada@example.com");
  assert.equal(inspected.issuer, "tenant-x");
  // B's refresh token works once, through C; a second use through A is refused
  const refreshed = (await authVia(2).token({ refreshToken: pair.refreshToken })).token!;
  assert.ok(refreshed.accessToken);
  await assert.rejects(authVia(0).token({ refreshToken: pair.refreshToken }), /refresh token/);
  // a rule created through A closes helloworld to anonymous callers at B's gateway; deleted through C, it opens
  const rules = new RemoteAuth(transportTo(0, () => cluster.adminMetadata("micro", 0)));
  await rules.createRule({ id: "close-helloworld", scope: "*", resource: { type: "service", name: "helloworld", endpoint: "*" }, access: "granted", priority: 10 });
  await rules.createRule({ id: "deny-anonymous", scope: "", resource: { type: "service", name: "helloworld", endpoint: "*" }, access: "denied", priority: 9 });
  const anonymousAtB = async () => (await fetch(`http://${b!.apiAddress}/helloworld/call?name=x`)).status;
  await until(async () => ((await anonymousAtB()) === 401 ? true : undefined), "B's gateway to refuse an anonymous call", 30_000, 200);
  // an account of the namespace still gets in, with a token A issued, through B
  const ok = await fetch(`http://${b!.apiAddress}/helloworld/call?name=y`, { headers: { authorization: `Bearer ${await cluster.adminToken(0)}` } });
  assert.equal(ok.status, 200, await ok.clone().text());
  const rulesC = new RemoteAuth(transportTo(2, () => cluster.adminMetadata("micro", 2)));
  await rulesC.deleteRule("deny-anonymous");
  await rulesC.deleteRule("close-helloworld");
  await until(async () => ((await anonymousAtB()) === 200 ? true : undefined), "B's gateway to admit anonymous calls again", 30_000, 200);
  // an account deleted through C can no longer get a token through A
  await new RemoteAuth(transportTo(2, () => cluster.adminMetadata("micro", 2))).deleteAccount("ada@example.com", { namespace: "tenant-x" });
  await assert.rejects(authVia(0).token({ id: "ada@example.com", secret: "a-long-enough-password", options: { namespace: "tenant-x" } }), /invalid account id or secret/);
  void a; void c;
});

test("the local runtime: each server runs what was started through it; status, logs, update and kill through any server", { timeout: 180_000 }, async () => {
  // a dependency-free service the server's user can read (the servers give root up)
  const dir = await mkdtemp(join(tmpdir(), "cluster-svc-"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "rt-hello", version: "1.0.0", scripts: { start: "node main.js" } }));
  await writeFile(join(dir, "main.js"), "console.log('hello from ' + process.env.MICRO_SERVICE_NAME + ' via ' + process.env.MICRO_PROXY); setInterval(() => {}, 1000);");
  await chmod(dir, 0o755);
  const rt = (i: number) => createClient(RuntimeDesc, transportTo(i, () => cluster.adminMetadata("micro", i)));
  const status = async (i: number) => (await rt(i).read({ options: { service: "rt-hello" } })).services[0];
  try {
    await rt(0).create({ resource: { service: { name: "rt-hello", version: "latest", source: dir } } });
    // A runs it; B and C list it from the shared record, as running once A has recorded that
    const seen = await until(async () => {
      const [b, c] = [await status(1), await status(2)];
      return b?.metadata.status === "running" && c?.metadata.status === "running" ? b : undefined;
    }, "rt-hello running in B's and C's status", 60_000, 250);
    assert.match(seen.metadata.note ?? "", /runs on server .*:\d+/, "the record says which server runs it");
    assert.equal((await status(0))?.metadata.note ?? "", "", "A shows it as its own");
    // the same name through B while A runs it: refused, naming where it runs
    await assert.rejects(rt(1).create({ resource: { service: { name: "rt-hello", version: "latest", source: dir } } }), /already running on server/);
    // logs through C come from A (the process printed A's proxy address)
    const lines = await until(async () => {
      const got: string[] = [];
      for await (const r of rt(2).logs({ service: "rt-hello" })) got.push(r.message);
      return got.some((l) => l.includes(`via ${cluster.servers[0]!.proxyAddress}`)) ? got : undefined;
    }, "rt-hello's logs through C", 30_000, 250);
    assert.ok(lines.length > 0);
    // update through B is done by A
    await rt(1).update({ resource: { service: { name: "rt-hello", source: dir } } });
    await until(async () => /runtime: micro\/rt-hello updated/.test(cluster.servers[0]!.output()) || undefined, "A to do the update", 60_000, 250);
    assert.doesNotMatch(cluster.servers[1]!.output(), /rt-hello update/, "B forwarded it rather than updating anything itself");
    // kill through C: A stops it, and no server lists it any more
    await rt(2).delete({ resource: { service: { name: "rt-hello" } } });
    for (const i of [0, 1, 2]) assert.equal(await status(i), undefined, `server ${i} no longer lists rt-hello`);
    assert.match(cluster.servers[0]!.output(), /runtime: micro\/rt-hello killed/, "A stopped it");
  } finally {
    await rt(0).delete({ resource: { service: { name: "rt-hello" } } }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});
