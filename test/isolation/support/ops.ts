// Every operation of every primitive the matrix tries, as a proto3-JSON request that names the owner's data.
// In an attack the owner is the victim and writes carry "ATTACK <case>"; in a control the owner is the caller
// itself and writes/deletes touch a throwaway object (`ctl`), never the seeded data other controls read.
import type { DescMethod, JsonObject } from "@bufbuild/protobuf";
import { BlobStore, Store } from "../../../runtime/gen/store/store_pb.js";
import { Config } from "../../../runtime/gen/config/config_pb.js";
import { Store as EventsStore, Stream } from "../../../runtime/gen/events/events_pb.js";
import { Broker } from "../../../runtime/gen/broker/broker_pb.js";
import { Registry } from "../../../runtime/gen/registry/registry_pb.js";
import { Network } from "../../../runtime/gen/network/network_pb.js";
import { Router, Table } from "../../../runtime/gen/router/router_pb.js";
import { Build, Runtime } from "../../../runtime/gen/runtime/runtime_pb.js";
import { Accounts, Auth, Rules } from "../../../runtime/gen/auth/auth_pb.js";
import { Helloworld } from "../../gen/helloworld_pb.js";
import type { Tenant } from "./tenants.js";

export type Primitive = "store" | "blob" | "config" | "events" | "broker" | "registry" | "runtime" | "auth" | "service";
export type OpKind = "read" | "list" | "write" | "delete" | "watch" | "consume";
/** What the caller needs in the namespace for the call to be allowed there at all. */
export type Need = "account" | "service" | "admin";
export type Poke = "events" | "broker" | "registry";

export interface Target {
  /** Whose data the request names: the victim, or the caller itself in a control. */
  owner: Tenant;
  /** The namespace the request body names ("" leaves it to the call). */
  bodyNs: string;
  /** Unique per case; in everything an attack writes. */
  caseId: string;
  control: boolean;
  /** Name of the throwaway object of a control (same for the write and the delete of one way). */
  ctl: string;
}

export interface CliSpec {
  args(t: Target): string[];
  /** The flag naming another namespace, when the command has one. */
  nsFlag?: (ns: string) => string[];
  stream?: boolean;
}

export interface Op {
  id: string;
  primitive: Primitive;
  kind: OpKind;
  method: DescMethod;
  /** Registry name of the callee; the owner's user service when absent. */
  service?: string;
  need: Need;
  request(t: Target): JsonObject;
  /** The request can name a namespace (database, domain, options.namespace). */
  nsInBody: boolean;
  /** Changes state: the victim's snapshot is compared after each attack. */
  mutates: boolean;
  /** For streams that stay open: what makes the owner's side produce something to see. */
  poke?: Poke;
  /** Owner's things other than the marker that must not show (names of services, accounts, tables…). */
  reveals?(text: string, owner: Tenant): boolean;
  /** Not a gRPC method but a plain HTTP request to the gateway (the other ways do not apply). */
  http?: { method: string; path: string };
  /** A control is not run (the reason is reported). */
  noControl?: string;
  cli?: CliSpec;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");
const pick = (t: Target, attack: string, control: string) => (t.control ? control : attack);
const payload = (t: Target) => `${t.control ? "CONTROL" : "ATTACK"} ${t.caseId}`;
const dbFlag = (ns: string) => ["--database", ns];
const nsFlag = (ns: string) => ["--namespace", ns];
const mdFlag = (ns: string) => ["--metadata", `micro-namespace=${ns}`];

const store: Op[] = [
  { id: "store.read", primitive: "store", kind: "read", method: Store.method.read, service: "store", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ key: `rec-${t.owner.key}`, options: { database: t.bodyNs } }),
    cli: { args: (t) => ["store", "read", `rec-${t.owner.key}`, "--output", "json"], nsFlag: dbFlag } },
  { id: "store.list", primitive: "store", kind: "list", method: Store.method.list, service: "store", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ options: { database: t.bodyNs } }), reveals: (x, o) => x.includes(`rec-${o.key}`),
    cli: { args: () => ["store", "list"], nsFlag: dbFlag } },
  { id: "store.databases", primitive: "store", kind: "list", method: Store.method.databases, service: "store", need: "account", nsInBody: false, mutates: false,
    request: () => ({}), reveals: (x, o) => new RegExp(`(^|[^a-z0-9-])${o.ns}([^a-z0-9-]|$)`, "m").test(x),
    cli: { args: () => ["store", "databases"] } },
  { id: "store.tables", primitive: "store", kind: "list", method: Store.method.tables, service: "store", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ database: t.bodyNs }), reveals: (x, o) => x.includes(o.service),
    cli: { args: () => ["store", "tables"], nsFlag: dbFlag } },
  { id: "store.write", primitive: "store", kind: "write", method: Store.method.write, service: "store", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ record: { key: pick(t, `rec-${t.owner.key}`, t.ctl), value: b64(payload(t)) }, options: { database: t.bodyNs } }),
    cli: { args: (t) => ["store", "write", pick(t, `rec-${t.owner.key}`, t.ctl), payload(t)], nsFlag: dbFlag } },
  { id: "store.delete", primitive: "store", kind: "delete", method: Store.method.delete, service: "store", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ key: pick(t, `rec-${t.owner.key}`, t.ctl), options: { database: t.bodyNs } }),
    cli: { args: (t) => ["store", "delete", pick(t, `rec-${t.owner.key}`, t.ctl)], nsFlag: dbFlag } },
];

const blob: Op[] = [
  { id: "blob.read", primitive: "blob", kind: "read", method: BlobStore.method.read, service: "store", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ key: `blob-${t.owner.key}`, options: { namespace: t.bodyNs } }) },
  { id: "blob.list", primitive: "blob", kind: "list", method: BlobStore.method.list, service: "store", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ options: { namespace: t.bodyNs } }), reveals: (x, o) => x.includes(`blob-${o.key}`) },
  { id: "blob.write", primitive: "blob", kind: "write", method: BlobStore.method.write, service: "store", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ key: pick(t, `blob-${t.owner.key}`, t.ctl), options: { namespace: t.bodyNs }, blob: b64(payload(t)) }) },
  { id: "blob.delete", primitive: "blob", kind: "delete", method: BlobStore.method.delete, service: "store", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ key: pick(t, `blob-${t.owner.key}`, t.ctl), options: { namespace: t.bodyNs } }) },
];

const configOps: Op[] = [
  { id: "config.get", primitive: "config", kind: "read", method: Config.method.get, service: "config", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ namespace: t.bodyNs, path: "app.greeting" }),
    cli: { args: () => ["config", "get", "app.greeting"], nsFlag } },
  { id: "config.get-secret", primitive: "config", kind: "read", method: Config.method.get, service: "config", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ namespace: t.bodyNs, path: "app.password", options: { secret: true } }),
    cli: { args: () => ["config", "get", "app.password", "--secret"], nsFlag } },
  { id: "config.read", primitive: "config", kind: "list", method: Config.method.read, service: "config", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ namespace: t.bodyNs, path: "" }) },
  // A service watches config by polling Read (ServiceConfig.watch); the service way also runs the real watcher.
  { id: "config.watch", primitive: "config", kind: "watch", method: Config.method.read, service: "config", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ namespace: t.bodyNs, path: "app.greeting" }) },
  { id: "config.set", primitive: "config", kind: "write", method: Config.method.set, service: "config", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ namespace: t.bodyNs, path: pick(t, "app.greeting", `ctl.${t.ctl}`), value: { data: JSON.stringify(payload(t)), format: "json" } }),
    cli: { args: (t) => ["config", "set", pick(t, "app.greeting", `ctl.${t.ctl}`), JSON.stringify(payload(t))], nsFlag } },
  { id: "config.delete", primitive: "config", kind: "delete", method: Config.method.delete, service: "config", need: "account", nsInBody: true, mutates: true,
    request: (t) => ({ namespace: t.bodyNs, path: pick(t, "app", `ctl.${t.ctl}`) }),
    cli: { args: (t) => ["config", "del", pick(t, "app", `ctl.${t.ctl}`)], nsFlag } },
];

const events: Op[] = [
  { id: "events.read", primitive: "events", kind: "read", method: EventsStore.method.read, service: "events", need: "account", nsInBody: false, mutates: false,
    request: () => ({ topic: "orders", limit: "100" }) },
  { id: "events.consume", primitive: "events", kind: "consume", method: Stream.method.consume, service: "events", need: "account", nsInBody: false, mutates: false,
    request: () => ({ topic: "orders", offset: "1", autoAck: true }), poke: "events",
    cli: { args: () => ["events", "consume", "orders", "--offset", "1", "--count", "1"], stream: true } },
  { id: "events.publish", primitive: "events", kind: "write", method: Stream.method.publish, service: "events", need: "account", nsInBody: false, mutates: true,
    request: (t) => ({ topic: "orders", payload: b64(JSON.stringify({ note: payload(t) })) }),
    cli: { args: (t) => ["events", "publish", "orders", JSON.stringify({ note: payload(t) })] } },
  { id: "events.write", primitive: "events", kind: "write", method: EventsStore.method.write, service: "events", need: "account", nsInBody: false, mutates: true,
    request: (t) => ({ event: { id: `ev-${t.caseId}`, topic: "orders", payload: b64(JSON.stringify({ note: payload(t) })) } }) },
];

const broker: Op[] = [
  { id: "broker.subscribe", primitive: "broker", kind: "consume", method: Broker.method.subscribe, service: "broker", need: "account", nsInBody: false, mutates: false,
    request: () => ({ topic: "chat" }), poke: "broker" },
  { id: "broker.publish", primitive: "broker", kind: "write", method: Broker.method.publish, service: "broker", need: "account", nsInBody: false, mutates: true,
    request: (t) => ({ topic: "chat", message: { header: {}, body: b64(payload(t)) } }),
    cli: { args: (t) => ["publish", "chat", JSON.stringify({ note: payload(t) })] } },
];

const registry: Op[] = [
  { id: "registry.get", primitive: "registry", kind: "read", method: Registry.method.getService, service: "registry", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ service: t.owner.service, options: { domain: t.bodyNs } }), reveals: (x, o) => x.includes(o.service) },
  { id: "registry.list", primitive: "registry", kind: "list", method: Registry.method.listServices, service: "registry", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ options: { domain: t.bodyNs } }), reveals: (x, o) => x.includes(o.service), cli: { args: () => ["services"] } },
  // the gateway's /openapi.json describes a namespace's services: the registry by another door
  { id: "registry.openapi", primitive: "registry", kind: "list", method: Registry.method.listServices, need: "account", nsInBody: false, mutates: false,
    // the user service's one public endpoint (Helloworld.Message, support/tenants.ts) is documented to anyone: the
    // private ones must not be
    request: () => ({}), http: { method: "GET", path: "/openapi.json" },
    reveals: (x, o) => new RegExp(`/${o.service}/helloworld/(call|stream|ping-pong)\\b`).test(x) },
  { id: "registry.watch", primitive: "registry", kind: "watch", method: Registry.method.watch, service: "registry", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ options: { domain: t.bodyNs } }), poke: "registry", reveals: (x, o) => x.includes(o.service) || x.includes(`poke-${o.key.toLowerCase()}`) },
  { id: "registry.register", primitive: "registry", kind: "write", method: Registry.method.register, service: "registry", need: "service", nsInBody: true, mutates: true,
    request: (t) => ({ name: pick(t, `evil-${t.caseId}`, t.ctl), version: "1", nodes: [{ id: `n-${pick(t, t.caseId, t.ctl)}`, address: "127.0.0.1:1" }], options: { domain: t.bodyNs, ttl: "60" } }) },
  { id: "registry.deregister", primitive: "registry", kind: "delete", method: Registry.method.deregister, service: "registry", need: "service", nsInBody: true, mutates: true,
    request: (t) => (t.control
      ? { name: t.ctl, version: "1", nodes: [{ id: `n-${t.ctl}`, address: "127.0.0.1:1" }], options: { domain: t.bodyNs } }
      : { ...t.owner.registration, options: { domain: t.bodyNs } }) },
];

// network and router read the registry too: the same namespace's services, seen as routes
const routing: Op[] = [
  { id: "network.services", primitive: "registry", kind: "list", method: Network.method.services, service: "network", need: "account", nsInBody: false, mutates: false,
    request: () => ({}), reveals: (x, o) => x.includes(o.service) },
  { id: "network.routes", primitive: "registry", kind: "list", method: Network.method.routes, service: "network", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ query: { network: t.bodyNs } }), reveals: (x, o) => x.includes(o.service) },
  { id: "router.lookup", primitive: "registry", kind: "read", method: Router.method.lookup, service: "router", need: "account", nsInBody: true, mutates: false,
    request: (t) => ({ service: t.owner.service, options: { network: t.bodyNs } }), reveals: (x, o) => x.includes(o.service) },
  { id: "router.table", primitive: "registry", kind: "list", method: Table.method.read, service: "router", need: "account", nsInBody: false, mutates: false,
    request: () => ({}), reveals: (x, o) => x.includes(o.service) },
  { id: "router.watch", primitive: "registry", kind: "watch", method: Router.method.watch, service: "router", need: "account", nsInBody: false, mutates: false,
    request: () => ({}), poke: "registry", reveals: (x, o) => x.includes(o.service) || x.includes(`poke-${o.key.toLowerCase()}`) },
];

const runtime: Op[] = [
  { id: "runtime.read", primitive: "runtime", kind: "read", method: Runtime.method.read, service: "runtime", need: "admin", nsInBody: true, mutates: false,
    request: (t) => ({ options: { namespace: t.bodyNs, service: t.owner.job } }), reveals: (x, o) => x.includes(o.job) },
  { id: "runtime.list", primitive: "runtime", kind: "list", method: Runtime.method.read, service: "runtime", need: "admin", nsInBody: true, mutates: false,
    request: (t) => ({ options: { namespace: t.bodyNs } }), reveals: (x, o) => x.includes(o.job) },
  { id: "runtime.logs", primitive: "runtime", kind: "consume", method: Runtime.method.logs, service: "runtime", need: "admin", nsInBody: true, mutates: false,
    request: (t) => ({ service: t.owner.job, count: "50", options: { namespace: t.bodyNs } }) },
  { id: "runtime.logs-follow", primitive: "runtime", kind: "watch", method: Runtime.method.logs, service: "runtime", need: "admin", nsInBody: true, mutates: false,
    request: (t) => ({ service: t.owner.job, stream: true, count: "5", options: { namespace: t.bodyNs } }) },
  { id: "runtime.build-log", primitive: "runtime", kind: "consume", method: Build.method.read, service: "runtime", need: "admin", nsInBody: false, mutates: false,
    request: (t) => ({ name: t.owner.job }), reveals: (x, o) => x.includes(`iso-job-${o.key}-`) },
  { id: "runtime.create", primitive: "runtime", kind: "write", method: Runtime.method.create, service: "runtime", need: "admin", nsInBody: true, mutates: true,
    noControl: "builds and runs a service: too slow for a control", request: (t) => ({
      resource: { service: { name: `evil-${t.caseId.slice(-12).replace(/[^a-z0-9]/g, "")}`, source: "/nonexistent-iso-source" } },
      options: { namespace: t.bodyNs } }) },
  { id: "runtime.update", primitive: "runtime", kind: "write", method: Runtime.method.update, service: "runtime", need: "admin", nsInBody: true, mutates: true,
    noControl: "restarts the caller's own job (waits up to 60 s for it to register)",
    request: (t) => ({ resource: { service: { name: t.owner.job } }, options: { namespace: t.bodyNs } }) },
  { id: "runtime.delete", primitive: "runtime", kind: "delete", method: Runtime.method.delete, service: "runtime", need: "admin", nsInBody: true, mutates: true,
    noControl: "would stop the caller's own job", request: (t) => ({ resource: { service: { name: t.owner.job } }, options: { namespace: t.bodyNs } }) },
];

const auth: Op[] = [
  { id: "auth.accounts.list", primitive: "auth", kind: "list", method: Accounts.method.list, service: "auth", need: "admin", nsInBody: true, mutates: false,
    request: (t) => ({ options: { namespace: t.bodyNs } }), reveals: (x, o) => x.includes(`service.${o.service}`),
    cli: { args: () => ["auth", "list", "accounts"], nsFlag } },
  { id: "auth.rules.list", primitive: "auth", kind: "list", method: Rules.method.list, service: "auth", need: "service", nsInBody: true, mutates: false,
    request: (t) => ({ options: { namespace: t.bodyNs } }), reveals: (x, o) => x.includes(o.service),
    cli: { args: () => ["auth", "list", "rules"], nsFlag } },
  { id: "auth.generate", primitive: "auth", kind: "write", method: Auth.method.generate, service: "auth", need: "admin", nsInBody: true, mutates: true,
    request: (t) => ({ id: pick(t, `evil-${t.caseId}`, t.ctl), secret: "Attack-pw-1", type: "user", scopes: ["admin"], options: { namespace: t.bodyNs } }),
    cli: { args: (t) => ["auth", "create", "account", pick(t, `evil-${t.caseId}`, t.ctl), "--secret", "Attack-pw-1", "--scopes", "admin"], nsFlag } },
  { id: "auth.change-secret", primitive: "auth", kind: "write", method: Accounts.method.changeSecret, service: "auth", need: "admin", nsInBody: true, mutates: true,
    request: (t) => ({ id: pick(t, t.owner.user.id, t.ctl), newSecret: `pwned-${t.caseId}`, options: { namespace: t.bodyNs } }) },
  { id: "auth.rules.create", primitive: "auth", kind: "write", method: Rules.method.create, service: "auth", need: "admin", nsInBody: true, mutates: true,
    request: (t) => ({ rule: { id: pick(t, `evil-${t.caseId}`, t.ctl), scope: "", resource: { type: "*", name: "*", endpoint: "*" }, access: "GRANTED", priority: 1000 }, options: { namespace: t.bodyNs } }),
    cli: { args: (t) => ["auth", "create", "rule", pick(t, `evil-${t.caseId}`, t.ctl), "--resource", "*:*:*", "--priority", "1000"], nsFlag } },
  { id: "auth.rules.delete", primitive: "auth", kind: "delete", method: Rules.method.delete, service: "auth", need: "admin", nsInBody: true, mutates: true,
    request: (t) => ({ id: pick(t, "notes-closed", t.ctl), options: { namespace: t.bodyNs } }),
    cli: { args: (t) => ["auth", "delete", "rule", pick(t, "notes-closed", t.ctl)], nsFlag } },
  { id: "auth.accounts.delete", primitive: "auth", kind: "delete", method: Accounts.method.delete, service: "auth", need: "admin", nsInBody: true, mutates: true,
    request: (t) => ({ id: pick(t, `service.${t.owner.service}`, t.ctl), options: { namespace: t.bodyNs } }),
    cli: { args: (t) => ["auth", "delete", "account", pick(t, `service.${t.owner.service}`, t.ctl)], nsFlag } },
];

const userService: Op[] = [
  { id: "service.call", primitive: "service", kind: "read", method: Helloworld.method.call, need: "account", nsInBody: false, mutates: false,
    request: (t) => ({ name: t.caseId }),
    cli: { args: (t) => ["call", t.owner.service, "Helloworld.Call", JSON.stringify({ name: t.caseId })], nsFlag: mdFlag } },
  { id: "service.stream", primitive: "service", kind: "consume", method: Helloworld.method.stream, need: "account", nsInBody: false, mutates: false,
    request: () => ({ count: "1" }),
    cli: { args: (t) => ["stream", t.owner.service, "Helloworld.Stream", '{"count":1}'], nsFlag: mdFlag, stream: true } },
];

/** In order: for each primitive, reads before writes and writes before deletes (controls delete what they wrote). */
export const OPS: Op[] = [...store, ...blob, ...configOps, ...events, ...broker, ...registry, ...routing, ...runtime, ...auth, ...userService];

export function serviceOf(op: Op, owner: Tenant): string {
  return op.service ?? owner.service;
}

/** Whether any of the owner's things show in `text` (the marker in any text, base64 payloads decoded). */
export function revealsOwner(op: Op, text: string, owner: Tenant): boolean {
  const texts = [text, ...decodedBase64(text)];
  return texts.some((x) => x.includes(owner.marker) || x.includes(String(owner.countMarker)) || !!op.reveals?.(x, owner));
}

function decodedBase64(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([A-Za-z0-9+/_-]{8,}={0,2})"/g)) out.push(Buffer.from(m[1]!, "base64").toString("utf8"));
  return out;
}
