// debug.Debug, answered by every service (builtin or user): health, process stats, recent log lines, and the
// spans of recent calls.
import { Debug, SpanType } from "../gen/debug/debug_pb.js";
import { isPlatformAdmin } from "../rpc/access.js";
import type { ServiceImpl } from "../rpc/types.js";
import type { CallStats } from "./stats.js";
import type { SpanRecorder } from "./trace.js";

export interface LogSource {
  recent(count: number, sinceSeconds: number): { timestamp: bigint; metadata: Record<string, string>; message: string }[];
}

export function debugHandler(stats: CallStats, spans: SpanRecorder, logs?: LogSource): ServiceImpl<typeof Debug> {
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
    // One process serves many namespaces (the server's builtins): a caller sees its own namespace's spans only,
    // a platform admin all of them.
    trace: (req, ctx) => ({
      spans: spans.read({ trace: req.id || undefined, namespace: isPlatformAdmin(ctx) ? undefined : ctx.namespace })
        .map(({ namespace: _ns, ...s }) => ({ ...s, type: SpanType.INBOUND })),
    }),
  };
}
