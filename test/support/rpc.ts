// Test support: host handlers on a real grpc-js server on a free loopback port and get a transport to it.
import type { DescService } from "@bufbuild/protobuf";
import { RpcServer, closeChannels, createGrpcTransport, type Middleware, type ServiceImpl, type Transport, type Metadata } from "../../runtime/rpc/index.js";

export interface Hosted { transport: Transport; address: string; server: RpcServer; close(): Promise<void> }

export interface Registration<S extends DescService = DescService> { desc: S; impl: ServiceImpl<S>; name?: string }

/** `metadata` is sent with every call, e.g. {"micro-namespace": "foo"}. */
export async function host(registrations: Registration<any>[], options: { metadata?: Metadata; middleware?: Middleware[] } = {}): Promise<Hosted> {
  const server = new RpcServer({ middleware: options.middleware });
  for (const r of registrations) server.add(r.desc, r.impl, { name: r.name });
  const port = await server.listen("127.0.0.1", 0);
  const address = `127.0.0.1:${port}`;
  const transport = createGrpcTransport({ address, metadata: () => options.metadata ?? {} });
  return { transport, address, server, close: async () => { await server.close(100); closeChannels(); } };
}
