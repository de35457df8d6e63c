// `micro new --lang go|python` through the real CLI and a real server: the scaffold is generated with each
// language's own tools, built and started by the server, and registers like a TypeScript service — the CLI and
// the API gateway (HTTP and WebSocket) call it through its descriptor, and it deregisters when killed.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import * as grpc from "@grpc/grpc-js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { fromGrpcError } from "../../runtime/rpc/errors.js";
import { toolsCache } from "../../generators/emit/sdk/tools.js";
import { withServer, type TestServer } from "../support/server.js";
import { pathWithOnlyNode, runMicro, tempHome } from "./support/micro.js";
import { adminHome } from "./support/login.js";
import { until } from "../support/wait.js";
import { skipUnless, type ToolName } from "../support/tools.js";

interface Lang {
  lang: "go" | "python";
  name: string;
  files: string[];
  /** Tools this language's scaffold is made and built with (optional: skipped without them outside CI). */
  needs: ToolName[];
}

const LANGS: Lang[] = [
  {
    lang: "go", name: "svc-go",
    files: ["go.mod", "go.sum", "main.go", "register.go", "handler/svc-go.go", "proto/svc-go.proto", "proto/svc-go.pb.go", "proto/svc-go_grpc.pb.go", ".gitignore", "README.md"],
    needs: ["go", "protoc"],
  },
  {
    lang: "python", name: "svc-py",
    files: ["requirements.txt", "main.py", "register.py", "handler.py", "proto/svc_py.proto", "proto/svc_py_pb2.py", "proto/svc_py_pb2_grpc.py", ".gitignore", "README.md"],
    needs: ["python3", "grpcio-tools"],
  },
];

/** The CLI runs with a temporary HOME: point Go's caches and the generator cache at the real ones. */
function toolEnv(): Record<string, string> {
  const env: Record<string, string> = { MICRO_TOOLS_CACHE: toolsCache() };
  try {
    const [modcache, cache, path] = execFileSync("go", ["env", "GOMODCACHE", "GOCACHE", "GOPATH"], { encoding: "utf8" }).trim().split("\n");
    Object.assign(env, { GOMODCACHE: modcache, GOCACHE: cache, GOPATH: path });
  } catch { /* no Go: the Go case is skipped */ }
  for (const key of ["GOFLAGS", "GOPROXY", "PYENV_ROOT"]) if (process.env[key]) env[key] = process.env[key]!;
  return env;
}

/** A bidi call through the gateway's WebSocket: sends the messages, half-closes, collects the replies. */
function webSocketCall(url: string, send: string[]): Promise<{ messages: string[]; code: number }> {
  const ws = new WebSocket(url, { headers: { "Micro-Namespace": "micro" } });
  const messages: string[] = [];
  ws.on("message", (data) => messages.push(data.toString()));
  ws.on("open", () => { send.forEach((m) => ws.send(m)); ws.send(""); });
  return new Promise((resolve, reject) => {
    ws.on("error", reject);
    ws.on("close", (code) => resolve({ messages, code }));
  });
}

/** Helloworld's Call with name Alice as raw protobuf (field 1, "Alice") straight to `address`: the reply's msg, or the
 * Micro error code. */
function rawCall(address: string, path: string, md: Record<string, string>): Promise<string | number> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const request = Buffer.from([0x0a, 5, ...Buffer.from("Alice")]);
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(md)) metadata.set(k, v);
  return new Promise((resolve) => {
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, request, metadata, { deadline: Date.now() + 10_000 }, (err, reply) => {
      client.close();
      if (err) return resolve(fromGrpcError(err, "test").code);
      // the reply: field 1 (msg), a string shorter than 128 bytes
      resolve(reply ? reply.subarray(2, 2 + reply[1]!).toString() : "");
    });
  });
}

async function scenario(t: TestContext, l: Lang, server: TestServer, home: string, port: number, work: string): Promise<void> {
  const env = toolEnv();
  const micro = (args: string[], timeoutMs = 120_000) => runMicro(args, { home, port, env, cwd: work, timeoutMs });
  const times: Record<string, number> = {};
  const timed = async <T>(step: string, fn: () => Promise<T>) => {
    const started = Date.now();
    try { return await fn(); } finally { times[step] = Date.now() - started; }
  };

  const created = await timed("new", () => micro(["new", "--lang", l.lang, l.name], 600_000));
  assert.equal(created.code, 0, created.stderr);
  for (const f of l.files) assert.ok(existsSync(join(work, l.name, f)), `the ${l.lang} scaffold has ${f}`);

  const run = await timed("run", () => micro(["run", `./${l.name}`], 600_000));
  assert.equal(run.code, 0, `${run.stderr}\n${(await micro(["logs", l.name])).stdout}`);
  assert.match(run.stdout, new RegExp(`${l.name} is running`));

  const call = await timed("first call", () => until(async () => {
    const r = await micro([l.name, "--name=Alice"]);
    return r.code === 0 ? r : undefined;
  }, `${l.name} to answer`, 60_000));
  assert.deepEqual(JSON.parse(call.stdout), { msg: "Hello Alice" });

  const res = await fetch(`http://${server.apiAddress}/${l.name}?name=Alice`, { headers: { "Micro-Namespace": "micro" } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { msg: "Hello Alice" });

  const stream = await micro([l.name, "stream", "--count=3"]);
  assert.equal(stream.code, 0, stream.stderr);
  // int64 is a string in JSON; the CLI prints default values too, so the first message is count 0, not {}
  assert.deepEqual(stream.stdout.trim().split("\n").map((line) => JSON.parse(line)), [{ count: "0" }, { count: "1" }, { count: "2" }]);

  const pingPong = await webSocketCall(`ws://${server.apiAddress}/${l.name}/ping-pong`, ['{"stroke":1}', '{"stroke":2}']);
  assert.deepEqual(pingPong, { messages: ['{"stroke":"1"}', '{"stroke":"2"}'], code: 1000 });

  // What the registry holds is what a TypeScript service publishes: endpoint kinds and value trees.
  const registry = createClient(Registry, createGrpcTransport({ address: server.proxyAddress, metadata: () => server.adminMetadata() }));
  const entry = async () => (await registry.getService({ service: l.name, options: { domain: "micro" } })).services;
  const [svc] = await entry();
  const title = l.name.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  const endpoints = Object.fromEntries(svc.endpoints.map((e) => [e.name, e]));
  assert.deepEqual(Object.keys(endpoints).sort(), [`${title}.Call`, `${title}.PingPong`, `${title}.Stream`]);
  assert.deepEqual([`${title}.Call`, `${title}.Stream`, `${title}.PingPong`].map((n) => endpoints[n].metadata.kind), ["unary", "server_streaming", "bidi_streaming"]);
  assert.equal(endpoints[`${title}.Stream`].metadata.stream, "true");
  const call0 = endpoints[`${title}.Call`];
  assert.deepEqual({ name: call0.request?.name, type: call0.request?.type, values: call0.request?.values.map((v) => [v.name, v.type]) },
    { name: "Request", type: "Request", values: [["name", "string"]] });
  assert.deepEqual(endpoints[`${title}.Stream`].response?.values.map((v) => [v.name, v.type]), [["count", "int64"]]);
  assert.match(svc.nodes[0]?.address ?? "", /^127\.0\.0\.1:\d+$/);
  {
    // straight to the service's port (the SDK's verify package or module): nothing without a token the platform
    // signed, the micro-namespace header alone included; the admin's token works
    const direct = (md: Record<string, string>) => rawCall(svc.nodes[0]!.address, `/${l.name.replace(/-/g, "")}.${title}/Call`, md);
    assert.equal(await direct({}), 401);
    assert.equal(await direct({ "micro-namespace": "micro" }), 401);
    assert.equal(await direct({ authorization: "Bearer not-a-token" }), 401);
    assert.equal(await direct(await server.adminMetadata()), "Hello Alice");
  }

  const kill = await timed("kill", () => micro(["kill", l.name]));
  assert.equal(kill.code, 0, kill.stderr);
  // deregistered on SIGTERM: no node left (the TTL alone would keep it for 30 s)
  await until(async () => ((await entry()).every((s) => s.nodes.length === 0) ? true : undefined), `${l.name} to deregister`, 15_000);
  t.diagnostic(`${l.lang}: ${Object.entries(times).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", ")}`);
}

test("micro new --lang go|python: generated, built and run by the server, called through the CLI and the gateway, deregistered on kill", { timeout: 1_500_000 }, (t) =>
  withServer(async (server) => {
    const port = Number(server.proxyAddress.split(":").pop());
    const home = await adminHome(port);
    const work = await mkdtemp(join(tmpdir(), "new-lang-"));
    try {
      for (const l of LANGS) {
        await t.test(l.lang, async (tt) => { if (!skipUnless(tt, ...l.needs)) await scenario(tt, l, server, home.home, port, work); });
      }
    } finally {
      await home.remove();
      await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  }));

test("without the language's tools micro new says what to install and writes nothing", async () => {
  const home = await tempHome();
  try {
    const PATH = await pathWithOnlyNode(home.home);
    for (const [lang, tool] of [["go", "go"], ["python", "python3"]]) {
      const r = await runMicro(["new", "--lang", lang, "no-tools"], { home: home.home, cwd: home.home, env: { PATH } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`micro new --lang ${lang} needs ${tool}, which is not on PATH: install`));
      assert.equal(existsSync(join(home.home, "no-tools")), false);
    }
  } finally {
    await home.remove();
  }
});
