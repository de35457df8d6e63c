// The config conformance suite, written against the Config interface only: every engine (embedded, remote
// over gRPC, later ones) must pass it unchanged. Scenarios follow Micro 3.0's config integration tests.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { MicroError } from "../../runtime/rpc/index.js";
import { microError } from "../support/errors.js";
import { ServiceConfig, type Config, type GetOptions } from "../../runtime/config/index.js";
import { eventually, type ConfigHarness } from "./harness.js";

const v = (x: unknown) => ({ data: JSON.stringify(x) });
const got = async (c: Config, path: string, options?: GetOptions) => JSON.parse((await c.get(path, options)).data) as unknown;


export function conformance(name: string, make: () => Promise<ConfigHarness>): void {
  const withConfig = (fn: (open: ConfigHarness["open"]) => Promise<void>) => async () => {
    const h = await make();
    try {
      await fn(h.open);
    } finally {
      await h.close();
    }
  };

  describe(`config conformance: ${name}`, () => {
    test("set, get and delete a value", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("somekey", v("val1"));
      assert.deepEqual(await c.get("somekey"), { data: '"val1"', format: "json" });
      await c.delete("somekey");
      // the engines say "not found", the gRPC handler Micro 3.0's "Not found" (config/handler.ts)
      await assert.rejects(c.get("somekey"), microError(404, /^not found$/i));
    }));

    test("dotted paths address nested values; the empty path is the whole document", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("someotherkey.subkey", v("otherval1"));
      assert.equal((await c.get("someotherkey.subkey")).data, '"otherval1"');
      assert.equal((await c.get("someotherkey")).data, '{"subkey":"otherval1"}');
      await c.set("top", v(1));
      assert.deepEqual(await got(c, ""), { someotherkey: { subkey: "otherval1" }, top: 1 });
    }));

    test("objects deep-merge into stored objects", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("db", v({ host: "h", port: 1, opts: { a: 1 } }));
      await c.set("db", v({ port: 2, opts: { b: 2 }, user: "u" }));
      assert.deepEqual(await got(c, "db"), { host: "h", port: 2, opts: { a: 1, b: 2 }, user: "u" });
      await c.set("", v({ db: { host: "h2" }, other: true }));
      assert.deepEqual(await got(c, ""), { db: { host: "h2", port: 2, opts: { a: 1, b: 2 }, user: "u" }, other: true });
      await c.set("db.opts", v({}));
      assert.deepEqual(await got(c, "db.opts"), { a: 1, b: 2 }, "merging {} changes nothing");
    }));

    test("scalars and arrays overwrite whatever was there", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("a", v({ b: 1, c: { d: 2 } }));
      await c.set("a", v(5));
      assert.deepEqual(await got(c, "a"), 5);
      await assert.rejects(c.get("a.b"), microError(404));
      await c.set("a.b.c", v(true));
      assert.deepEqual(await got(c, "a"), { b: { c: true } }, "a scalar on the way is replaced by an object");
      await c.set("list", v([1, 2, { x: 3 }]));
      await c.set("list", v(["only"]));
      assert.deepEqual(await got(c, "list"), ["only"]);
      await c.set("n", v(null));
      assert.equal((await c.get("n")).data, "null");
      await c.set("e", v({}));
      assert.deepEqual(await got(c, "e"), {});
      await c.set("e.k", v(1));
      assert.deepEqual(await got(c, "e"), { k: 1 });
    }));

    test("<, > and & come back as they were set, not HTML-escaped", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("html", v("<b>x & y</b>"));
      assert.equal((await c.get("html")).data, '"<b>x & y</b>"');
      await c.set("page", v({ tpl: "<p>{{.}}</p>" }));
      assert.equal((await c.get("")).data, '{"html":"<b>x & y</b>","page":{"tpl":"<p>{{.}}</p>"}}');
    }));

    test("missing paths are 404 not found; deleting them is not an error", withConfig(async (open) => {
      const c = open("alpha");
      await assert.rejects(c.get("somekey"), microError(404, /^not found$/i));
      await assert.rejects(c.get(""), microError(404, /^not found$/i), "an empty namespace has no document");
      await c.set("a", v(1));
      await assert.rejects(c.get("a.b"), microError(404), "below a scalar");
      await assert.rejects(c.get("b"), microError(404));
      await c.delete("nothing.here");
      assert.equal((await c.get("a")).data, "1");
    }));

    test("delete removes a subtree and keeps its siblings", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("a", v({ b: 1, c: { d: 2, e: 3 } }));
      await c.delete("a.c.d");
      assert.deepEqual(await got(c, "a"), { b: 1, c: { e: 3 } });
      await c.delete("a.c");
      assert.deepEqual(await got(c, "a"), { b: 1 });
      await c.delete("");
      await assert.rejects(c.get(""), microError(404));
    }));

    test("secrets read as [secret] unless asked for, and decrypt when asked", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("db.password", v("hunter2"), { secret: true });
      await c.set("db.host", v("localhost"));
      assert.equal((await c.get("db.password")).data, '"[secret]"');
      assert.equal((await c.get("db.password", { secret: true })).data, '"hunter2"');
      assert.deepEqual(await got(c, "db"), { host: "localhost", password: "[secret]" });
      assert.deepEqual(await got(c, "db", { secret: true }), { host: "localhost", password: "hunter2" });
      assert.doesNotMatch((await c.read("db")).changeSet.data, /hunter2/);
      await c.set("creds", v({ user: "u", key: { id: 7 } }), { secret: true });
      assert.deepEqual(await got(c, "creds"), { user: "[secret]", key: { id: "[secret]" } }, "every leaf of a secret object is secret");
      assert.deepEqual(await got(c, "creds", { secret: true }), { user: "u", key: { id: 7 } });
      await c.set("db.password", v("plain now"));
      assert.equal((await c.get("db.password")).data, '"plain now"', "a plain set replaces a secret");
    }));

    test("namespaces are isolated", withConfig(async (open) => {
      const a = open("alpha");
      const b = open("beta");
      await a.set("key", v("in alpha"));
      await assert.rejects(b.get("key"), microError(404));
      await assert.rejects(b.get(""), microError(404));
      await b.set("key", v("in beta"));
      await b.delete("");
      assert.equal((await a.get("key")).data, '"in alpha"');
    }));

    test("invalid input is a 400 naming the problem, and nothing stored is lost", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("k", v("keep"));
      await c.set("obj", v({ a: 1 }));
      await assert.rejects(c.set("k", { data: "not json" }), microError(400, /value\.data is not valid JSON/));
      await assert.rejects(c.set("k", { data: "sekrit-text" }, { secret: true }), (e: unknown) => {
        microError(400, /not valid JSON/)(e);
        assert.doesNotMatch((e as MicroError).detail, /sekrit/, "a rejected secret is not echoed");
        return true;
      });
      await assert.rejects(c.set("k", { data: "" }), microError(400, /value\.data is empty/));
      await assert.rejects(c.set("k", { data: "1", format: "yaml" }), microError(400, /format "yaml" is not supported/));
      await assert.rejects(c.set("a..b", v(1)), microError(400, /empty segment/));
      await assert.rejects(c.set(".a", v(1)), microError(400, /empty segment/));
      await assert.rejects(c.set("", v("scalar")), microError(400, /must be a JSON object/));
      await assert.rejects(c.set("obj", v({ b: 2, "c.d": 3 })), microError(400, /object key "c\.d" at "obj" contains '\.'/));
      await assert.rejects(c.get("a..b"), microError(400, /empty segment/));
      await assert.rejects(c.set("x".repeat(1025), v(1)), microError(400, /is longer than 1024 bytes/));
      assert.equal((await c.get("k")).data, '"keep"');
      assert.deepEqual(await got(c, "obj"), { a: 1 }, "a refused object stores none of its keys");
    }));

    test("read answers the value with a checksum that changes with it", withConfig(async (open) => {
      const c = open("alpha");
      await c.set("svc", v({ a: 1 }));
      const first = await c.read("svc");
      assert.equal(first.namespace, "alpha");
      assert.equal(first.path, "svc");
      assert.equal(first.changeSet.data, '{"a":1}');
      assert.equal(first.changeSet.format, "json");
      assert.ok(first.changeSet.timestamp > 0);
      assert.match(first.changeSet.checksum, /^[0-9a-f]{64}$/);
      assert.equal((await c.read("svc")).changeSet.checksum, first.changeSet.checksum, "stable while nothing changes");
      await c.set("other", v(1));
      assert.equal((await c.read("svc")).changeSet.checksum, first.changeSet.checksum, "a change elsewhere does not count");
      await c.set("svc.b", v(2));
      assert.notEqual((await c.read("svc")).changeSet.checksum, first.changeSet.checksum);
      await assert.rejects(c.read("missing"), microError(404));
    }));

    test("a watcher sees changes without a restart", withConfig(async (open) => {
      const svc = new ServiceConfig(open("alpha"), { watchIntervalMs: 10 });
      await svc.set("feature.flag", false);
      const seen: unknown[] = [];
      const stop = svc.watch("feature", (entry) => void seen.push(entry.exists() ? entry.json() : "missing"));
      try {
        await stop.ready;
        await svc.set("feature.flag", true);
        await eventually(() => seen.length >= 1, "the change");
        assert.deepEqual(seen[0], { flag: true });
        await svc.delete("feature");
        await eventually(() => seen.length >= 2, "the deletion");
        assert.equal(seen[1], "missing");
      } finally {
        stop();
      }
      const secrets: string[] = [];
      const stopSecret = svc.watch("token", (entry) => void secrets.push(entry.string()), { secret: true });
      try {
        await stopSecret.ready;
        await svc.set("token", "t-1", { secret: true });
        await eventually(() => secrets.length >= 1, "the secret");
        assert.deepEqual(secrets, ["t-1"]);
      } finally {
        stopSecret();
      }
    }));

    test("a service reads typed values with defaults", withConfig(async (open) => {
      const svc = new ServiceConfig(open("alpha"));
      await svc.set("server", { port: 8080, debug: "true", hosts: ["a", "b"], ratio: 0.5 });
      const port = await svc.get("server.port");
      assert.equal(port.exists(), true);
      assert.equal(port.int(1), 8080);
      assert.equal(port.string(), "8080");
      assert.equal((await svc.get("server.debug")).bool(false), true);
      assert.deepEqual((await svc.get("server.hosts")).stringSlice(), ["a", "b"]);
      assert.equal((await svc.get("server.ratio")).float(), 0.5);
      assert.deepEqual((await svc.get("server")).json(), { port: 8080, debug: "true", hosts: ["a", "b"], ratio: 0.5 });
      const missing = await svc.get("server.missing");
      assert.equal(missing.exists(), false);
      assert.equal(missing.int(42), 42);
      assert.equal(missing.string("dflt"), "dflt");
      await svc.set("pw", "s3", { secret: true });
      assert.equal((await svc.get("pw")).string(), "[secret]");
      assert.equal((await svc.get("pw", { secret: true })).string(), "s3");
    }));
  });
}
