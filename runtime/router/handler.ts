// router.Router and router.Table over the registry's routing table (table.ts): lookups, the whole table, and a
// stream of its changes, each in the caller's namespace (another one for platform admins only).
import { randomUUID } from "node:crypto";
import { EventType, Router, Table } from "../gen/router/router_pb.js";
import { BadRequest, type ServiceImpl } from "../rpc/index.js";
import { namespaceFor } from "../rpc/access.js";
import type { RouteTable } from "./table.js";

const EVENT_TYPES = { create: EventType.Create, delete: EventType.Delete, update: EventType.Update } as const;

export function routerHandler(table: RouteTable): ServiceImpl<typeof Router> {
  return {
    async lookup(req, ctx) {
      if (!req.service) throw BadRequest("router", "service is required: name the service to look up");
      const namespace = namespaceFor(ctx, req.options?.network, "router");
      return { routes: await table.routes(namespace, { ...req.options, network: namespace, service: req.service }) };
    },
    async *watch(_req, ctx) {
      for await (const ev of table.watch(ctx.namespace, ctx.signal)) {
        yield { id: randomUUID(), type: EVENT_TYPES[ev.type], timestamp: BigInt(ev.timestamp), route: ev.route };
      }
    },
  };
}

export function tableHandler(table: RouteTable): ServiceImpl<typeof Table> {
  return {
    async read(req, ctx) {
      return { routes: await table.routes(ctx.namespace, { service: req.service || undefined }) };
    },
  };
}
