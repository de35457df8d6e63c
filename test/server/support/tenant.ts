// A user account of its own namespace (an admin of it), logged in: metadata for calls as that tenant.
import { randomBytes } from "node:crypto";
import { Auth } from "../../../runtime/gen/auth/auth_pb.js";
import { createClient, createGrpcTransport, type Metadata } from "../../../runtime/rpc/index.js";
import type { TestServer } from "../../support/server.js";

export async function tenantMetadata(server: TestServer, namespace: string): Promise<Metadata> {
  const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
  const id = `user-${randomBytes(3).toString("hex")}`;
  const secret = `Pw-${randomBytes(12).toString("hex")}`;
  await auth.generate({ id, secret, type: "user", scopes: ["admin"], options: { namespace } }, { metadata: await server.adminMetadata(namespace) });
  const { token } = await auth.token({ id, secret, options: { namespace } }, { metadata: { "micro-namespace": namespace } });
  return { authorization: `Bearer ${token!.accessToken}`, "micro-namespace": namespace };
}
