// The "service client" way with the framework's own clients (svc.store, svc.blobs, config, svc.events,
// svc.broker), naming the other namespace the way a service author would: the database/namespace option.
// `ns` is undefined in a control (the service's own namespace).
import { connectConfig } from "../../../runtime/config/remote.js";
import type { Service } from "../../../runtime/service/index.js";
import type { Target } from "./ops.js";

export type NativeCall = (svc: Service, t: Target, ns: string | undefined, signal: AbortSignal) => Promise<unknown> | AsyncIterable<unknown>;

const enc = (s: string) => new TextEncoder().encode(s);
const payload = (t: Target) => `${t.control ? "CONTROL" : "ATTACK"} ${t.caseId}`;
const key = (t: Target, attack: string) => (t.control ? t.ctl : attack);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Polls like a service's config watcher would; yields every change, and the first value it sees. */
async function* watchConfig(svc: Service, ns: string | undefined, signal: AbortSignal): AsyncGenerator<unknown> {
  const config = connectConfig(svc.platform.transport(), { namespace: ns });
  const seen: unknown[] = [];
  let failure: unknown;
  let wake = () => {};
  // watch() reports the state it starts from only through a change, so read it once first, as services do
  seen.push((await config.get("app.greeting")).raw);
  const stop = config.watch("app.greeting", (e) => { seen.push(e.raw); wake(); }, { intervalMs: 100, onError: (err) => { failure = err; wake(); } });
  try {
    while (!signal.aborted) {
      while (seen.length) yield seen.shift();
      if (failure) throw failure;
      await new Promise<void>((r) => { wake = r; signal.addEventListener("abort", () => r(), { once: true }); setTimeout(r, 100); });
    }
  } finally {
    stop();
  }
}

export const NATIVE: Record<string, NativeCall> = {
  "store.read": (svc, t, ns) => svc.store.read(`rec-${t.owner.key}`, { database: ns, table: "micro" }),
  "store.list": (svc, _t, ns) => collect(svc.store.list({ database: ns, table: "micro" })),
  "store.tables": (svc, _t, ns) => svc.store.tables(ns),
  "store.write": (svc, t, ns) => svc.store.write({ key: key(t, `rec-${t.owner.key}`), value: payload(t) }, { database: ns, table: "micro" }),
  "store.delete": (svc, t, ns) => svc.store.delete(key(t, `rec-${t.owner.key}`), { database: ns, table: "micro" }),
  "blob.read": (svc, t, ns) => svc.blobs.read(`blob-${t.owner.key}`, { namespace: ns }),
  "blob.list": (svc, _t, ns) => svc.blobs.list({ namespace: ns }),
  "blob.write": (svc, t, ns) => svc.blobs.write(key(t, `blob-${t.owner.key}`), enc(payload(t)), { namespace: ns }),
  "blob.delete": (svc, t, ns) => svc.blobs.delete(key(t, `blob-${t.owner.key}`), { namespace: ns }),
  "config.get": (svc, _t, ns) => connectConfig(svc.platform.transport(), { namespace: ns }).get("app.greeting").then((e) => e.raw),
  "config.get-secret": (svc, _t, ns) => connectConfig(svc.platform.transport(), { namespace: ns }).get("app.password", { secret: true }).then((e) => e.raw),
  "config.watch": (svc, _t, ns, signal) => watchConfig(svc, ns, signal),
  "config.set": (svc, t, ns) => connectConfig(svc.platform.transport(), { namespace: ns }).set(key(t, "app.greeting").replace(/^ctl-/, "ctl."), payload(t)),
  "config.delete": (svc, t, ns) => connectConfig(svc.platform.transport(), { namespace: ns }).delete(t.control ? t.ctl.replace(/^ctl-/, "ctl.") : "app"),
  "events.read": (svc, _t, ns) => svc.events.read("orders", { namespace: ns }),
  "events.consume": (svc, _t, ns, signal) => svc.events.consume("orders", { namespace: ns, offset: new Date(1000), signal }),
  "events.publish": (svc, t, ns) => svc.events.publish("orders", enc(JSON.stringify({ note: payload(t) })), { namespace: ns }),
  "broker.subscribe": (svc, _t, ns, signal) => svc.broker.subscribe("chat", { namespace: ns, signal }),
  "broker.publish": (svc, t, ns) => svc.broker.publish("chat", { header: {}, body: enc(payload(t)) }, { namespace: ns }),
};

/** JSON of whatever a native call returned, with bytes as text (so markers show). */
export function renderNative(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
    if (v && typeof v === "object" && (v as { type?: string }).type === "Buffer" && Array.isArray((v as { data?: unknown }).data)) {
      return Buffer.from((v as { data: number[] }).data).toString("utf8");
    }
    return typeof v === "bigint" ? String(v) : v;
  }) ?? "";
}
