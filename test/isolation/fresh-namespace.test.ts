// A fresh namespace through the HTTP gateway, as the auth issue describes it: one default rule that makes its own
// services' endpoints public, never the builtins — they need an account of the namespace, their management
// endpoints its admin scope — and no rule can open a builtin.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../runtime/server/server.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels, createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";
import { Auth, Rules } from "../../runtime/gen/auth/auth_pb.js";
import { Helloworld } from "../gen/helloworld_pb.js";

test("a fresh namespace: its services public through the gateway, its builtins for accounts, management for admins", async () => {
  const dir = await mkdtemp(join(tmpdir(), "iso-fresh-"));
  const server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  let svc: Service | undefined;
  try {
    const proxy = (md: Metadata) => createGrpcTransport({ address: server.proxyAddress, metadata: () => md });
    const login = async (id: string, secret: string) =>
      (await createClient(Auth, proxy({ "micro-namespace": "delta" })).token({ id, secret, options: { namespace: "delta" } })).token!.accessToken;
    // signup: anonymous Auth.Generate in a namespace nobody has
    await createClient(Auth, proxy({ "micro-namespace": "delta" })).generate({ id: "founder", secret: "founder-pw-1", options: { namespace: "delta" } });
    const founder = await login("founder", "founder-pw-1");
    const asFounder = proxy({ authorization: `Bearer ${founder}`, "micro-namespace": "delta" });
    assert.deepEqual((await createClient(Rules, asFounder).list({})).rules.map((r) => ({ ...r, $typeName: undefined, resource: { ...r.resource, $typeName: undefined } })), [
      { $typeName: undefined, id: "default", scope: "", resource: { $typeName: undefined, type: "service", name: "*", endpoint: "*" }, access: 1, priority: 0 },
    ], "one default rule: every endpoint of the namespace's own services, public");
    await createClient(Auth, asFounder).generate({ id: "dan", secret: "dan-pw-1" });
    await createClient(Auth, asFounder).generate({ id: "service.hello", secret: "hello-pw-1", type: "service" });
    const dan = await login("dan", "dan-pw-1");
    svc = new Service({ name: "hello", env: { proxy: server.proxyAddress, namespace: "delta", authId: "service.hello", authSecret: "hello-pw-1" } });
    svc.handle(Helloworld, {
      call: (req) => ({ msg: `Hello ${req.name}` }), message: (req) => ({ msg: req.name }),
      async *stream() { yield { count: 1n }; }, async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke }; },
    });
    await svc.start();

    const [host, port] = server.apiAddress.split(":");
    const gateway = (path: string, token?: string, ns: Record<string, string> = { "micro-namespace": "delta" }) => new Promise<number>((resolve, reject) => {
      const headers: Record<string, string> = { "content-type": "application/json", ...ns, ...(token ? { authorization: `Bearer ${token}` } : {}) };
      http.request({ host, port: Number(port), path, method: "POST", headers }, (res) => { res.resume(); resolve(res.statusCode === 204 ? 200 : res.statusCode!); })
        .on("error", reject).end("{}");
    });
    const expect: [string, string | undefined, number][] = [
      // the namespace's own service: public, by header (and by host, below); 204 counts as 200
      ["/hello/helloworld/call", undefined, 200],
      // builtins: never public, whatever the rules say
      ...["/store/store/read", "/store/store/databases", "/config/config/read", "/events/store/read", "/broker/broker/publish",
        "/registry/registry/list-services", "/runtime/runtime/read", "/auth/accounts/list", "/auth/rules/list"]
        .map((p): [string, string | undefined, number] => [p, undefined, 401]),
      // an account of the namespace uses its builtins…
      ["/store/store/databases", dan, 200], ["/config/config/read", dan, 404], ["/registry/registry/list-services", dan, 200],
      // …but their management endpoints need the admin scope
      ["/auth/accounts/list", dan, 403], ["/auth/rules/list", dan, 403], ["/runtime/runtime/read", dan, 403],
      ["/auth/accounts/list", founder, 200], ["/runtime/runtime/read", founder, 200],
    ];
    let cases = 0;
    const wrong: string[] = [];
    for (const [path, token, status] of expect) {
      cases++;
      const got = await gateway(path, token);
      if (got !== status) wrong.push(`${path} as ${token === dan ? "dan" : token ? "founder" : "anonymous"}: ${got}, expected ${status}`);
    }
    cases++;
    const byHost = await gateway("/hello/helloworld/call", undefined, { host: `delta.localhost:${port}` });
    if (byHost !== 200) wrong.push(`the service by host: ${byHost}`);
    // a rule naming a builtin opens nothing
    await createClient(Rules, asFounder).create({ rule: { id: "open-store", scope: "", resource: { type: "service", name: "store", endpoint: "*" }, access: 1, priority: 100 } });
    cases++;
    if ((await gateway("/store/store/read")) !== 401) wrong.push("a public rule on store opened it to anonymous callers");
    console.log(`${cases} cases, ${wrong.length} wrong`);
    assert.deepEqual(wrong, []);
  } finally {
    await svc?.stop();
    await server.close();
    closeChannels();
    await rm(dir, { recursive: true, force: true });
  }
});
