// Load through the proxy as a client sees it: store writes and reads with N concurrent callers, events
// published and consumed over events.Stream, sequential call latency.
import { Store } from "../../runtime/gen/store/store_pb.js";
import { Stream } from "../../runtime/gen/events/events_pb.js";
import { Debug } from "../../runtime/gen/debug/debug_pb.js";
import { createClient, type Transport } from "../../runtime/rpc/index.js";

export interface Rate { ops: number; seconds: number; perSecond: number }

/** `callers` loops calling `op` until `seconds` have passed; completed calls per second. */
async function closedLoop(callers: number, seconds: number, op: (caller: number, i: number) => Promise<unknown>): Promise<Rate> {
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  let ops = 0;
  await Promise.all(Array.from({ length: callers }, async (_, caller) => {
    for (let i = 0; performance.now() < end; i++) {
      await op(caller, i);
      ops++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { ops, seconds: elapsed, perSecond: ops / elapsed };
}

const VALUE = new Uint8Array(128).fill(0x61);

const KEYS_PER_CALLER = 100;

/** Each caller writes its own keys, round robin over KEYS_PER_CALLER of them. */
export async function storeWrites(transport: Transport, callers: number, seconds: number): Promise<Rate> {
  const store = createClient(Store, transport);
  return closedLoop(callers, seconds, (c, i) => store.write({ record: { key: `bench-${c}-${i % KEYS_PER_CALLER}`, value: VALUE } }));
}

/** Reads the keys storeWrites wrote (written first here, so it also runs alone). */
export async function storeReads(transport: Transport, callers: number, seconds: number): Promise<Rate> {
  const store = createClient(Store, transport);
  await Promise.all(Array.from({ length: callers }, async (_, c) => {
    for (let i = 0; i < KEYS_PER_CALLER; i++) await store.write({ record: { key: `bench-${c}-${i}`, value: VALUE } });
  }));
  return closedLoop(callers, seconds, async (c, i) => {
    const { records } = await store.read({ key: `bench-${c}-${i % KEYS_PER_CALLER}` });
    if (records.length !== 1) throw new Error(`bench-${c}-${i % KEYS_PER_CALLER}: ${records.length} records`);
  });
}

/** debug.Debug/Health on the store: the proxy, auth and gRPC path with no storage behind it, for comparison. */
export async function healthCalls(transport: Transport, callers: number, seconds: number): Promise<Rate> {
  const debug = createClient(Debug, transport);
  return closedLoop(callers, seconds, () => debug.health({}, { metadata: { "micro-service": "store" } }));
}

/** Sequential reads of one key: per-call latency percentiles in ms. */
export async function readLatency(transport: Transport, calls: number): Promise<{ p50: number; p99: number }> {
  const store = createClient(Store, transport);
  await store.write({ record: { key: "latency", value: VALUE } });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await store.read({ key: "latency" });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(calls * 0.5)], p99: times[Math.floor(calls * 0.99)] };
}

export interface EventsResult { messages: number; publishPerSecond: number; endToEndPerSecond: number }

/** `messages` events published by `publishers` concurrent callers while one consumer reads them off the stream. With
 * several servers' transports, publishes rotate over them and the consumer reads through the last one. */
export async function eventsThroughput(through: Transport | readonly Transport[], publishers: number, messages: number,
  consumeTimeoutMs = 30_000): Promise<EventsResult> {
  const clients = (Array.isArray(through) ? through : [through]).map((t: Transport) => createClient(Stream, t));
  const consumer = clients[clients.length - 1]!;
  let turn = 0;
  const publisher = () => clients[turn++ % clients.length]!;
  const topic = `bench-${Date.now()}`;
  const stop = new AbortController();
  let received = 0;
  let live: () => void = () => undefined;
  const isLive = new Promise<void>((r) => (live = r));
  let allIn: () => void = () => undefined;
  const done = new Promise<void>((r) => (allIn = r));
  const consuming = (async () => {
    for await (const ev of consumer.consume({ topic, autoAck: true }, { signal: stop.signal })) {
      if (ev.metadata.probe) { live(); continue; }
      if (++received === messages) allIn();
    }
  })().catch((err: Error) => { if (!stop.signal.aborted) throw err; });
  // the subscription is live once a probe comes back
  const probing = setInterval(() => publisher().publish({ topic, metadata: { probe: "1" } }).catch(() => undefined), 50);
  await isLive;
  clearInterval(probing);

  const payload = new Uint8Array(128).fill(0x62);
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: publishers }, async () => {
    while (next < messages) {
      next++;
      await publisher().publish({ topic, payload });
    }
  }));
  const published = performance.now();
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${received}/${messages} consumed in ${consumeTimeoutMs / 1000} s`)), consumeTimeoutMs).unref())]);
  const consumed = performance.now();
  stop.abort();
  await consuming;
  return {
    messages,
    publishPerSecond: messages / ((published - started) / 1000),
    endToEndPerSecond: messages / ((consumed - started) / 1000),
  };
}
