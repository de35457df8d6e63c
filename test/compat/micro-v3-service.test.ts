// A Go service written with Micro 3.0's framework (fixtures/micro-v3-service: Micro 3.0's `micro new` template)
// against our server: it registers, keeps its registration alive past its TTL with heartbeats, uses our config,
// store and events through its framework's clients, is called by our CLI (descriptor-less: gRPC+JSON), our
// gateway and a TS service on our framework (protobuf), and deregisters when stopped. Without Go it skips naming
// it; under CI=true it must run.
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { skipUnless } from "../support/tools.js";
import { withServer } from "../support/server.js";
import { until } from "../support/wait.js";
import { Service } from "../../runtime/service/index.js";
import { Helloworld } from "../gen/helloworld_pb.js";
import { runMicro, tempHome } from "../cli/support/micro.js";
import { asStranger, microV3ServiceBinary } from "../support/micro-v3.js";

/** The fixture's registration TTL (its main.go). */
const TTL_MS = 5_000;

test("a Micro 3.0 Go service (micro new's template) against our server", { timeout: 1_800_000 }, async (t: TestContext) => {
  if (skipUnless(t, "go")) return;
  const binary = await microV3ServiceBinary();
  await withServer(async (server) => {
    const port = Number(server.proxyAddress.split(":").pop());
    const cli = await tempHome();
    const ours = async (...args: string[]) => {
      const r = await runMicro(args, { home: cli.home, port });
      assert.equal(r.code, 0, `micro ${args.join(" ")} exited with ${r.code}:\n${r.stderr}${r.stdout}`);
      return r.stdout;
    };
    const listed = async () => (await ours("services")).split("\n").includes("helloworld");
    await ours("login", "--email", "admin", "--password", "micro");

    // as Micro 3.0's runtime starts a service: its profile, the proxy, its credentials (a service account of
    // micro), as a uid /etc/passwd does not name with a HOME of its own (Micro 3.0 finds ~/.micro through os/user)
    const creds = await server.serviceAccount("micro", "helloworld");
    const home = await mkdtemp(join(tmpdir(), "micro-v3-service-"));
    const prefix = asStranger();
    const go = spawn(prefix[0], [...prefix.slice(1), binary], {
      cwd: home, stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, USER: "micro", MICRO_PROFILE: "service",
        MICRO_PROXY: server.proxyAddress, MICRO_SERVICE_NAME: "helloworld", MICRO_NAMESPACE: "micro",
        MICRO_AUTH_ID: creds.authId, MICRO_AUTH_SECRET: creds.authSecret, MICRO_SERVICE_ADDRESS: "127.0.0.1:0",
      },
    });
    let log = "";
    go.stdout.on("data", (d) => (log += d));
    go.stderr.on("data", (d) => (log += d));
    const exited = once(go, "exit");
    try {
      await until(async () => (go.exitCode === null ? ((await listed()) || undefined) : assert.fail(`it exited:\n${log}`)),
        "the Go service to register", 60_000, 250);
      const registeredAt = Date.now();

      await t.test("our CLI calls it: micro call and the dynamic command (gRPC+JSON, flags from its endpoints)", async () => {
        assert.deepEqual(JSON.parse(await ours("call", "helloworld", "Helloworld.Call", '{"name":"Alice"}')), { msg: "Hello Alice" });
        assert.deepEqual(JSON.parse(await ours("helloworld", "call", "--name=Bob")), { msg: "Hello Bob" });
        assert.match(await ours("helloworld", "--help"), /call\s+Helloworld\.Call/);
      });

      await t.test("its framework's clients use our config, store and events", async () => {
        await ours("config", "set", "helloworld.greeting", "Hi");
        assert.deepEqual(JSON.parse(await ours("helloworld", "call", "--name=Carol")), { msg: "Hi Carol" });
        // store.NewRecord stores the value JSON-encoded, in the table named after the service
        assert.equal(await ours("store", "read", "--table", "helloworld", "greeted-Carol"), '"Hi Carol"\n');
        const since = String(Math.floor(registeredAt / 1000) - 1);
        const events = (await ours("events", "consume", "--offset", since, "--count", "3", "helloworld"))
          .trim().split("\n").map((l) => (JSON.parse(l) as { payload: { msg: string } }).payload.msg);
        assert.deepEqual(events, ["Hello Alice", "Hello Bob", "Hi Carol"]);
      });

      await t.test("our gateway calls it (JSON over HTTP)", async () => {
        const res = await fetch(`http://${server.apiAddress}/helloworld/call`, {
          method: "POST", body: JSON.stringify({ name: "Dan" }),
          headers: { "content-type": "application/json", authorization: `Bearer ${await server.adminToken()}` },
        });
        assert.equal(res.status, 200, await res.clone().text());
        assert.deepEqual(await res.json(), { msg: "Hi Dan" });
      });

      await t.test("a TS service calls it (protobuf, with our generated Helloworld client)", async () => {
        const callerCreds = await server.serviceAccount("micro", "caller");
        const caller = new Service({ name: "caller", env: { proxy: server.proxyAddress, namespace: "micro", ...callerCreds } });
        await caller.start();
        try {
          assert.deepEqual({ ...(await caller.client(Helloworld).call({ name: "Eve" })) }, { $typeName: "helloworld.Response", msg: "Hi Eve" });
        } finally {
          await caller.stop();
        }
      });

      await t.test("heartbeats keep it registered past its TTL", async () => {
        // three TTLs by the system's clock since it registered: without a renewal its node would have expired
        const wait = registeredAt + 3 * TTL_MS - Date.now();
        if (wait > 0) await sleep(wait);
        assert.ok(await listed(), `helloworld expired:\n${log}`);
        assert.deepEqual(JSON.parse(await ours("helloworld", "call", "--name=Fay")), { msg: "Hi Fay" });
      });

      await t.test("it deregisters when stopped", async () => {
        go.kill("SIGTERM");
        await exited;
        assert.match(log, /Deregistering node: helloworld-/);
        assert.equal(await listed(), false, "still listed after it deregistered");
      });
    } finally {
      if (go.exitCode === null && go.signalCode === null) {
        go.kill("SIGKILL");
        await exited;
      }
      await rm(home, { recursive: true, force: true });
      await cli.remove();
    }
  });
});
