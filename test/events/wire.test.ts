// What only the gRPC surface can get wrong: undecodable messages on the Consume stream, raw requests with
// Micro's wire defaults, and the namespace taken from the call's metadata.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { ConsumeRequestSchema, EventSchema, Stream as StreamDesc } from "../../runtime/gen/events/events_pb.js";
import { RemoteEvents } from "../../runtime/events/index.js";
import { closeChannels, createGrpcTransport, MicroError } from "../../runtime/rpc/index.js";
import { AsyncQueue } from "../../runtime/events/async-queue.js";
import { embeddedHarness, hostEvents } from "./harness.js";
import { Collector, sleep, text, untilLive, waitUntil, TEST_TIMEOUT } from "./support.js";
import type { EmbeddedEvents } from "../../runtime/events/index.js";

after(() => closeChannels());

const consumeRequest = (init: Parameters<typeof create<typeof ConsumeRequestSchema>>[1]) =>
  toBinary(ConsumeRequestSchema, create(ConsumeRequestSchema, init));

/** A deadline on raw streams that should fail at once: a regression then fails (408) instead of hanging. */
const GUARD = { timeoutMs: 5000 };

/** The engine first: that ends open Consume streams, so the server stops at once. */
async function shutdown(h: Awaited<ReturnType<typeof embeddedHarness>>, hosted: { close(): Promise<void> }) {
  await (h.impl as EmbeddedEvents).close();
  await hosted.close();
  await h.close();
}

async function drain(replies: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const _ of replies) n++;
  return n;
}

test("garbage on the Consume stream is a 400 for that stream; the server keeps serving", { timeout: TEST_TIMEOUT }, async () => {
  const h = await embeddedHarness();
  const hosted = await hostEvents(h.impl as EmbeddedEvents);
  try {
    for (const autoAck of [false, true]) {
      const requests = new AsyncQueue<Uint8Array>();
      requests.push(consumeRequest({ topic: "t", autoAck }));
      requests.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]));
      await assert.rejects(drain(hosted.transport.stream(StreamDesc.method.consume, requests, GUARD)),
        (e: unknown) => e instanceof MicroError && e.code === 400 && /AckRequest/.test(e.detail));
      requests.close();
    }
    const garbled = new AsyncQueue<Uint8Array>();
    garbled.push(new Uint8Array([0x0a, 0xff]));
    await assert.rejects(drain(hosted.transport.stream(StreamDesc.method.consume, garbled, GUARD)),
      (e: unknown) => e instanceof MicroError && e.code === 400 && /ConsumeRequest/.test(e.detail));
    garbled.close();
    const topicless = new AsyncQueue<Uint8Array>();
    topicless.push(consumeRequest({ topic: "" }));
    await assert.rejects(drain(hosted.transport.stream(StreamDesc.method.consume, topicless, GUARD)),
      (e: unknown) => e instanceof MicroError && e.code === 400 && e.detail === "topic is required");
    topicless.close();

    const events = new RemoteEvents(hosted.transport);
    const c = new Collector(events, "t");
    await untilLive(events, "t", [c]);
    await events.publish("t", "still serving");
    await waitUntil(() => c.events.length === 1, "an event after the bad streams");
    await c.stop();
  } finally {
    await shutdown(h, hosted);
  }
});

test("the namespace comes from the call's micro-namespace metadata", { timeout: TEST_TIMEOUT }, async () => {
  const h = await embeddedHarness();
  const hosted = await hostEvents(h.impl as EmbeddedEvents);
  const other = createGrpcTransport({ address: hosted.address, metadata: () => ({ "micro-namespace": "other" }) });
  try {
    const tenant = new RemoteEvents(hosted.transport);
    const stranger = new RemoteEvents(other);
    const watching = new Collector(stranger, "secrets");
    await untilLive(stranger, "secrets", [watching]);
    await tenant.publish("secrets", "tenant only");
    await stranger.publish("secrets", "public");
    await waitUntil(() => watching.events.length === 1, "the stranger's own event");
    await watching.stop();
    assert.deepEqual(watching.texts, ['"public"']);
    assert.deepEqual((await tenant.read("secrets")).map(text), ['"tenant only"']);
    assert.deepEqual((await h.impl.read("secrets", { namespace: "tenant" })).map(text), ['"tenant only"']);
  } finally {
    await shutdown(h, hosted);
  }
});

test("a raw ConsumeRequest takes Micro's wire defaults: retry_limit 0 means no redelivery", { timeout: TEST_TIMEOUT }, async () => {
  const h = await embeddedHarness();
  const hosted = await hostEvents(h.impl as EmbeddedEvents);
  try {
    const requests = new AsyncQueue<Uint8Array>();
    requests.push(consumeRequest({ topic: "once", autoAck: false, ackWait: 50_000_000n })); // 50 ms, never acked
    const abort = new AbortController();
    const ids: string[] = [];
    const reading = (async () => {
      try {
        for await (const bytes of hosted.transport.stream(StreamDesc.method.consume, requests, { signal: abort.signal })) {
          ids.push(fromBinary(EventSchema, bytes).id);
        }
      } catch { /* cancelled */ }
    })();
    const events = new RemoteEvents(hosted.transport);
    // No readiness signal on the wire: publish until the stream is live, then give redeliveries 6 ack_waits.
    for (const until = Date.now() + 10_000; ids.length === 0 && Date.now() < until; await sleep(10)) await events.publish("once", "x");
    assert.ok(ids.length > 0, "the stream delivered");
    await sleep(300);
    abort.abort();
    await reading;
    assert.equal(new Set(ids).size, ids.length, "no event was delivered twice");
  } finally {
    await shutdown(h, hosted);
  }
});
