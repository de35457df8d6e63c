// What a tenant owns, read as the platform admin: compared before and after every attack that writes, so a
// write or delete that got through is caught even when its call looked refused. And the "pokes": things the
// owner's side does while a stream is open, so a stream that opened but showed nothing is not a vacuous pass.
import { randomBytes } from "node:crypto";
import { createClient } from "../../../runtime/rpc/index.js";
import { BlobStore, Store } from "../../../runtime/gen/store/store_pb.js";
import { Config } from "../../../runtime/gen/config/config_pb.js";
import { Store as EventsStore, Stream } from "../../../runtime/gen/events/events_pb.js";
import { Broker } from "../../../runtime/gen/broker/broker_pb.js";
import { Registry } from "../../../runtime/gen/registry/registry_pb.js";
import { Runtime } from "../../../runtime/gen/runtime/runtime_pb.js";
import { Accounts, Auth, Rules } from "../../../runtime/gen/auth/auth_pb.js";
import type { Tenant, World } from "./tenants.js";
import type { Poke } from "./ops.js";

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

export async function snapshot(w: World, t: Tenant): Promise<Record<string, string>> {
  const T = w.root(t.ns);
  const out: Record<string, string> = {};
  // A section that fails (its data deleted by a leak, say) is recorded as its error, not thrown.
  const section = async (name: string, read: () => Promise<void>) => {
    await read().catch((e: { code?: number; detail?: string }) => { out[`${name} error`] = `${e.code} ${e.detail}`; });
  };
  const store = createClient(Store, T);
  await section("store", async () => {
    for (const table of (await store.tables({ database: t.ns })).tables.sort()) {
      const keys: string[] = [];
      for await (const r of store.list({ options: { database: t.ns, table } })) keys.push(...r.keys);
      for (const key of keys.sort()) {
        const { records } = await store.read({ key, options: { database: t.ns, table } });
        out[`store ${table}/${key}`] = records.map((r) => text(r.value)).join("|");
      }
    }
  });
  const blobs = createClient(BlobStore, T);
  await section("blobs", async () => {
    for (const key of (await blobs.list({ options: { namespace: t.ns } })).keys.sort()) {
      const chunks: Uint8Array[] = [];
      for await (const c of blobs.read({ key, options: { namespace: t.ns } })) chunks.push(c.blob);
      out[`blob ${key}`] = Buffer.concat(chunks).toString("utf8");
    }
  });
  const config = createClient(Config, T);
  await section("config", async () => { out.config = (await config.read({ namespace: t.ns, path: "" })).change?.changeSet?.data ?? ""; });
  await section("config secret", async () => {
    out["config secret"] = (await config.get({ namespace: t.ns, path: "app.password", options: { secret: true } })).value?.data ?? "";
  });
  await section("events", async () => {
    const events = await createClient(EventsStore, T).read({ topic: "orders", limit: 1000n });
    out.events = events.events.map((e) => `${e.id}:${text(e.payload)}`).sort().join("\n");
  });
  const registry = createClient(Registry, T);
  await section("registry", async () => {
    for (const s of (await registry.listServices({ options: { domain: t.ns } })).services) {
      const full = await registry.getService({ service: s.name, options: { domain: t.ns } });
      out[`registry ${s.name}`] = full.services.flatMap((v) => v.nodes.map((n) => `${v.version}/${n.id}@${n.address}`)).sort().join(",");
    }
  });
  await section("runtime", async () => {
    for (const s of (await createClient(Runtime, T).read({ options: { namespace: t.ns } })).services) {
      out[`runtime ${s.name}`] = JSON.stringify([s.version, s.source, s.metadata.status, s.metadata.started ?? "", s.metadata.restarts]);
    }
  });
  await section("accounts", async () => {
    out.accounts = (await createClient(Accounts, T).list({ options: { namespace: t.ns } })).accounts
      .map((a) => `${a.id}:${a.type}:${a.scopes.join("+")}`).sort().join(",");
  });
  await section("rules", async () => {
    out.rules = (await createClient(Rules, T).list({ options: { namespace: t.ns } })).rules
      .map((r) => `${r.id}:${r.scope}:${r.resource?.type}:${r.resource?.name}:${r.resource?.endpoint}:${r.access}:${r.priority}`).sort().join(",");
  });
  return out;
}

/** The keys whose values differ, with both values (shortened). */
export function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const short = (v: string | undefined) => (v === undefined ? "(absent)" : JSON.stringify(v.length > 120 ? v.slice(0, 120) + "…" : v));
  return [...keys].filter((k) => before[k] !== after[k]).map((k) => `${k}: ${short(before[k])} → ${short(after[k])}`);
}

/** Whether the owner's secret still logs it in (a ChangeSecret that got through would not show in the snapshot). */
export async function ownerCanLogIn(w: World, t: Tenant): Promise<boolean> {
  const auth = createClient(Auth, w.root(t.ns));
  return auth.token({ id: t.user.id, secret: t.user.secret, options: { namespace: t.ns } }).then(() => true, () => false);
}

/** Makes the owner's side produce what an open stream of this kind would carry, with the owner's marker. */
export async function poke(w: World, t: Tenant, kind: Poke): Promise<void> {
  const T = w.root(t.ns);
  switch (kind) {
    case "events":
      await createClient(Stream, T).publish({ topic: "orders", payload: new TextEncoder().encode(JSON.stringify({ poke: t.marker })) });
      return;
    case "broker":
      await createClient(Broker, T).publish({ topic: "chat", message: { header: {}, body: new TextEncoder().encode(`poke ${t.marker}`) } });
      return;
    case "registry": {
      const registry = createClient(Registry, T);
      const name = `poke-${t.key.toLowerCase()}-${randomBytes(3).toString("hex")}`;
      const entry = { name, version: "1", metadata: { marker: t.marker }, nodes: [{ id: name, address: "127.0.0.1:1" }], options: { domain: t.ns, ttl: 60n } };
      await registry.register(entry);
      await registry.deregister(entry);
      return;
    }
  }
}
