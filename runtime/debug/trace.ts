// Spans for debug.Debug/Trace: a server middleware records every inbound call (not Debug.* itself, as Micro 3.0's
// TraceHandler skips them) in a bounded ring. Trace ids follow Micro 3.0: Micro-Trace-Id (else Micro-Id) names the
// trace and Micro-Span-Id the parent span; a call without them starts a trace of its own. Outbound calls are not
// recorded (the framework's clients do not propagate spans).
import { randomUUID } from "node:crypto";
import type { Middleware } from "../rpc/server.js";
import type { HandlerContext } from "../rpc/types.js";

export const TRACE_ID_HEADER = "micro-trace-id";
export const SPAN_ID_HEADER = "micro-span-id";

/** The spans kept per process: enough for the recent past, bounded so a busy service holds no more. */
export const DEFAULT_SPAN_CAPACITY = 1000;

export interface RecordedSpan {
  trace: string;
  id: string;
  parent: string;
  /** `<service>.<Endpoint>`, as Micro 3.0 names inbound spans. */
  name: string;
  /** Unix nanoseconds, as Micro 3.0 reports them. */
  started: bigint;
  /** Nanoseconds. */
  duration: bigint;
  /** status ("ok" or the error's code), and the error's message when the call failed. */
  metadata: Record<string, string>;
  /** The namespace the call ran in: Trace answers a caller its own namespace's spans only. */
  namespace: string;
}

export class SpanRecorder {
  private readonly ring: RecordedSpan[] = [];
  private next = 0;

  constructor(readonly capacity = DEFAULT_SPAN_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`span capacity must be a positive integer, got ${capacity}`);
  }

  middleware(): Middleware {
    return async (ctx, next) => {
      if (ctx.endpoint.startsWith("Debug.")) return next();
      const started = process.hrtime.bigint();
      const wallNs = BigInt(Date.now()) * 1_000_000n;
      let failure: unknown;
      try {
        await next();
      } catch (err) {
        failure = err;
        throw err;
      } finally {
        // ctx.namespace: the one the call ran in (the server runs this after auth, so the one the token proves)
        this.add(spanOf(ctx, wallNs, process.hrtime.bigint() - started, failure));
      }
    };
  }

  private add(span: RecordedSpan): void {
    if (this.ring.length < this.capacity) this.ring.push(span);
    else this.ring[this.next] = span;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first; only the trace `trace` when given, only namespace `namespace` when given. */
  read(filter: { trace?: string; namespace?: string } = {}): RecordedSpan[] {
    const ordered = this.ring.length < this.capacity ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.filter((s) => (!filter.trace || s.trace === filter.trace) && (filter.namespace === undefined || s.namespace === filter.namespace));
  }
}

function spanOf(ctx: HandlerContext, started: bigint, duration: bigint, failure: unknown): RecordedSpan {
  const md = ctx.metadata;
  const metadata: Record<string, string> = { status: "ok" };
  if (failure !== undefined) {
    const code = (failure as { code?: unknown }).code;
    metadata.status = typeof code === "number" || typeof code === "string" ? String(code) : "error";
    metadata.error = failure instanceof Error ? failure.message : String(failure);
  }
  return {
    trace: md[TRACE_ID_HEADER] || md["micro-id"] || randomUUID(),
    id: randomUUID(),
    parent: md[SPAN_ID_HEADER] ?? "",
    name: `${ctx.service}.${ctx.endpoint}`,
    started,
    duration,
    metadata,
    namespace: ctx.namespace,
  };
}
