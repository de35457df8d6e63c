// The server's lean AsyncResource#bind (runtime/server/async-resource-bind.ts) keeps what bind promises — the async
// scope of the resource, the caller's `this` or the given one, the arguments, fn's length — without the deprecated
// accessor; and node:http2 requests still work with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import * as http2 from "node:http2";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { bindAttachesAsyncResource, installLeanAsyncResourceBind } from "../../runtime/server/async-resource-bind.js";

const major = Number(process.versions.node.split(".")[0]);

test("install replaces bind only where it attaches the deprecated accessor, once", () => {
  const before = bindAttachesAsyncResource();
  if (major < 24) assert.equal(before, true, "node 20–23 attach asyncResource to bound functions");
  assert.equal(installLeanAsyncResourceBind(), before);
  assert.equal(bindAttachesAsyncResource(), false);
  assert.equal(installLeanAsyncResourceBind(), false, "a second install finds nothing to replace");
});

test("a bound function runs in the resource's async scope, with the caller's this, its arguments and fn's length", async () => {
  installLeanAsyncResourceBind();
  const storage = new AsyncLocalStorage<string>();
  const resource = storage.run("at creation", () => new AsyncResource("test"));
  const seen: unknown[] = [];
  function fn(this: unknown, a: number, b: number) { seen.push(storage.getStore(), this, a + b); return a * b; }
  const bound = resource.bind(fn);
  assert.equal(bound.length, 2);
  assert.equal(Object.getOwnPropertyDescriptor(bound, "asyncResource"), undefined);
  const self = { name: "caller" };
  const result = storage.run("at call", () => bound.call(self, 3, 4));
  assert.equal(result, 12);
  assert.deepEqual(seen, ["at creation", self, 7]);

  const given = { name: "given" };
  // node's bind takes a thisArg (since v14.8); @types/node leaves it out
  const boundThis = (resource.bind as (f: typeof fn, thisArg: unknown) => typeof fn).call(resource, fn, given);
  seen.length = 0;
  assert.equal(storage.run("at call", () => boundThis.call(self, 2, 5)), 10);
  assert.deepEqual(seen, ["at creation", given, 7]);
  assert.throws(() => resource.bind(42 as unknown as () => void), TypeError);
});

test("node:http2 client requests work with it (they bind once per request)", async () => {
  installLeanAsyncResourceBind();
  const server = http2.createServer();
  server.on("stream", (stream) => { stream.respond({ ":status": 200 }); stream.end("pong"); });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const session = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  try {
    for (let i = 0; i < 3; i++) {
      const req = session.request({ ":path": "/" });
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (d: string) => { body += d; });
      await once(req, "end");
      assert.equal(body, "pong");
    }
  } finally {
    session.close();
    server.close();
  }
});
