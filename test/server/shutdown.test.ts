// `micro server` as a user runs it (bin/micro in a child process): it becomes ready, and SIGTERM or Ctrl-C
// (SIGINT) shut it down cleanly with exit code 0, even while a client holds a stream open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Stream } from "../../runtime/gen/events/events_pb.js";
import { closeChannels, createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { MICRO_BIN } from "../cli/support/micro.js";
import { freePort } from "../support/wait.js";

interface Booted { child: ChildProcess; proxy: string; api: string; readyMs: number; output: () => string }

async function bootServer(home: string): Promise<Booted> {
  const started = Date.now();
  const child = spawn(MICRO_BIN, ["server"], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_DATA_DIR: join(home, "data"), MICRO_PROXY_PORT: "0", MICRO_API_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const [proxy, api] = await new Promise<string[]>((resolve, reject) => {
    // a generous ceiling: the exit handler below fails at once when the server dies instead
    const timer = setTimeout(() => reject(new Error(`not ready in 120 s:\n${output}`)), 120_000);
    const check = () => {
      const m = /ready: proxy \(gRPC\) (\S+), api \(HTTP\) (\S+),/.exec(output);
      if (m) { clearTimeout(timer); resolve([m[1], m[2]]); }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`exited with ${code} before ready:\n${output}`)); });
  });
  return { child, proxy, api, readyMs: Date.now() - started, output: () => output };
}

function exited(child: ChildProcess, withinMs: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const sent = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`still running ${withinMs} ms after the signal`)); }, withinMs);
    child.once("exit", (code, signal) => { clearTimeout(timer); resolve({ code, signal, ms: Date.now() - sent }); });
  });
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`micro server exits 0 on ${signal} with a stream open, without waiting for it`, async (t) => {
    const home = await mkdtemp(join(tmpdir(), "micro-shutdown-"));
    let booted: Booted | undefined;
    try {
      booted = await bootServer(home);
      t.diagnostic(`ready after ${booted.readyMs} ms (spawn to ready line)`);
      const auth = createClient(Auth, createGrpcTransport({ address: booted.proxy }));
      const { token } = await auth.token({ id: "admin", secret: "micro" });
      const events = createClient(Stream, createGrpcTransport({ address: booted.proxy, metadata: () => ({ authorization: `Bearer ${token!.accessToken}` }) }));
      // a consumer waiting for events that never come: shutdown must not wait for it forever
      const consuming = (async () => { for await (const _ of events.consume({ topic: "never" })) void _; })().catch((e: Error) => e);
      // and an idle keep-alive connection to the API gateway
      assert.ok((await fetch(`http://${booted.api}/`)).status > 0);
      await new Promise((r) => setTimeout(r, 200));

      // the server's own call grace is 5 s; the ceiling only has to tell "stopped" from "hangs", and load must not eat it
      const exit = exited(booted.child, 60_000);
      booted.child.kill(signal);
      const { code, signal: killedBy, ms } = await exit;
      t.diagnostic(`exited ${ms} ms after ${signal}`);
      assert.equal(killedBy, null, booted.output());
      assert.equal(code, 0, booted.output());
      assert.match(booted.output(), /shutting down/);
      assert.ok((await consuming) instanceof Error, "the open stream ended with the server");
    } finally {
      if (booted && booted.child.exitCode === null) booted.child.kill("SIGKILL");
      closeChannels();
      await rm(home, { recursive: true, force: true });
    }
  });
}

test("a port already taken: micro server says which, exits 1 and leaves nothing listening", async () => {
  const taken = createServer().listen(0, "127.0.0.1");
  await once(taken, "listening");
  const apiPort = (taken.address() as AddressInfo).port;
  const home = await mkdtemp(join(tmpdir(), "micro-port-taken-"));
  try {
    const proxyPort = await freePort();
    const child = spawn(MICRO_BIN, ["server"], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_DATA_DIR: join(home, "data"), MICRO_PROXY_PORT: String(proxyPort), MICRO_API_PORT: String(apiPort) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    const [code] = await once(child, "exit");
    clearTimeout(timer);
    assert.equal(code, 1, output);
    assert.match(output, new RegExp(`EADDRINUSE.*${apiPort}|${apiPort}.*EADDRINUSE|cannot listen on 127\\.0\\.0\\.1:${apiPort}`));
    assert.doesNotMatch(output, /ready:/);
    // the proxy it had opened before the clash is closed again
    const probe = createServer().listen(proxyPort, "127.0.0.1");
    await once(probe, "listening");
    probe.close();
  } finally {
    taken.close();
    await rm(home, { recursive: true, force: true });
  }
});
