// `micro mcp`'s relay in-process, on plain streams instead of stdio: what it writes is checked line by line —
// each progress notification of a server stream before the result (a client listens for progress only until
// the result), and the gateway's list_changed relayed.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { relayStdio } from "../../runtime/mcp/relay.js";
import { startWorld, type World } from "./world.js";

let world: World;
before(async () => { world = await startWorld(); });
after(async () => { await world?.close(); });

test("the relay writes every progress notification before the result", async () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const token = world.callers.admin.token!;
  const done = relayStdio({
    url: new URL(`http://127.0.0.1:${world.apiPort}/mcp`), version: "test", stdin, stdout,
    headers: async () => ({ authorization: `Bearer ${token}`, "micro-namespace": "micro" }),
  });
  const lines = createInterface({ input: stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const send = (m: object) => stdin.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\n");
  send({ id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } });
  assert.equal((await next()).result.serverInfo.name, "micro");
  send({ method: "notifications/initialized" });
  send({ id: 2, method: "tools/call", params: { name: "helloworld_stream", arguments: { count: "3" }, _meta: { progressToken: "p1" } } });
  const seen: string[] = [];
  for (;;) {
    const m = await next();
    if (m.method === "notifications/progress") seen.push(`progress ${m.params.progressToken} ${m.params.progress}`);
    else if (m.id === 2) { seen.push(`result ${m.result.structuredContent.messages.length}`); break; }
  }
  assert.deepEqual(seen, ["progress p1 1", "progress p1 2", "progress p1 3", "result 3"]);
  stdin.end();
  await done;
});
