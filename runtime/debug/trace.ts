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

/** One recorded call as the middleware leaves it: what a span needs, kept as plain numbers and strings; the span
 * itself (its ids, bigint times) is made when a Trace call first reads it, not on every call. */
class Entry {
  private span?: RecordedSpan;

  constructor(
    /** The caller's trace id (Micro-Trace-Id, else Micro-Id), if any: else the span starts a trace of its own. */
    private readonly trace: string | undefined,
    private readonly parent: string,
    private readonly name: string,
    /** Unix milliseconds. */
    private readonly startedMs: number,
    /** Milliseconds, fractional (performance.now). */
    private readonly durationMs: number,
    private readonly metadata: Record<string, string> | undefined,
    readonly namespace: string,
  ) {}

  /** The span, made once: its ids stay the same for every later read. */
  get recorded(): RecordedSpan {
    return (this.span ??= {
      trace: this.trace || randomUUID(),
      id: randomUUID(),
      parent: this.parent,
      name: this.name,
      started: BigInt(this.startedMs) * 1_000_000n,
      duration: BigInt(Math.round(this.durationMs * 1e6)),
      metadata: this.metadata ?? { status: "ok" },
      namespace: this.namespace,
    });
  }
}

export class SpanRecorder {
  private readonly ring: Entry[] = [];
  private next = 0;

  constructor(readonly capacity = DEFAULT_SPAN_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`span capacity must be a positive integer, got ${capacity}`);
  }

  middleware(): Middleware {
    return (ctx, next) => {
      if (ctx.endpoint.startsWith("Debug.")) return next();
      const startedMs = Date.now();
      const started = performance.now();
      // ctx.namespace: the one the call ran in (the server runs this after auth, so the one the token proves)
      return next().then(
        () => this.add(entryOf(ctx, startedMs, performance.now() - started, undefined)),
        (err: unknown) => {
          this.add(entryOf(ctx, startedMs, performance.now() - started, failureOf(err)));
          throw err;
        });
    };
  }

  private add(entry: Entry): void {
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first; only the trace `trace` when given, only namespace `namespace` when given. */
  read(filter: { trace?: string; namespace?: string } = {}): RecordedSpan[] {
    const ordered = this.ring.length < this.capacity ? this.ring : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.filter((e) => filter.namespace === undefined || e.namespace === filter.namespace).map((e) => e.recorded)
      .filter((s) => !filter.trace || s.trace === filter.trace);
  }
}

function entryOf(ctx: HandlerContext, startedMs: number, durationMs: number, metadata: Record<string, string> | undefined): Entry {
  const md = ctx.metadata;
  return new Entry(md[TRACE_ID_HEADER] || md["micro-id"], md[SPAN_ID_HEADER] ?? "", `${ctx.service}.${ctx.endpoint}`, startedMs, durationMs, metadata, ctx.namespace);
}

/** A failed call's span metadata: status (the error's code) and the error's message. */
function failureOf(failure: unknown): Record<string, string> {
  const code = (failure as { code?: unknown } | null | undefined)?.code;
  return {
    status: typeof code === "number" || typeof code === "string" ? String(code) : "error",
    error: failure instanceof Error ? failure.message : String(failure),
  };
}
