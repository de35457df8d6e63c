// network.Network as one node: this server. Micro 3.0's network joined nodes into a mesh; here the registry is
// the network, so Services and Routes read it (the caller's namespace; another one for platform admins only),
// and Nodes and Graph answer the one node there is, at the address clients reach it by (the proxy).
import { Network } from "../gen/network/network_pb.js";
import type { ServiceImpl } from "../rpc/index.js";
import { namespaceFor } from "../rpc/access.js";
import type { RouteTable } from "../router/table.js";

export interface NetworkNode {
  /** The address clients reach this server by (its proxy); known once it listens. */
  address(): string;
  version: string;
}

export function networkHandler(table: RouteTable, node: NetworkNode): ServiceImpl<typeof Network> {
  const self = (namespace: string) => ({ id: table.id, address: node.address(), network: namespace, metadata: { version: node.version } });
  return {
    nodes: (_req, ctx) => ({ nodes: [self(ctx.namespace)] }),
    // depth is moot: the root has no peers
    graph: (_req, ctx) => ({ root: { node: self(ctx.namespace), peers: [] } }),
    async routes(req, ctx) {
      const namespace = namespaceFor(ctx, req.query?.network, "network");
      return { routes: await table.routes(namespace, { ...req.query, network: namespace }) };
    },
    async services(_req, ctx) {
      return { services: await table.services(ctx.namespace) };
    },
  };
}
