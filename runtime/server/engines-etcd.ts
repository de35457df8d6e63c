// Opens an etcd client for a primitive (registry, config): etcd3 loads only when an etcd:// URL is given, a
// user and password in the URL become etcd's auth options (never part of a message), and an unreachable member
// fails within REACH_TIMEOUT_MS naming the primitive. etcd://host:port means the member at http://host:port.
import type { Etcd3 } from "etcd3";
import { parseEngineUrl, reach, REACH_TIMEOUT_MS, type Primitive } from "./engines.js";

export async function connectEtcd(primitive: Primitive, url: string): Promise<Etcd3> {
  const parsed = parseEngineUrl(primitive, url);
  const { Etcd3 } = await import("etcd3");
  const username = decodeURIComponent(parsed.username);
  const client = new Etcd3({
    hosts: `http://${parsed.hostname}:${parsed.port || 2379}`,
    ...(username ? { auth: { username, password: decodeURIComponent(parsed.password) } } : {}),
    dialTimeout: REACH_TIMEOUT_MS,
    // unary calls fail rather than wait forever on a member that went away
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + REACH_TIMEOUT_MS }),
  });
  try {
    // etcd3 connects lazily: one read proves the member answers (and that the credentials hold)
    await reach(primitive, parsed, client.get("/micro/ping").string());
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}
