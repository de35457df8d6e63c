// What the CLI and gateway benches both start: the helloworld handlers, and a service account made by admin
// (admin / micro on a fresh server) for the helloworld service to register with.
import type { ServiceImpl } from "../../runtime/rpc/index.js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import type { Helloworld } from "../../test/gen/helloworld_pb.js";

export const helloworldHandlers: ServiceImpl<typeof Helloworld> = {
  call: (req) => ({ msg: `Hello ${req.name}` }),
  message: (req) => ({ msg: `Message for ${req.name}` }),
  async *stream(req) { for (let i = 0n; i < req.count; i++) yield { count: i }; },
  async *pingPong(reqs) { for await (const p of reqs) yield { stroke: p.stroke }; },
};

/** An access token of admin (admin / micro on a fresh server), logged in through the proxy. */
export async function adminToken(proxy: string): Promise<string> {
  const anonymous = createClient(Auth, createGrpcTransport({ address: proxy, metadata: () => ({ "micro-namespace": "micro" }) }));
  const { token } = await anonymous.token({ id: "admin", secret: "micro", options: { namespace: "micro" } });
  return token!.accessToken;
}

/** A fresh service account `service.<name>` in namespace micro, created through the proxy as admin. */
export async function serviceAccount(proxy: string, name: string): Promise<{ id: string; secret: string }> {
  const token = await adminToken(proxy);
  const admin = createClient(Auth, createGrpcTransport({
    address: proxy, metadata: () => ({ "micro-namespace": "micro", authorization: `Bearer ${token}` }),
  }));
  const id = `service.${name}`;
  const secret = `bench-${Math.random().toString(36).slice(2)}`;
  await admin.generate({ id, secret, type: "service", options: { namespace: "micro" } });
  return { id, secret };
}
