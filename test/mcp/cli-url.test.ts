// Where `micro mcp` finds the gateway: --api / MICRO_API_URL, else the local server's; a remote environment
// without one is a clear error naming what to give.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mcpUrl } from "../../runtime/cli/commands/mcp.js";
import type { Environment } from "../../runtime/cli/settings/envs.js";

const env = (name: string, builtin: boolean, proxy?: string): Environment =>
  ({ name, builtin, proxy: proxy ?? "127.0.0.1:8081", description: "", namespace: "micro", record: proxy ? { proxy } : {} });

test("the local environment: the local gateway, on MICRO_API_PORT", () => {
  assert.equal(mcpUrl(undefined, env("local", true), {}).href, "http://127.0.0.1:8080/mcp");
  assert.equal(mcpUrl(undefined, env("local", true), { MICRO_API_PORT: "9090" }).href, "http://127.0.0.1:9090/mcp");
  assert.equal(mcpUrl(undefined, env("other", false), {}).href, "http://127.0.0.1:8080/mcp", "an environment added without an address follows the local server");
});

test("a given URL wins; /mcp is added when missing", () => {
  assert.equal(mcpUrl("https://api.example.com", env("platform", true, "proxy.example.com:443"), {}).href, "https://api.example.com/mcp");
  assert.equal(mcpUrl("http://h:1/base/", env("local", true), {}).href, "http://h:1/base/mcp");
  assert.equal(mcpUrl("http://h:1/mcp", env("local", true), {}).href, "http://h:1/mcp");
});

test("a remote environment without a URL, or a bad URL, is refused with what to give", () => {
  assert.throws(() => mcpUrl(undefined, env("dev", true, "proxy.m3o.dev:443"), {}), /environment dev names only its proxy \(proxy\.m3o\.dev:443\): give its API gateway's URL with --api or MICRO_API_URL/);
  assert.throws(() => mcpUrl(undefined, env("mine", false, "remote:443"), {}), /--api or MICRO_API_URL/);
  assert.throws(() => mcpUrl("not a url", env("local", true), {}), /is not a URL/);
  assert.throws(() => mcpUrl("ftp://x", env("local", true), {}), /not an http\(s\) URL/);
});
