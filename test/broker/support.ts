// Helpers for the broker conformance suite: background subscribers that collect messages, and a readiness
// probe (a broker drops what nobody listens to, so we publish marked probes until every subscriber has one).
import type { Broker, BrokerMessage, SubscribeOptions } from "../../runtime/broker/index.js";
import { sleep } from "../events/support.js";

export { sleep, waitUntil, TEST_TIMEOUT } from "../events/support.js";

export interface BrokerHarness { impl: Broker; close(): Promise<void> }
export type MakeBroker = () => Promise<BrokerHarness>;

const decoder = new TextDecoder();
export const body = (s: string) => new TextEncoder().encode(s);

export class Subscriber {
  readonly messages: BrokerMessage[] = [];
  probes = 0;
  error: unknown;
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(impl: Broker, topic: string, options: SubscribeOptions = {}) {
    this.done = (async () => {
      try {
        for await (const m of impl.subscribe(topic, { ...options, signal: this.abort.signal })) {
          if (m.header.probe) this.probes++;
          else this.messages.push(m);
        }
      } catch (err) {
        this.error = err;
      }
    })();
  }

  get bodies(): string[] {
    return this.messages.map((m) => decoder.decode(m.body));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

export async function untilLive(impl: Broker, topic: string, subscribers: Subscriber[], namespace?: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (subscribers.some((s) => s.probes === 0)) {
    for (const s of subscribers) if (s.error) throw s.error;
    if (Date.now() > until) throw new Error("subscribers never became live");
    await impl.publish(topic, { header: { probe: "1" }, body: body("probe") }, { namespace });
    await sleep(10);
  }
}

/** Runs `body` on a fresh harness, stopping its subscribers and closing it however the test ends. */
export async function withBroker(make: MakeBroker, run: (impl: Broker, track: (s: Subscriber) => Subscriber) => Promise<void>) {
  const h = await make();
  const subscribers: Subscriber[] = [];
  try {
    await run(h.impl, (s) => (subscribers.push(s), s));
  } finally {
    await Promise.all(subscribers.map((s) => s.stop()));
    await h.close();
  }
}
