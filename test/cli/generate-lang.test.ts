// `micro generate --lang`: clients for a service's own protos in other languages, wired to the SDK emitters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMicro, tempHome } from "./support/micro.js";

const FIXTURE = fileURLToPath(new URL("../../../fixtures/helloworld", import.meta.url));

test("micro generate --lang go,python writes clients under DIR/sdk/<lang>; unknown languages are named", { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "gen-lang-"));
  const h = await tempHome();
  try {
    await cp(FIXTURE, join(dir, "proto"), { recursive: true, filter: (p) => !p.includes("golden") });
    const r = await runMicro(["generate", dir, "--lang", "go,python"], { home: h.home, timeoutMs: 240_000, env: { PATH: process.env.PATH ?? "", GOPATH: process.env.GOPATH ?? join(process.env.HOME ?? "/root", "go"), GOCACHE: process.env.GOCACHE ?? join(process.env.HOME ?? "/root", ".cache", "go-build") } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /go → .*sdk\/go/);
    assert.match(r.stdout, /python → .*sdk\/python/);
    assert.ok(existsSync(join(dir, "sdk", "go", "helloworld", "helloworld.pb.go")), "protoc-gen-go output");
    assert.ok(existsSync(join(dir, "sdk", "go", "helloworld", "helloworld_grpc.pb.go")), "protoc-gen-go-grpc output");
    assert.match(await readFile(join(dir, "sdk", "python", "micro_sdk", "helloworld_pb2_grpc.py"), "utf8"), /HelloworldStub/);
    const bad = await runMicro(["generate", dir, "--lang", "cobol"], { home: h.home });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--lang: unknown language "cobol" \(known: ts, go, python, rust, java\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await h.remove();
  }
});
