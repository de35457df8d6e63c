// The Python SDK (sdk/python): pip installs it into a virtualenv (kept in .cache/sdk), and pytest runs its
// scenario (store, config, events, registry, error envelope) against a live server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_DIR, runScenario, runTool, SDK_DIR } from "./support.js";
import { skipUnless } from "../support/tools.js";

const VENV = join(CACHE_DIR, "venv");
const PY_DIR = join(SDK_DIR, "python");

test("python SDK: pip installs it and pytest passes the scenario against a live server", { timeout: 600_000 }, async (t) => {
  if (skipUnless(t, "python3")) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  if (!existsSync(join(VENV, "bin", "python"))) {
    const venv = await runTool(process.env.MICRO_PYTHON || "python3", ["-m", "venv", VENV], { cwd: CACHE_DIR });
    assert.equal(venv.code, 0, venv.output);
  }
  // Built from a copy: setuptools leaves build/ and .egg-info/ next to the sources.
  const copy = mkdtempSync(join(tmpdir(), "micro-sdk-python-"));
  cpSync(PY_DIR, copy, { recursive: true, filter: (src) => !/\/(build|tests|[^/]*\.egg-info|__pycache__)$/.test(src) });
  const install = await runTool(join(VENV, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", `${copy}[test]`], { cwd: CACHE_DIR });
  rmSync(copy, { recursive: true, force: true });
  assert.equal(install.code, 0, install.output);
  process.stdout.write(`# sdk python: pip install took ${install.ms} ms\n`);
  // pytest from sdk/python/tests: the installed package is imported, not the source folder.
  const r = await runScenario("python", join(VENV, "bin", "pytest"), ["-v", "-p", "no:cacheprovider"], join(PY_DIR, "tests"));
  assert.equal(r.code, 0, r.output);
  for (const name of ["test_store", "test_config", "test_events", "test_registry", "test_bad_token"]) {
    assert.match(r.output, new RegExp(`${name} PASSED`), `${name} did not pass:\n${r.output}`);
  }
  assert.doesNotMatch(r.output, /SKIPPED/, r.output);
});
