// Opens a NATS connection for a primitive (events, broker): the client loads only when a nats:// URL is given,
// credentials come out of the URL into the client's options (never into a message), and an unreachable server
// fails within REACH_TIMEOUT_MS naming the primitive.
import type { NatsConnection } from "@nats-io/transport-node";
import { parseEngineUrl, reach, REACH_TIMEOUT_MS, type Primitive } from "./engines.js";

export async function connectNats(primitive: Primitive, url: string): Promise<NatsConnection> {
  const parsed = parseEngineUrl(primitive, url);
  const { connect } = await import("@nats-io/transport-node");
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  const auth = user && pass ? { user, pass } : user ? { token: user } : {};
  return reach(primitive, parsed, connect({
    servers: `${parsed.hostname}:${parsed.port || 4222}`,
    name: `micro-server ${primitive}`,
    timeout: REACH_TIMEOUT_MS,
    // once up, a lost server is waited for (the client buffers and reconnects) rather than failing the process
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    ...auth,
  }), (nc) => void nc.close());
}
