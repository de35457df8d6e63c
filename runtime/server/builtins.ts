// Hosting the builtin services: each is served by the server's one gRPC port and registered in the
// "micro" namespace under its Micro 3.0 name, with endpoint metadata and descriptors like any service.
import type { DescService } from "@bufbuild/protobuf";
import { randomUUID } from "node:crypto";
import { Debug } from "../gen/debug/debug_pb.js";
import { defineService } from "../rpc/define.js";
import type { RpcServer } from "../rpc/server.js";
import type { ServiceImpl } from "../rpc/types.js";
import { ADMIN_NAMESPACE } from "../rpc/access.js";
import { DESCRIPTOR_KEY, describeEndpoints, encodeDescriptor } from "../registry/describe.js";
import type { Registry } from "../registry/types.js";
import { DOOR_KEY } from "../proxy/resolver.js";

export interface BuiltinHandler<S extends DescService = DescService> { desc: S; impl: ServiceImpl<S> }
export interface Builtin {
  name: string;
  handlers: BuiltinHandler<any>[];
  /** Extra registry metadata (auth: the token verification keys, auth/jwks.ts), read at each registration. */
  metadata?: Record<string, string> | (() => Record<string, string>);
}

/** How a server registers its entries: `id` tells its nodes apart from other servers' (stable for its lifetime,
 * so a heartbeat renews its node rather than adding one); `ttlMs` 0 means until deregistered (one server), else
 * the entries go when the heartbeats stop (several servers sharing a registry: a dead one's entries drop out). */
export interface Registration { id: string; ttlMs: number }

/** Serves every builtin's handlers on `rpc` (debug.Debug once: it answers for all of them). */
export function hostBuiltins(rpc: RpcServer, builtins: Builtin[], debug: ServiceImpl<typeof Debug>): void {
  for (const b of builtins) for (const h of b.handlers) rpc.add(h.desc, h.impl, { name: b.name });
  rpc.add(Debug, debug, { name: "debug" });
}

export async function registerBuiltins(registry: Registry, builtins: Builtin[], address: string, version: string, reg: Registration = { id: randomUUID(), ttlMs: 0 }): Promise<void> {
  for (const b of builtins) {
    const metadata = typeof b.metadata === "function" ? b.metadata() : b.metadata;
    const defs = [...b.handlers.map((h) => defineService(h.desc)), defineService(Debug)];
    await registry.register({
      name: b.name,
      version,
      metadata: { ...metadata, builtin: "true", [DESCRIPTOR_KEY]: encodeDescriptor(defs) },
      endpoints: defs.flatMap(describeEndpoints),
      nodes: [{ id: `${b.name}-${reg.id}`, address, metadata: { transport: "grpc" } }],
    }, { domain: ADMIN_NAMESPACE, ttlMs: reg.ttlMs });
  }
}

/** Registers the server's doors (proxy: gRPC, api: HTTP) under the names Micro 3.0 registers its proxy and api
 * services with, so that `micro services` lists them as Micro 3.0's CLI and integration suite expect (the suite
 * waits for "proxy"). An entry is a name and the door's address: no endpoints, and the resolver never routes a
 * call to it (DOOR_KEY). */
export async function registerDoors(registry: Registry, doors: Record<string, string>, version: string, reg: Registration = { id: randomUUID(), ttlMs: 0 }): Promise<void> {
  for (const [name, address] of Object.entries(doors)) {
    await registry.register({
      name, version, metadata: { [DOOR_KEY]: "true" }, endpoints: [],
      nodes: [{ id: `${name}-${reg.id}`, address, metadata: { [DOOR_KEY]: name } }],
    }, { domain: ADMIN_NAMESPACE, ttlMs: reg.ttlMs });
  }
}

/** Removes this server's nodes (a clean stop of one of several servers: the others stop listing it at once). */
export async function deregisterOwn(registry: Registry, names: string[], version: string, id: string): Promise<void> {
  for (const name of names) {
    await registry.deregister({ name, version, metadata: {}, endpoints: [], nodes: [{ id: `${name}-${id}`, address: "", metadata: {} }] },
      { domain: ADMIN_NAMESPACE }).catch(() => undefined);
  }
}
