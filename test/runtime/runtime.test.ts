import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { Runtime as RuntimeDesc } from "../../runtime/gen/runtime/runtime_pb.js";
import { createClient, createGrpcTransport, MicroError } from "../../runtime/rpc/index.js";
import { withServer, type TestServer } from "../support/server.js";
import { until } from "../support/wait.js";

/** A dependency-free Node service: prints a line, stays up (or crashes, or fails to build). */
async function nodeService(kind: "ok" | "crash" | "badbuild"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `svc-${kind}-`));
  const scripts: Record<string, string> = { start: "node main.js" };
  if (kind === "badbuild") scripts.build = "node -e \"console.error('syntax error in handler.ts'); process.exit(2)\"";
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: `svc-${kind}`, version: "1.0.0", scripts }));
  const body = kind === "crash"
    ? "console.log('starting then crashing'); setTimeout(() => process.exit(3), 50);"
    : "console.log('hello from ' + process.env.MICRO_SERVICE_NAME + ' in ' + process.env.MICRO_NAMESPACE + ' via ' + process.env.MICRO_PROXY); setInterval(() => {}, 1000);";
  await writeFile(join(dir, "main.js"), body);
  return dir;
}

async function runtimeClient(server: TestServer, ns = "micro") {
  const md = await server.adminMetadata(ns);
  return createClient(RuntimeDesc, createGrpcTransport({ address: server.proxyAddress, metadata: () => md }));
}

test("runtime: run a directory, see it running with its logs and MICRO_* env, kill it", async () => {
  await withServer(async (server) => {
    const rt = await runtimeClient(server);
    const dir = await nodeService("ok");
    await rt.create({ resource: { service: { name: "hello", version: "latest", source: dir } } });
    const running = await until(async () => {
      const { services } = await rt.read({ options: { service: "hello" } });
      return services[0]?.metadata.status === "running" ? services[0] : undefined;
    }, "hello running");
    assert.equal(running.status, 4);
    const lines = await until(async () => {
      const got: string[] = [];
      for await (const r of rt.logs({ service: "hello" })) got.push(r.message);
      return got.some((l) => l.startsWith("hello from")) ? got : undefined;
    }, "log line");
    assert.ok(lines.includes(`hello from hello in micro via ${server.proxyAddress}`), lines.join("\n"));
    await assert.rejects(rt.create({ resource: { service: { name: "hello", source: dir } } }), (e: unknown) => e instanceof MicroError && e.code === 409);
    await rt.delete({ resource: { service: { name: "hello" } } });
    assert.equal((await rt.read({ options: { service: "hello" } })).services.length, 0);
  });
});

test("runtime: a crashing service is restarted and its restart count grows; logs are kept", async () => {
  await withServer(async (server) => {
    const rt = await runtimeClient(server);
    await rt.create({ resource: { service: { name: "crashy", source: await nodeService("crash") } } });
    const svc = await until(async () => {
      const s = (await rt.read({ options: { service: "crashy" } })).services[0];
      return s && Number(s.metadata.restarts) >= 2 ? s : undefined;
    }, "two restarts");
    assert.match(svc.metadata.error ?? "", /code 3/);
    const got: string[] = [];
    for await (const r of rt.logs({ service: "crashy" })) got.push(r.message);
    assert.ok(got.filter((l) => l === "starting then crashing").length >= 2);
    await rt.delete({ resource: { service: { name: "crashy" } } });
  });
});

test("runtime: a build failure shows as error in status and in the logs", async () => {
  await withServer(async (server) => {
    const rt = await runtimeClient(server);
    await rt.create({ resource: { service: { name: "broken", source: await nodeService("badbuild") } } });
    const svc = await until(async () => {
      const s = (await rt.read({ options: { service: "broken" } })).services[0];
      return s?.metadata.status === "error" ? s : undefined;
    }, "build error");
    assert.match(svc.metadata.error ?? "", /npm run build --silent failed/);
    const got: string[] = [];
    for await (const r of rt.logs({ service: "broken" })) got.push(r.message);
    assert.ok(got.some((l) => l.includes("syntax error in handler.ts")), got.join("\n"));
  });
});

test("runtime: run from a git repository with a ref and a subdirectory", async () => {
  await withServer(async (server) => {
    const repo = await mkdtemp(join(tmpdir(), "repo-"));
    const svcDir = join(repo, "services", "hello");
    await mkdir(svcDir, { recursive: true });
    const src = await nodeService("ok");
    for (const f of ["package.json", "main.js"]) execFileSync("cp", [join(src, f), svcDir]);
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=a@b", "-c", "user.name=a", ...args]);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "v1");
    git("tag", "v1");
    await writeFile(join(svcDir, "main.js"), "process.exit(9)");
    git("commit", "-qam", "broken on main");
    const rt = await runtimeClient(server);
    await rt.create({ resource: { service: { name: "gitsvc", source: `file://${repo}/services/hello@v1` } } });
    await until(async () => {
      const s = (await rt.read({ options: { service: "gitsvc" } })).services[0];
      if (s?.metadata.status === "error") throw new Error(s.metadata.error);
      return s?.metadata.status === "running" ? s : undefined;
    }, "git service running");
    await rt.delete({ resource: { service: { name: "gitsvc" } } });
  });
});

test("runtime: bad input gets a clear error", async () => {
  await withServer(async (server) => {
    const rt = await runtimeClient(server);
    await assert.rejects(rt.create({ resource: { service: { name: "Bad Name", source: "/tmp" } } }), /invalid service name/);
    await assert.rejects(rt.create({ resource: { service: { name: "nosource" } } }), /source is required/);
    await assert.rejects(rt.delete({ resource: { service: { name: "ghost" } } }), (e: unknown) => e instanceof MicroError && e.code === 404);
  });
});
