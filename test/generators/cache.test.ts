// The response cache: a repeated request is answered from the cache; a damaged entry is ignored.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { protobuf, wkt } from "../../generators/cjs/protobuf.js";
import { cacheDirFromEnv, cacheKey, writeCache } from "../../generators/plugin/cache.js";
import { fixtureNamed, PLUGIN_BIN, pluginEnv, requestFor, tempDir } from "./helpers.js";

function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test("cache directory from the environment", () => {
  assert.equal(cacheDirFromEnv({ MICRO_CACHE_DIR: "/x" }), "/x");
  assert.equal(cacheDirFromEnv({ XDG_CACHE_HOME: "/y" }), "/y/micro-ts");
  assert.equal(cacheDirFromEnv({ MICRO_CACHE_DIR: "/x", XDG_CACHE_HOME: "/y" }), "/x");
  assert.equal(cacheDirFromEnv({}), join(homedir(), ".cache", "micro-ts"));
  assert.equal(cacheDirFromEnv({ MICRO_NO_CACHE: "1", MICRO_CACHE_DIR: "/x" }), undefined);
});

test("second run replays the cached response; a corrupted entry is regenerated", () => {
  const cache = tempDir("cache");
  try {
    const request = protobuf.toBinary(wkt.CodeGeneratorRequestSchema, requestFor(fixtureNamed("helloworld")));
    const run = () => {
      const r = spawnSync(process.execPath, [PLUGIN_BIN], { input: request, env: pluginEnv({ MICRO_CACHE_DIR: cache }) });
      assert.equal(r.status, 0, r.stderr.toString());
      return r.stdout;
    };
    const first = run();
    assert.ok(protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, first).file.length > 0);
    const stored = entries(cache);
    assert.equal(stored.length, 1, "one cache entry after the first run");
    assert.ok(run().equals(first), "second run answers the same bytes");

    // Prove the second answer comes from the cache: plant a different (valid) response under the same key.
    const planted = protobuf.toBinary(wkt.CodeGeneratorResponseSchema,
      protobuf.create(wkt.CodeGeneratorResponseSchema, { file: [{ name: "planted.txt", content: "from cache\n" }] }));
    writeCache(cache, cacheKey(request), planted);
    assert.deepEqual(protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, run()).file.map((f) => f.name), ["planted.txt"]);

    // Damage the entry: it is ignored, the response regenerated and stored again.
    const bytes = readFileSync(stored[0]!);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(stored[0]!, bytes);
    assert.ok(run().equals(first), "damaged entry ignored");
    assert.ok(run().equals(first), "and replaced by a good one");
    writeFileSync(stored[0]!, "garbage");
    assert.ok(run().equals(first), "truncated entry ignored");
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test("error responses are not cached", () => {
  const cache = tempDir("cache-err");
  try {
    const request = protobuf.toBinary(wkt.CodeGeneratorRequestSchema, requestFor(fixtureNamed("helloworld"), "targets=nope"));
    const r = spawnSync(process.execPath, [PLUGIN_BIN], { input: request, env: pluginEnv({ MICRO_CACHE_DIR: cache }) });
    assert.equal(r.status, 0, "an option error is reported in the response, exit 0 (protoc convention)");
    assert.match(protobuf.fromBinary(wkt.CodeGeneratorResponseSchema, r.stdout).error ?? "", /unknown target "nope"/);
    assert.deepEqual(entries(cache), []);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
