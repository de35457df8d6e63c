// The registry conformance suite, written against the Registry interface: the in-memory registry and the one on
// etcd must pass it unchanged. Waits poll for an outcome; their bounds only keep a broken engine from hanging.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Registry, RegistryService, WatchEvent, WatchOptions } from "../../runtime/registry/types.js";
import { until } from "../support/wait.js";

export interface RegistryHarness { impl: Registry; close(): Promise<void> }
export type MakeRegistry = () => Promise<RegistryHarness>;

const TEST_TIMEOUT = 30_000;

export const svc = (name: string, ids: string[], version = "latest", extra: Partial<RegistryService> = {}): RegistryService => ({
  name, version, metadata: { team: "a" }, endpoints: [{ name: "Greeter.Call", metadata: { stream: "false" }, request: { name: "Request", type: "Request", values: [{ name: "name", type: "string", values: [] }] } }],
  nodes: ids.map((id, i) => ({ id, address: `127.0.0.1:${9000 + i}`, port: BigInt(9000 + i), metadata: { n: id } })),
  ...extra,
});

/** Collects a watch's events in the background. */
class Watching {
  readonly events: WatchEvent[] = [];
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  constructor(registry: Registry, options: WatchOptions = {}) {
    this.done = (async () => {
      for await (const ev of registry.watch({ ...options, signal: this.abort.signal })) this.events.push(ev);
    })();
  }
  get actions(): string[] { return this.events.map((e) => `${e.action} ${e.service.name} ${e.service.nodes.map((n) => n.id).sort().join(",")}`); }
  async stop(): Promise<void> { this.abort.abort(); await this.done; }
}

/** A watch is live once it reports a registration made after it started. */
async function live(registry: Registry, w: Watching, service = "probe"): Promise<void> {
  let i = 0;
  const isProbe = (e: WatchEvent) => e.service.name === service && e.service.version === "probe";
  await until(async () => {
    await registry.register(svc(service, [`p${i++}`], "probe"), { ttlMs: 0 });
    return w.events.some(isProbe) || undefined;
  }, "the watch to be live", 20_000, 50);
  await registry.deregister(svc(service, [], "probe"));
  await until(async () => (w.events.some((e) => isProbe(e) && e.action === "delete") || undefined), "the probe's delete", 20_000, 20);
  w.events.splice(0);
}

export function conformance(name: string, make: MakeRegistry): void {
  const withRegistry = (fn: (r: Registry) => Promise<void>) => async () => {
    const h = await make();
    try { await fn(h.impl); } finally { await h.close(); }
  };

  describe(`registry conformance: ${name}`, () => {
    test("register, get, list and deregister; nodes keep their address, port and metadata", { timeout: TEST_TIMEOUT }, withRegistry(async (r) => {
      await r.register(svc("greeter", ["n1"]));
      await r.register(svc("greeter", ["n2"]));
      await r.register(svc("greeter", ["m1"], "v2"));
      await r.register(svc("other", ["o1"]));
      const versions = await r.getService("greeter");
      assert.deepEqual(versions.map((s) => s.version).sort(), ["latest", "v2"]);
      const latest = versions.find((s) => s.version === "latest")!;
      assert.deepEqual(latest.nodes.map((n) => n.id).sort(), ["n1", "n2"]);
      const n1 = latest.nodes.find((n) => n.id === "n1")!;
      assert.deepEqual(n1, { id: "n1", address: "127.0.0.1:9000", port: 9000n, metadata: { n: "n1" } });
      assert.deepEqual(latest.endpoints, svc("x", []).endpoints);
      assert.deepEqual(latest.metadata, { team: "a" });
      assert.deepEqual((await r.listServices()).map((s) => `${s.name}@${s.version}`), ["greeter@latest", "greeter@v2", "other@latest"]);
      await r.deregister(svc("greeter", ["n1"]));
      assert.deepEqual((await r.getService("greeter")).find((s) => s.version === "latest")!.nodes.map((n) => n.id), ["n2"]);
      await r.deregister(svc("greeter", []));
      assert.deepEqual((await r.getService("greeter")).map((s) => s.version), ["v2"], "no nodes named: the whole version goes");
      assert.deepEqual(await r.getService("nothing"), []);
    }));

    test("a re-registration with a new description replaces it", { timeout: TEST_TIMEOUT }, withRegistry(async (r) => {
      await r.register(svc("greeter", ["n1"]));
      await r.register(svc("greeter", ["n1"], "latest", { metadata: { team: "b" } }));
      assert.deepEqual((await r.getService("greeter"))[0]!.metadata, { team: "b" });
    }));

    test("domains are isolated; listDomains names those holding services", { timeout: TEST_TIMEOUT }, withRegistry(async (r) => {
      await r.register(svc("greeter", ["a1"]), { domain: "alpha" });
      await r.register(svc("greeter", ["b1"]), { domain: "beta/x" });
      assert.deepEqual((await r.getService("greeter", { domain: "alpha" }))[0]!.nodes.map((n) => n.id), ["a1"]);
      assert.deepEqual((await r.getService("greeter", { domain: "beta/x" }))[0]!.nodes.map((n) => n.id), ["b1"]);
      assert.deepEqual(await r.getService("greeter"), [], "nothing in the default domain");
      assert.deepEqual(await r.listServices({ domain: "gamma" }), []);
      assert.deepEqual((await r.listDomains()).filter((d) => d !== "micro"), ["alpha", "beta/x"]);
      await r.deregister(svc("greeter", []), { domain: "alpha" });
      assert.deepEqual((await r.listDomains()).filter((d) => d !== "micro"), ["beta/x"]);
    }));

    test("a node that stops re-registering expires after its TTL; one with TTL 0 stays", { timeout: 60_000 }, withRegistry(async (r) => {
      await r.register(svc("ttl", ["short"]), { ttlMs: 1000 });
      await r.register(svc("ttl", ["forever"]), { ttlMs: 0 });
      assert.deepEqual((await r.getService("ttl"))[0]!.nodes.map((n) => n.id).sort(), ["forever", "short"]);
      await until(async () => ((await r.getService("ttl"))[0]?.nodes.length === 1 || undefined), "the short-lived node to expire", 30_000);
      assert.deepEqual((await r.getService("ttl"))[0]!.nodes.map((n) => n.id), ["forever"]);
    }));

    test("heartbeats keep a node alive past its TTL", { timeout: 60_000 }, withRegistry(async (r) => {
      // re-registering at a third of the TTL, as services do; the node is present after several TTLs
      const ttlMs = 2000;
      const started = Date.now();
      await r.register(svc("beating", ["b1"]), { ttlMs });
      while (Date.now() - started < 3 * ttlMs) {
        await new Promise((res) => setTimeout(res, ttlMs / 3));
        await r.register(svc("beating", ["b1"]), { ttlMs });
        assert.equal((await r.getService("beating"))[0]?.nodes.length, 1, "still registered");
      }
    }));

    test("watch: create, update on a new node or description, delete when the last node goes; heartbeats are silent", { timeout: TEST_TIMEOUT }, withRegistry(async (r) => {
      const all = new Watching(r);
      const one = new Watching(r, { service: "watched" });
      const other = new Watching(r, { domain: "elsewhere" });
      try {
        await live(r, all);
        await r.register(svc("watched", ["w1"]));
        await r.register(svc("watched", ["w1"]));
        await r.register(svc("watched", ["w2"]));
        await r.register(svc("watched", ["w2"], "latest", { metadata: { team: "c" } }));
        await r.register(svc("unwatched", ["u1"]));
        await r.deregister(svc("watched", ["w1"]));
        await r.deregister(svc("watched", ["w2"]));
        const expected = ["create watched w1", "update watched w1,w2", "update watched w1,w2", "update watched w2", "delete watched "];
        await until(async () => (one.events.length >= expected.length || undefined), "the watched service's events", 20_000, 20);
        assert.deepEqual(one.actions, expected);
        assert.equal(one.events[2]!.service.metadata.team, "c");
        await until(async () => (all.events.length >= expected.length + 1 || undefined), "all events", 20_000, 20);
        assert.deepEqual(all.actions.filter((a) => a.includes("unwatched")), ["create unwatched u1"]);
        assert.deepEqual(other.events, [], "another domain's watch sees nothing");
        assert.ok(one.events.every((e) => Number.isInteger(e.timestamp) && e.timestamp > 1_600_000_000), "timestamps in Unix seconds");
      } finally {
        await Promise.all([all.stop(), one.stop(), other.stop()]);
      }
    }));

    test("watch: an expiring node is an update or a delete", { timeout: 60_000 }, withRegistry(async (r) => {
      const w = new Watching(r, { service: "fading" });
      try {
        await live(r, w, "fading");
        await r.register(svc("fading", ["f1"]), { ttlMs: 1000 });
        await until(async () => (w.events.some((e) => e.action === "delete") || undefined), "the expiry", 30_000, 50);
        assert.deepEqual(w.actions, ["create fading f1", "delete fading "]);
      } finally {
        await w.stop();
      }
    }));

    test("bad input is refused naming what is wrong", { timeout: TEST_TIMEOUT }, withRegistry(async (r) => {
      await assert.rejects(r.register(svc("", ["x"])), /service name is required/);
      await assert.rejects(r.register({ ...svc("bad", ["x"]), nodes: [{ id: "", address: "", metadata: {} }] }), /needs an id and an address/);
    }));
  });
}
