// The user's proof: every script in ../shared/acceptance (next to this repository, where the project's
// acceptance scripts live) runs against bin/micro on free ports and must end with "N passed, 0 failed".
// A plain clone has no ../shared: it has nothing to run here, and the same flow runs from the repository's own
// test/e2e/ten-commands.test.ts either way (so nothing here skips, under CI=true or not).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../support/wait.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIR = join(ROOT, "..", "shared", "acceptance");
const scripts = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith(".sh")).sort() : [];

function run(script: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [join(DIR, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), 540_000);
    child.on("close", (code) => { clearTimeout(timer); resolve({ code: code ?? 1, out }); });
  });
}

for (const script of scripts) {
  test(`acceptance: ${script}`, { timeout: 600_000 }, async () => {
    const env = { MICRO_API_PORT: String(await freePort()), MICRO_PROXY_PORT: String(await freePort()), MICRO_GRPC_WEB_PORT: String(await freePort()) };
    const { code, out } = await run(script, env);
    const last = out.trim().split("\n").at(-1) ?? "";
    assert.equal(code, 0, out);
    assert.match(last, /^\d+ passed, 0 failed$/, out);
  });
}
