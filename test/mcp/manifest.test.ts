// One emitter: the `mcp` target's manifest for helloworld.proto is, byte for byte, what a running gateway lists at
// /mcp for a service registered from the code generated from that proto (tools and left-out endpoints alike).
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatJson } from "../../generators/emit/json-file.js";
import { createMicroPlugin } from "../../generators/plugin/index.js";
import { fixtureNamed, requestFor } from "../generators/helpers.js";
import { HelloworldService } from "../gen/helloworld_micro.js";
import { helloworld, withGateway } from "../gateway/harness.js";

/** One JSON-RPC exchange with /mcp as raw HTTP: the result exactly as the gateway wrote it. */
async function rpc(base: string, session: string | undefined, body: object): Promise<{ session?: string; text?: string }> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (session) headers["mcp-session-id"] = session;
  const res = await fetch(`${base}/mcp`, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", ...body }) });
  const raw = await res.text();
  assert.ok(res.status < 300, `${res.status} ${raw}`);
  const data = raw.split("\n").find((l) => l.startsWith("data: {"));
  return { session: res.headers.get("mcp-session-id") ?? undefined, text: data?.slice("data: ".length) };
}

test("the mcp target's helloworld.mcp.json is byte-equal to what /mcp lists for the running service", async () => {
  const response = createMicroPlugin().run(requestFor(fixtureNamed("helloworld"), "targets=mcp"));
  assert.equal(response.error, "", response.error);
  const file = response.file.find((f) => f.name === "helloworld.mcp.json");
  assert.ok(file, response.file.map((f) => f.name).join(", "));
  const manifest = JSON.parse(file.content) as { tools: unknown[]; leftOut: unknown[] };

  await withGateway(async (h) => {
    // the generated service definition: its descriptor carries the proto comments, as `micro run` registers it
    await h.host("helloworld", "micro", [{ ...helloworld(), def: HelloworldService }]);
    const init = await rpc(h.base, undefined, { id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } });
    assert.ok(init.session);
    await rpc(h.base, init.session, { method: "notifications/initialized" });
    const listed = await rpc(h.base, init.session, { id: 2, method: "tools/list" });
    const result = JSON.parse(listed.text!).result as { tools: unknown[]; _meta: Record<string, unknown[]> };
    // the raw text of the tools array as the gateway serialised it, and the manifest's
    assert.equal(JSON.stringify(result.tools), JSON.stringify(manifest.tools));
    assert.ok(listed.text!.includes(JSON.stringify(manifest.tools)), "the tools array appears verbatim in the gateway's answer");
    const live = { format: "micro-mcp/v1", tools: result.tools, leftOut: result._meta["micro/leftOut"] };
    assert.equal(formatJson(live) + "\n", file.content, "the whole file, bytes");
    assert.ok(manifest.tools.length === 3 && manifest.leftOut.length === 1);
  });
});
