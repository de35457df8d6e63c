// The config conformance suite on etcd, against a throwaway etcd (required: Debian's etcd-server; missing, the
// file fails naming it). Each harness has a key prefix of its own, so the cases share one etcd.
import { after } from "node:test";
import { randomUUID } from "node:crypto";
import { EtcdConfig } from "../../runtime/config/etcd.js";
import { scopeConfig } from "../../runtime/config/index.js";
import { connectEtcd } from "../../runtime/server/engines-etcd.js";
import { startEtcd } from "../support/etcd.js";
import { conformance } from "./conformance.js";

const server = await startEtcd();
after(() => server.stop());

conformance("etcd", async () => {
  const client = await connectEtcd("config", server.url);
  // a key of the test's own (as MICRO_CONFIG_SECRET_KEY would give), never a real one from the environment
  const env = { MICRO_CONFIG_SECRET_KEY: randomUUID().replace(/-/g, "").repeat(2) };
  const config = await EtcdConfig.open(client, { dataDir: "/nonexistent", env, prefix: `/test-${randomUUID()}/config/` });
  return { open: (namespace) => scopeConfig(config, namespace), close: async () => client.close() };
});
