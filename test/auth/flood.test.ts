// A signup flood through the real server's proxy, from one address and from many (faked through
// X-Forwarded-For, which the server believes only because this test makes 127.0.0.1 a trusted proxy), while a
// legitimate user logs in and calls: the rate limits hold (counted 429s), nothing but 429/503 comes back to the
// flood, and every call of the legitimate user succeeds. Latencies are printed; the only time assertion is a
// generous ceiling, since the machine may be loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const PER_ADDRESS = 5;
const PER_MINUTE = 40;
const FROM_ONE = 200;
const FROM_MANY = 200;
const IN_FLIGHT = 32;
const PASSWORD = "flood-password-123";

test("signup flood: per-address and overall limits hold, and another user's logins and calls still succeed", { timeout: 300_000 }, async () => {
  // before the server's modules load: the proxy reads its trusted proxies once
  process.env.MICRO_TRUSTED_PROXIES = "127.0.0.1";
  process.env.MICRO_SIGNUP_PER_ADDRESS = String(PER_ADDRESS);
  process.env.MICRO_SIGNUP_PER_MINUTE = String(PER_MINUTE);
  const [{ startServer }, { Auth }, { Registry }, rpc] = await Promise.all([
    import("../../runtime/server/server.js"), import("../../runtime/gen/auth/auth_pb.js"), import("../../runtime/gen/registry/registry_pb.js"),
    import("../../runtime/rpc/index.js"),
  ]);
  const dir = await mkdtemp(join(tmpdir(), "micro-flood-"));
  const server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  const transport = rpc.createGrpcTransport({ address: server.proxyAddress });
  const auth = rpc.createClient(Auth, transport);
  const registry = rpc.createClient(Registry, transport);
  const started = performance.now();
  try {
    // the flood: FROM_ONE attempts from one address, FROM_MANY from as many addresses, IN_FLIGHT at a time
    const attempts = [
      ...Array.from({ length: FROM_ONE }, (_, i) => ({ peer: "10.9.9.9", ns: `one-${i}` })),
      ...Array.from({ length: FROM_MANY }, (_, i) => ({ peer: `10.1.${i >> 8}.${i & 255}`, ns: `many-${i}` })),
    ].sort((a, b) => hash(a.ns) - hash(b.ns)); // interleaved
    const outcomes: { peer: string; code: number; detail: string }[] = [];
    let next = 0;
    const flooder = async () => {
      while (next < attempts.length) {
        const a = attempts[next++]!;
        try {
          await auth.generate({ id: "x@example.com", secret: PASSWORD, type: "user", options: { namespace: a.ns } }, { metadata: { "x-forwarded-for": a.peer } });
          outcomes.push({ peer: a.peer, code: 200, detail: "" });
        } catch (err) {
          const e = err as { code?: number; detail?: string };
          outcomes.push({ peer: a.peer, code: e.code ?? -1, detail: e.detail ?? String(err) });
        }
      }
    };
    // meanwhile, the admin logs in from its own address and calls the registry, again and again
    const latencies: number[] = [];
    let flooding = true;
    const user = async () => {
      let calls = 0;
      while (flooding || calls < 5) {
        const t0 = performance.now();
        const token = (await auth.token({ id: "admin", secret: "micro" }, { metadata: { "x-forwarded-for": "192.0.2.10" } })).token!.accessToken;
        await registry.listServices({}, { metadata: { authorization: `Bearer ${token}`, "x-forwarded-for": "192.0.2.10" } });
        latencies.push(performance.now() - t0);
        calls++;
      }
    };
    const userDone = user();
    await Promise.all(Array.from({ length: IN_FLIGHT }, flooder));
    flooding = false;
    await userDone;
    const elapsed = performance.now() - started;

    const count = (peer: ((p: string) => boolean), code: number) => outcomes.filter((o) => peer(o.peer) && o.code === code).length;
    const one = (p: string) => p === "10.9.9.9";
    const many = (p: string) => !one(p);
    const all = () => true;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`flood: ${outcomes.length} signups in ${(elapsed / 1000).toFixed(1)}s: ` +
      `one address ${count(one, 200)} created / ${count(one, 429)} × 429 / ${count(one, 503)} × 503; ` +
      `many addresses ${count(many, 200)} created / ${count(many, 429)} × 429 / ${count(many, 503)} × 503; ` +
      `legitimate login+call ×${latencies.length}: median ${sorted[sorted.length >> 1]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);

    assert.equal(outcomes.length, FROM_ONE + FROM_MANY);
    const unexpected = outcomes.filter((o) => ![200, 429, 503].includes(o.code));
    assert.deepEqual(unexpected.slice(0, 3), [], "the flood gets only created, 429 or 503");
    // sliding one-minute windows: over `elapsed` at most this many windows' worth can pass
    const windows = 1 + Math.ceil(elapsed / 60_000);
    assert.ok(count(one, 200) <= PER_ADDRESS * windows, `one address created ${count(one, 200)} namespaces`);
    assert.ok(count(all, 200) <= PER_MINUTE * windows, `${count(all, 200)} namespaces created in all`);
    assert.ok(count(one, 429) >= FROM_ONE - PER_ADDRESS * windows - count(one, 503), "the per-address limit answered 429");
    assert.ok(outcomes.some((o) => one(o.peer) && o.code === 429 && /from your address/.test(o.detail)));
    assert.ok(outcomes.some((o) => many(o.peer) && o.code === 429 && /on this server right now/.test(o.detail)), "the overall limit answered 429");
    assert.ok(count(all, 200) >= 1, "signups did go through before the limits");
    // the legitimate user: every login and call succeeded (an error would have thrown), within a generous ceiling
    assert.ok(latencies.length >= 5);
    assert.ok(sorted[sorted.length - 1]! < 60_000, `a legitimate login+call took ${sorted[sorted.length - 1]!.toFixed(0)} ms`);
  } finally {
    await server.close();
    rpc.closeChannels();
    await rm(dir, { recursive: true, force: true });
    delete process.env.MICRO_SIGNUP_PER_ADDRESS;
    delete process.env.MICRO_SIGNUP_PER_MINUTE;
  }
});

/** A fixed shuffle: the two floods interleave the same way every run. */
function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
