// After Create or Update: show the build as it happens and wait until the service runs or fails, so `micro run`
// reports the outcome instead of leaving the user to poll `micro status`.
import type { Session } from "../session/session.js";
import { statusRow, type ServiceStatusRow } from "./status.js";

export interface FollowOptions {
  /** Called with each build or system log line. */
  progress: (line: string) => void;
  timeoutMs: number;
  /** Only a start at or after this Unix ms counts (update: the new instance, not the old one). */
  startedAfter?: number;
}

export type Outcome = { kind: "running" | "error"; row: ServiceStatusRow } | { kind: "noted"; row: ServiceStatusRow; note: string }
  | { kind: "timeout"; row?: ServiceStatusRow };

export async function followBuild(session: Session, name: string, o: FollowOptions): Promise<Outcome> {
  const { Runtime } = await import("../../gen/runtime/runtime_pb.js");
  const runtime = await session.client(Runtime);
  const stop = new AbortController();
  const since = BigInt(Math.floor((o.startedAfter ?? 0) / 1000));
  const logs = (async () => {
    try {
      for await (const record of runtime.logs({ service: name, stream: true, since }, { signal: stop.signal })) {
        const stream = record.metadata.stream;
        if (stream === "build" || stream === "system") o.progress(record.message);
      }
    } catch {
      // the stream ends when we stop it, or when the service is gone: the status poll decides
    }
  })();
  const deadline = Date.now() + o.timeoutMs;
  let last: ServiceStatusRow | undefined;
  try {
    while (Date.now() < deadline) {
      const { services } = await runtime.read({ options: { service: name } });
      const svc = services.find((s) => s.name === name);
      if (svc) {
        last = statusRow(svc);
        const fresh = startedSince(svc.metadata.started, o.startedAfter ?? 0);
        if (last.status === "running" && fresh) return { kind: "running", row: last };
        if (last.status === "error" && (last.restarts === 0 || fresh)) return { kind: "error", row: last };
        // a runtime that only writes manifests says so instead of ever starting the service
        if (last.status === "pending" && svc.metadata.note) return { kind: "noted", row: last, note: svc.metadata.note };
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    return { kind: "timeout", row: last };
  } finally {
    stop.abort();
    await logs;
  }
}

/** Whether a start time (ISO) is at or after `afterMs`. Micro 3.0's server gives whole seconds: a start in the very
 * second the update was asked for counts then. */
export function startedSince(started: string | undefined, afterMs: number): boolean {
  if (!started) return afterMs <= 0;
  const at = Date.parse(started);
  return at >= (/\.\d/.test(started) ? afterMs : Math.floor(afterMs / 1000) * 1000);
}
