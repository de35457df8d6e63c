// debug.Debug, answered by every service (builtin or user): health, process stats, recent log lines.
import { Debug } from "../gen/debug/debug_pb.js";
import type { ServiceImpl } from "../rpc/types.js";
import type { CallStats } from "./stats.js";

export interface LogSource {
  recent(count: number, sinceSeconds: number): { timestamp: bigint; metadata: Record<string, string>; message: string }[];
}

export function debugHandler(stats: CallStats, logs?: LogSource): ServiceImpl<typeof Debug> {
  return {
    health: () => ({ status: "ok" }),
    stats: () => {
      const now = Math.floor(Date.now() / 1000);
      return {
        timestamp: BigInt(now),
        started: BigInt(stats.started),
        uptime: BigInt(now - stats.started),
        memory: BigInt(process.memoryUsage().rss),
        threads: BigInt(1),
        gc: 0n,
        requests: BigInt(stats.requests),
        errors: BigInt(stats.errors),
      };
    },
    log: (req) => ({ records: logs?.recent(Number(req.count) || 100, Number(req.since) || 0) ?? [] }),
    trace: () => ({ spans: [] }),
  };
}
