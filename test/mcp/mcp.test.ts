// MCP end to end, with the official SDK's client over both ways in: HTTP (the gateway's /mcp, Bearer token) and
// stdio (`micro mcp` run as an MCP client would, in a CLI HOME). Each way: list tools, call helloworld, a
// kitchen-sink request, errors, a server stream with progress, list_changed on run/kill, a second tenant, an
// anonymous caller, builtins for admins only.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { ToolListChangedNotificationSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { connect, startWorld, type Connection, type Way, type World } from "./world.js";
import { runMicro } from "../cli/support/micro.js";

let world: World;
before(async () => { world = await startWorld(); });
after(async () => { await world?.close(); });

const names = async (c: Connection) => (await c.client.listTools()).tools.map((t) => t.name);
const envelope = (r: CallToolResult) => JSON.parse((r.content[0] as { text: string }).text);

for (const way of ["http", "stdio"] as Way[]) {
  describe(`mcp over ${way}`, () => {
    test("list tools: one per unary and server-streaming endpoint, described, client and bidi streams left out", async () => {
      const c = await connect(world, way, "admin");
      try {
        const list = await c.client.listTools();
        const call = list.tools.find((t) => t.name === "helloworld_call");
        assert.ok(call, `helloworld_call among ${list.tools.map((t) => t.name).join(", ")}`);
        assert.equal(call.description, "Call returns a personal greeting.", "from the proto comment the service registered");
        assert.deepEqual(call.inputSchema.properties, { name: { type: "string", description: "The name to greet." } });
        for (const n of ["helloworld_message", "helloworld_stream", "kitchen_echo", "kitchen_chunks"]) assert.ok(list.tools.some((t) => t.name === n), n);
        assert.ok(!list.tools.some((t) => /ping_pong|collect|chat/.test(t.name)), "client and bidi streams are no tools");
        const leftOut = (list._meta?.["micro/leftOut"] as { endpoint: string; streaming: string }[]).map((l) => `${l.endpoint} ${l.streaming}`);
        assert.deepEqual(leftOut.sort(), ["Helloworld.PingPong bidi_streaming", "Kitchen.Chat bidi_streaming", "Kitchen.Collect client_streaming"]);
        assert.ok(!list.tools.some((t) => /^(store|config|auth|registry|runtime)_/.test(t.name)), "no builtins without --builtins");
        assert.ok(!list.tools.some((t) => t._meta?.["micro/endpoint"]?.toString().startsWith("Debug.")), "no service's Debug endpoints");
        assert.equal(c.client.getServerCapabilities()?.tools?.listChanged, true);
      } finally { await c.close(); }
    });

    test("call helloworld: structured content and text", async () => {
      const c = await connect(world, way, "admin");
      try {
        const r = await c.client.callTool({ name: "helloworld_call", arguments: { name: "Ann" } }) as CallToolResult;
        assert.equal(r.isError, undefined);
        assert.deepEqual(r.structuredContent, { msg: "Hello Ann" });
        assert.deepEqual(JSON.parse((r.content[0] as { text: string }).text), { msg: "Hello Ann" });
      } finally { await c.close(); }
    });

    test("a kitchen-sink request: nested, repeated, map, enum, 64-bit and Timestamp fields round-trip", async () => {
      const c = await connect(world, way, "alice");
      try {
        const order = {
          name: "o1", big: "9007199254740993", small: 7, flag: true, color: "GREEN", when: "2024-05-06T07:08:09Z",
          inner: { label: "box", size: 3 }, tags: ["a", "b"], labels: { k: "v", x: "y" }, ratio: 0.5, numbers: ["1", "2"],
        };
        const r = await c.client.callTool({ name: "kitchen_echo", arguments: order }) as CallToolResult;
        assert.equal(r.isError, undefined, JSON.stringify(r.content));
        assert.deepEqual(r.structuredContent, order);
      } finally { await c.close(); }
    });

    test("errors: Micro's {id, code, detail, status} as a tool error; a bad argument is the gateway's 400", async () => {
      const c = await connect(world, way, "admin");
      try {
        const r = await c.client.callTool({ name: "kitchen_fail", arguments: { small: 409 } }) as CallToolResult;
        assert.equal(r.isError, true);
        assert.deepEqual(envelope(r), { id: "kitchen", code: 409, detail: "failed with 409 on purpose", status: "Conflict" });
        assert.deepEqual(r._meta?.["micro/error"], envelope(r));
        const bad = await c.client.callTool({ name: "kitchen_echo", arguments: { color: "PURPLE" } }) as CallToolResult;
        assert.equal(bad.isError, true);
        assert.equal(envelope(bad).code, 400);
        assert.match(envelope(bad).detail, /color/);
        await assert.rejects(c.client.callTool({ name: "no_such_tool", arguments: {} }), (e: unknown) => e instanceof McpError && /unknown tool/.test(e.message));
      } finally { await c.close(); }
    });

    test("a server stream: the messages collected, progress per message, cut at 100 with truncated", async () => {
      const c = await connect(world, way, "admin");
      try {
        const progress: number[] = [];
        const r = await c.client.callTool({ name: "helloworld_stream", arguments: { count: "3" } }, undefined, { onprogress: (p) => progress.push(p.progress) }) as CallToolResult;
        assert.deepEqual(r.structuredContent, { messages: [{}, { count: "1" }, { count: "2" }], truncated: false });
        if (way === "http") assert.deepEqual(progress, [1, 2, 3]);
        // Over stdio the SDK's client drops a progress notification read in the same chunk as the response
        // (seen with SDK 1.32's stdio client): what arrives is in order; that all is sent first, relay.test.ts checks.
        else assert.deepEqual(progress, [...progress].sort().filter((n) => n >= 1 && n <= 3));
        const long = await c.client.callTool({ name: "kitchen_chunks", arguments: { small: 150 } }) as CallToolResult;
        const s = long.structuredContent as { messages: unknown[]; truncated: boolean };
        assert.equal(s.messages.length, 100);
        assert.equal(s.truncated, true);
      } finally { await c.close(); }
    });

    // the bound is a safety net for a notification that never comes, not a budget: run and kill take what they take
    test("list_changed on micro run and micro kill", { timeout: 300_000 }, async () => {
      const c = await connect(world, way, "admin");
      const name = `runner-${way}`;
      try {
        let changes = 0;
        let notify = () => undefined as void;
        c.client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changes++; notify(); });
        const changed = (n: number) => new Promise<void>((resolve) => { notify = () => { if (changes >= n) resolve(); }; notify(); });
        const source = await world.serviceSource(name);
        const run = await runMicro(["run", source], { home: world.callers.admin.home, port: world.proxyPort });
        assert.equal(run.code, 0, run.stderr);
        await changed(1);
        assert.ok((await names(c)).includes(`${name.replace("-", "_")}_helloworld_call`), "the service micro run started is a tool");
        const kill = await runMicro(["kill", name], { home: world.callers.admin.home, port: world.proxyPort });
        assert.equal(kill.code, 0, kill.stderr);
        await changed(2);
        assert.ok(!(await names(c)).includes(`${name.replace("-", "_")}_helloworld_call`), "and gone once micro kill stopped it");
      } finally { await c.close(); }
    });

    test("a second tenant neither lists nor calls the first tenant's tools", async () => {
      const c = await connect(world, way, "bob");
      try {
        const listed = await names(c);
        assert.ok(!listed.some((n) => n.startsWith("helloworld_") || n.startsWith("kitchen_")), listed.join(", "));
        await assert.rejects(c.client.callTool({ name: "kitchen_echo", arguments: { name: "x" } }), (e: unknown) => e instanceof McpError && /unknown tool/.test(e.message));
      } finally { await c.close(); }
      if (way !== "http") return;
      // pointed at tenant A's namespace, bob is nobody there: its members-only tools are neither listed nor callable
      const there = await connect(world, way, "bob", { namespace: "micro" });
      try {
        assert.ok(!(await names(there)).some((n) => n.startsWith("kitchen_")));
        const r = await there.client.callTool({ name: "kitchen_echo", arguments: { name: "x" } }) as CallToolResult;
        assert.equal(r.isError, true);
        assert.ok([401, 403].includes(envelope(r).code), JSON.stringify(envelope(r)));
      } finally { await there.close(); }
    });

    test("an anonymous caller sees and calls only what the namespace makes public", async () => {
      const c = await connect(world, way, "anonymous");
      try {
        const listed = await names(c);
        assert.ok(listed.includes("helloworld_call"), "helloworld is public (the default rule)");
        assert.ok(!listed.some((n) => n.startsWith("kitchen_")), "kitchen is for members");
        const hello = await c.client.callTool({ name: "helloworld_call", arguments: { name: "you" } }) as CallToolResult;
        assert.deepEqual(hello.structuredContent, { msg: "Hello you" });
        const refused = await c.client.callTool({ name: "kitchen_echo", arguments: {} }) as CallToolResult;
        assert.equal(refused.isError, true);
        assert.equal(envelope(refused).code, 401);
      } finally { await c.close(); }
    });

    test("builtins are tools only for an admin who asks", async () => {
      const c = await connect(world, way, "admin", { builtins: true });
      try {
        const listed = await names(c);
        assert.ok(listed.includes("store_read") && listed.includes("config_get"), listed.filter((n) => /^(store|config)_/.test(n)).join(", "));
        const r = await c.client.callTool({ name: "store_list", arguments: {} }) as CallToolResult;
        assert.equal(r.isError, undefined, JSON.stringify(r.content));
      } finally { await c.close(); }
      await assert.rejects(connect(world, way, "alice", { builtins: true }), "a member without the admin scope is refused");
    });
  });
}
