// Test support: a HOME whose CLI is logged in to the test server as admin/micro.
import assert from "node:assert/strict";
import { runMicro, tempHome } from "./micro.js";

export async function adminHome(port: number): Promise<{ home: string; remove(): Promise<void> }> {
  const h = await tempHome();
  const r = await runMicro(["login", "--email", "admin", "--password", "micro"], { home: h.home, port });
  assert.equal(r.code, 0, `login failed: ${r.stderr}`);
  return h;
}
