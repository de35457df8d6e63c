// The mcp target's tools: names, descriptions, schemas from the shared endpoint schemas, streams collected,
// client and bidi streams left out and listed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateToolName } from "@modelcontextprotocol/sdk/shared/toolNameValidation.js";
import { buildMcpManifest, buildMcpTools, MAX_TOOL_NAME, MCP_STREAM_LIMIT, toolName } from "../../generators/emit/mcp/index.js";
import { buildEndpointSchemas } from "../../generators/tables/index.js";
import { fixtureNamed, modelFor } from "./helpers.js";

describe("mcp tools", () => {
  test("names: registry words, the proto service unless it names the registry service, the method in snake case", () => {
    assert.equal(toolName("helloworld", "Helloworld", "Call"), "helloworld_call");
    assert.equal(toolName("acme.shop.v1", "Catalog", "GetItem"), "acme_shop_v1_catalog_get_item");
    assert.equal(toolName("foobar", "Helloworld", "PingPong"), "foobar_helloworld_ping_pong");
    assert.equal(toolName("go.micro.srv.greeter", "Say", "HTTPHello"), "go_micro_srv_greeter_say_http_hello");
    const long = toolName("a".repeat(50), "Service", "SomeRatherLongMethodName");
    assert.equal(long.length, MAX_TOOL_NAME);
    assert.notEqual(long, toolName("a".repeat(50), "Service", "SomeRatherLongMethodNameToo"), "a hash keeps long names apart");
    for (const name of ["helloworld_call", long]) assert.equal(validateToolName(name).isValid, true);
  });

  test("helloworld: a tool per unary and server-streaming endpoint, the bidi stream listed as left out", () => {
    const model = modelFor(fixtureNamed("helloworld"));
    const { tools, leftOut } = buildMcpTools(model.services);
    assert.deepEqual(tools.map((t) => t.name), ["helloworld_call", "helloworld_message", "helloworld_stream"]);
    assert.deepEqual(leftOut.map((l) => [l.endpoint, l.streaming]), [["Helloworld.PingPong", "bidi_streaming"]]);
    const call = tools[0]!;
    assert.equal(call.description, "Call returns a personal greeting.");
    assert.deepEqual(call._meta, { "micro/service": "helloworld", "micro/endpoint": "Helloworld.Call", "micro/streaming": "unary" });
    const schemas = buildEndpointSchemas(model, "helloworld");
    assert.deepEqual(call.inputSchema, schemas[0]!.request, "the shared endpoint schema, as is");
    assert.deepEqual(call.outputSchema, schemas[0]!.response);
    const stream = tools[2]!;
    assert.match(stream.description, new RegExp(`at most ${MCP_STREAM_LIMIT}`));
    assert.deepEqual(stream.outputSchema!.required, ["messages", "truncated"]);
    assert.deepEqual((stream.outputSchema!.properties as Record<string, { items?: unknown }>).messages!.items, schemas[2]!.response);
  });

  test("a registry name given at run time renames every tool", () => {
    const { tools } = buildMcpTools(modelFor(fixtureNamed("helloworld")).services, { registryName: "foobar" });
    assert.equal(tools[0]!.name, "foobar_helloworld_call");
    assert.equal(tools[0]!._meta["micro/service"], "foobar");
  });

  test("kitchen sink: streams' definitions hoisted, deprecated marked, client and bidi left out", () => {
    const model = modelFor(fixtureNamed("kitchen-sink"));
    const manifest = buildMcpManifest(model.files.find((f) => f.name === "acme/shop/v1/shop.proto")!);
    assert.equal(manifest.format, "micro-mcp/v1");
    assert.deepEqual(manifest.leftOut.map((l) => l.endpoint), ["Catalog.ImportItems", "Catalog.Sync"]);
    const watch = manifest.tools.find((t) => t.name === "acme_shop_v1_catalog_watch_items")!;
    const defs = watch.outputSchema!.$defs as Record<string, unknown>;
    assert.ok(defs["acme.shop.v1.Item"], "the event's Item definition sits at the top of the output schema");
    assert.ok(JSON.stringify(watch.outputSchema).includes('"#/$defs/acme.shop.v1.Item"'));
    assert.match(manifest.tools.find((t) => t.name === "acme_shop_v1_catalog_delete")!.description, /^Deprecated\. /);
    // google.protobuf.Empty is an object: a tool may answer it as structured content
    assert.deepEqual(manifest.tools.find((t) => t.name === "acme_shop_v1_catalog_delete")!.outputSchema, { type: "object" });
    const names = manifest.tools.map((t) => t.name);
    assert.equal(new Set(names).size, names.length, "names are unique");
  });
});
