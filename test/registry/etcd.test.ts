// The registry conformance suite on etcd, against a throwaway etcd (required: Debian's etcd-server; missing, the
// file fails naming it). Each harness has a key prefix of its own, so the cases share one etcd.
import { after } from "node:test";
import { randomUUID } from "node:crypto";
import { EtcdRegistry } from "../../runtime/registry/etcd.js";
import { connectEtcd } from "../../runtime/server/engines-etcd.js";
import { startEtcd } from "../support/etcd.js";
import { conformance } from "./conformance.js";

const server = await startEtcd();
after(() => server.stop());

conformance("etcd", async () => {
  const registry = new EtcdRegistry(await connectEtcd("registry", server.url), `/test-${randomUUID()}/registry/`);
  return { impl: registry, close: async () => registry.close() };
});
