// The Rust SDK (sdk/rust): cargo builds it (target kept in .cache/sdk/cargo-target) and `cargo test` runs its
// scenario (store, config, events, registry, error envelope) against a live server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CACHE_DIR, runScenario, runTool, SDK_DIR } from "./support.js";
import { skipUnless } from "../support/tools.js";

const RUST_DIR = join(SDK_DIR, "rust");
const env = { CARGO_TARGET_DIR: join(CACHE_DIR, "cargo-target"), CARGO_TERM_COLOR: "never" };

test("rust SDK: builds and passes the scenario against a live server", { timeout: 1_200_000 }, async (t) => {
  if (skipUnless(t, "cargo")) return;
  // Built before the server starts: a cold build takes minutes.
  const build = await runTool("cargo", ["test", "--no-run", "--locked"], { cwd: RUST_DIR, env, timeoutMs: 1_200_000 });
  assert.equal(build.code, 0, build.output);
  process.stdout.write(`# sdk rust: cargo build took ${build.ms} ms\n`);
  const r = await runScenario("rust", "cargo", ["test", "--locked", "--", "--nocapture", "--test-threads=2"], RUST_DIR, env);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /test result: ok\. 5 passed; 0 failed/, r.output);
  for (const part of ["store", "config", "events", "registry", "bad token"]) assert.match(r.output, new RegExp(`scenario: ${part} ok`), r.output);
  assert.doesNotMatch(r.output, /skipped: needs a live server/, r.output);
});
