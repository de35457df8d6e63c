// Helpers for the events conformance suite: background consumers that collect what they get, and a
// readiness probe (neither Micro's protocol nor ours tells a consumer when its subscription is live, so we
// publish marked probe events until every consumer has seen one).
import type { ConsumeOptions, ConsumedEvent, Events } from "../../runtime/events/index.js";
import { MicroError } from "../../runtime/rpc/index.js";

/** Per-test limit, so a regression fails the test instead of hanging the run. */
export const TEST_TIMEOUT = 20_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `cond` holds; the limit is a hang guard, not a speed assertion. */
export async function waitUntil(cond: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export const text = (ev: { payload: Uint8Array }) => new TextDecoder().decode(ev.payload);
export const bytes = (s: string) => new TextEncoder().encode(s);
export const nowSeconds = () => Math.floor(Date.now() / 1000);

type OnEvent = (ev: ConsumedEvent, deliveries: number) => Promise<void> | void;

/**
 * Consumes in the background. Probes are acked and only counted. `onEvent` decides about acks (the default
 * acks nothing: fine with auto-ack); `deliveries` is how often this collector has seen that id.
 */
export class Collector {
  readonly events: ConsumedEvent[] = [];
  probes = 0;
  error: unknown;
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(impl: Events, topic: string, options: ConsumeOptions = {}, onEvent: OnEvent = () => {}) {
    this.done = (async () => {
      try {
        for await (const ev of impl.consume(topic, { ...options, signal: this.abort.signal })) {
          if (ev.metadata.probe) {
            this.probes++;
            await ev.ack();
            continue;
          }
          this.events.push(ev);
          await onEvent(ev, this.events.filter((e) => e.id === ev.id).length);
        }
      } catch (err) {
        this.error = err;
      }
    })();
  }

  get texts(): string[] {
    return this.events.map(text);
  }

  count(id: string): number {
    return this.events.filter((e) => e.id === id).length;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

/** Publishes probes until every collector has received one: from then on they are surely subscribed. */
export async function untilLive(impl: Events, topic: string, collectors: Collector[], namespace?: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (collectors.some((c) => c.probes === 0)) {
    for (const c of collectors) if (c.error) throw c.error;
    if (Date.now() > until) throw new Error("consumers never became live");
    await impl.publish(topic, "probe", { metadata: { probe: "1" }, namespace });
    await sleep(10);
  }
}

export interface EventsHarness {
  impl: Events;
  close(): Promise<void>;
  /** Stops the engine and starts it again on the same data, replacing `impl`; absent for non-durable engines. */
  restart?(): Promise<void>;
}

export type MakeEvents = () => Promise<EventsHarness>;

export const isBadTopic = (e: unknown) => e instanceof MicroError && e.code === 400 && /topic/.test(e.detail);

/** Runs `body` on a fresh harness, stopping its collectors and closing it however the test ends. */
export async function withHarness(make: MakeEvents, body: (h: EventsHarness, track: (c: Collector) => Collector) => Promise<void>) {
  const h = await make();
  const collectors: Collector[] = [];
  try {
    await body(h, (c) => (collectors.push(c), c));
  } finally {
    await Promise.all(collectors.map((c) => c.stop()));
    await h.close();
  }
}
