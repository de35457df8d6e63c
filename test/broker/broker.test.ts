// The broker conformance suite on the in-memory broker and on the remote client over real gRPC, plus what
// only the wire can get wrong.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { create, toBinary } from "@bufbuild/protobuf";
import { Broker as BrokerDesc, SubscribeRequestSchema } from "../../runtime/gen/broker/broker_pb.js";
import { brokerHandler, MemoryBroker, RemoteBroker } from "../../runtime/broker/index.js";
import { AsyncQueue } from "../../runtime/events/async-queue.js";
import { closeChannels, createClient, MicroError } from "../../runtime/rpc/index.js";
import { host } from "../support/rpc.js";
import { conformance } from "./conformance.js";
import { body, Subscriber, TEST_TIMEOUT, untilLive, waitUntil } from "./support.js";

after(() => closeChannels());

async function hostBroker() {
  const broker = new MemoryBroker();
  const hosted = await host([{ desc: BrokerDesc, impl: brokerHandler(broker) }], { metadata: { "micro-namespace": "tenant" } });
  return { broker, hosted, close: async () => { broker.close(); await hosted.close(); } };
}

conformance("memory", async () => {
  const impl = new MemoryBroker();
  return { impl, close: async () => impl.close() };
});

conformance("remote over gRPC", async () => {
  const { hosted, close } = await hostBroker();
  return { impl: new RemoteBroker(hosted.transport), close };
});

test("over the wire: a missing message or topic is a 400 and the server keeps serving", { timeout: TEST_TIMEOUT }, async () => {
  const { broker, hosted, close } = await hostBroker();
  try {
    const client = createClient(BrokerDesc, hosted.transport);
    await assert.rejects(client.publish({ topic: "t" }), (e: unknown) => e instanceof MicroError && e.code === 400 && e.detail === "message is required");
    await assert.rejects(client.publish({ topic: "", message: {} }), (e: unknown) => e instanceof MicroError && e.code === 400 && e.detail === "topic is required");
    const requests = new AsyncQueue<Uint8Array>();
    requests.push(toBinary(SubscribeRequestSchema, create(SubscribeRequestSchema, { topic: "" })));
    await assert.rejects(async () => {
      for await (const _ of hosted.transport.stream(BrokerDesc.method.subscribe, requests, { timeoutMs: 5000 })) break;
    }, (e: unknown) => e instanceof MicroError && e.code === 400 && e.detail === "topic is required");
    requests.close();

    const remote = new RemoteBroker(hosted.transport);
    const s = new Subscriber(remote, "t");
    await untilLive(remote, "t", [s]);
    await remote.publish("t", { body: body("still serving") });
    await waitUntil(() => s.messages.length === 1, "a message after the bad calls");
    await s.stop();
    // Published in the caller's namespace (the micro-namespace metadata), not the default one.
    const local = new Subscriber(broker, "t", { namespace: "tenant" });
    await untilLive(remote, "t", [local]);
    await local.stop();
  } finally {
    await close();
  }
});
