// What the engines hold and carry, read from the engines themselves: etcd's key and lease counts (its JSON gateway)
// and its watchers and resident memory (its Prometheus metrics); JetStream's stream and consumer counts (the account
// info, through @nats-io/jetstream).
import { connect } from "@nats-io/transport-node";
import { jetstreamManager } from "@nats-io/jetstream";

export interface EngineLoad {
  etcdKeys: number;
  etcdLeases: number;
  etcdWatchers: number;
  etcdWatchStreams: number;
  etcdRssMb: number;
  etcdDbMb: number;
  /** CPU time etcd has used since it started, in seconds. */
  etcdCpuSeconds: number;
  natsStreams: number;
  natsConsumers: number;
}

async function etcdPost<T>(endpoint: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${endpoint}${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`etcd ${path}: ${res.status} ${await res.text()}`);
  return await res.json() as T;
}

/** A gauge from etcd's /metrics by name (0 when absent). */
function metric(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}

export async function engineLoad(etcdEndpoint: string, natsUrl: string): Promise<EngineLoad> {
  // every key: range from "\0" to "\0" (base64 AA==), counted only
  const range = await etcdPost<{ count?: string }>(etcdEndpoint, "/v3/kv/range", { key: "AA==", range_end: "AA==", count_only: true });
  const leases = await etcdPost<{ leases?: unknown[] }>(etcdEndpoint, "/v3/lease/leases", {});
  const metrics = await (await fetch(`${etcdEndpoint}/metrics`)).text();
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, "") });
  try {
    const info = await (await jetstreamManager(nc)).getAccountInfo();
    return {
      etcdKeys: Number(range.count ?? 0),
      etcdLeases: leases.leases?.length ?? 0,
      etcdWatchers: metric(metrics, "etcd_debugging_mvcc_watcher_total"),
      etcdWatchStreams: metric(metrics, "etcd_debugging_mvcc_watch_stream_total"),
      etcdRssMb: metric(metrics, "process_resident_memory_bytes") / 1024 / 1024,
      etcdDbMb: metric(metrics, "etcd_mvcc_db_total_size_in_bytes") / 1024 / 1024,
      etcdCpuSeconds: metric(metrics, "process_cpu_seconds_total"),
      natsStreams: info.streams,
      natsConsumers: info.consumers,
    };
  } finally {
    await nc.close();
  }
}
