// The network and router builtins of `micro server`: the registry seen as Micro 3.0's network of one node (this
// server) and its routing table.
import { Network } from "../gen/network/network_pb.js";
import { Router, Table } from "../gen/router/router_pb.js";
import type { Registry } from "../registry/types.js";
import { RouteTable, routerHandler, tableHandler } from "../router/index.js";
import type { Builtin } from "../server/builtins.js";
import { networkHandler, type NetworkNode } from "./handler.js";

export { networkHandler, type NetworkNode };

export function routingBuiltins(registry: Registry, node: NetworkNode): Builtin[] {
  const table = new RouteTable(registry);
  return [
    { name: "network", handlers: [{ desc: Network, impl: networkHandler(table, node) }] },
    { name: "router", handlers: [{ desc: Router, impl: routerHandler(table) }, { desc: Table, impl: tableHandler(table) }] },
  ];
}
