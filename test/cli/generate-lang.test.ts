// `micro generate --lang`: clients for a service's own protos in other languages, wired to the SDK emitters.
// Each language needs its own toolchain (optional: skipped, naming it, without it; required under CI=true).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMicro, tempHome, type RunResult } from "./support/micro.js";
import { skipUnless } from "../support/tools.js";

const FIXTURE = fileURLToPath(new URL("../../../fixtures/helloworld", import.meta.url));
const HOME = process.env.HOME ?? "/root";
// The CLI runs with a temporary HOME: Go's caches stay the real ones.
const env = { PATH: process.env.PATH ?? "", GOPATH: process.env.GOPATH ?? join(HOME, "go"), GOCACHE: process.env.GOCACHE ?? join(HOME, ".cache", "go-build") };

/** `micro generate DIR --lang LANGS` on a copy of the helloworld protos; `check` looks at DIR. */
async function generate(langs: string, check: (r: RunResult, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "gen-lang-"));
  const h = await tempHome();
  try {
    await cp(FIXTURE, join(dir, "proto"), { recursive: true, filter: (p) => !p.includes("golden") });
    await check(await runMicro(["generate", dir, "--lang", langs], { home: h.home, timeoutMs: 240_000, env }), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await h.remove();
  }
}

test("micro generate --lang go writes the Go client under DIR/sdk/go", { timeout: 300_000 }, async (t) => {
  if (skipUnless(t, "go", "protoc")) return;
  await generate("go", async (r, dir) => {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /go → .*sdk\/go/);
    assert.ok(existsSync(join(dir, "sdk", "go", "helloworld", "helloworld.pb.go")), "protoc-gen-go output");
    assert.ok(existsSync(join(dir, "sdk", "go", "helloworld", "helloworld_grpc.pb.go")), "protoc-gen-go-grpc output");
  });
});

test("micro generate --lang python writes the Python client under DIR/sdk/python", { timeout: 300_000 }, async (t) => {
  if (skipUnless(t, "grpcio-tools")) return;
  await generate("python", async (r, dir) => {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /python → .*sdk\/python/);
    assert.match(await readFile(join(dir, "sdk", "python", "micro_sdk", "helloworld_pb2_grpc.py"), "utf8"), /HelloworldStub/);
  });
});

test("micro generate --lang names an unknown language and the known ones", async () => {
  await generate("cobol", async (r) => {
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--lang: unknown language "cobol" \(known: ts, go, python, rust, java\)/);
  });
});
