// Test support: a real `micro server` in-process on free ports with a temporary data dir, plus credentials.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { startServer, type RunningServer } from "../../runtime/server/server.js";
import { Accounts, Auth } from "../../runtime/gen/auth/auth_pb.js";
import { closeChannels, createClient, createGrpcTransport, type Metadata } from "../../runtime/rpc/index.js";

export interface TestServer extends RunningServer {
  /** An access token for admin/micro. */
  adminToken(): Promise<string>;
  /** Metadata for calls as admin in `namespace` (default "micro"). */
  adminMetadata(namespace?: string, extra?: Metadata): Promise<Metadata>;
  /** A fresh service account in `namespace`, for framework services (env authId/authSecret). */
  serviceAccount(namespace: string, name: string): Promise<{ authId: string; authSecret: string }>;
}

export async function withServer<T>(fn: (server: TestServer) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "micro-test-"));
  const server = await startServer({ dataDir: dir, ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  const auth = createClient(Auth, createGrpcTransport({ address: server.proxyAddress }));
  let token: string | undefined;
  const adminToken = async () => (token ??= (await auth.token({ id: "admin", secret: "micro" })).token!.accessToken);
  const adminMetadata = async (namespace = "micro", extra: Metadata = {}) =>
    ({ authorization: `Bearer ${await adminToken()}`, "micro-namespace": namespace, ...extra });
  const serviceAccount = async (namespace: string, name: string) => {
    const secret = randomBytes(12).toString("hex");
    const id = `svc-${name}-${randomBytes(3).toString("hex")}`;
    const md = await adminMetadata(namespace);
    await auth.generate({ id, secret, type: "service", options: { namespace } }, { metadata: md });
    return { authId: id, authSecret: secret };
  };
  void Accounts;
  try {
    return await fn({ ...server, adminToken, adminMetadata, serviceAccount });
  } finally {
    await server.close();
    closeChannels();
    await rm(dir, { recursive: true, force: true });
  }
}
