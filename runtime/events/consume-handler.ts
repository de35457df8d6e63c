// events.Stream/Consume over gRPC. With manual acks the client sends AckRequest messages on the same
// stream after its ConsumeRequest (ctx.incoming); each settles the matching event handed to this stream.
import { fromBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { AckRequestSchema, EventSchema, type ConsumeRequest } from "../gen/events/events_pb.js";
import { BadRequest, MicroError, type HandlerContext } from "../rpc/index.js";
import { nanosToMs, requireTopic } from "./encoding.js";
import { DEFAULT_ACK_WAIT_MS, type ConsumedEvent, type Stream } from "./types.js";

const ID = "events.Stream.Consume";

export async function* consumeOverStream(stream: Stream, req: ConsumeRequest, ctx: HandlerContext): AsyncGenerator<MessageInitShape<typeof EventSchema>> {
  requireTopic(req.topic, ID);
  const ackWaitMs = nanosToMs(req.ackWait) ?? DEFAULT_ACK_WAIT_MS;
  const unacked = new Unacked(ackWaitMs);
  const local = new AbortController();
  let failure: MicroError | undefined;
  readAcks(ctx.incoming, req.autoAck ? undefined : unacked).catch((err: MicroError) => {
    failure = err;
    local.abort();
  });
  const events = stream.consume(req.topic, {
    namespace: ctx.namespace,
    group: req.group || undefined,
    offset: req.offset > 0n ? Number(req.offset) : undefined,
    autoAck: req.autoAck,
    ackWaitMs,
    // As Micro's handler: the wire's 0 means no redelivery; only a negative value means no limit.
    retryLimit: Number(req.retryLimit),
    signal: AbortSignal.any([ctx.signal, local.signal]),
  });
  for await (const event of events) {
    if (!req.autoAck) unacked.add(event);
    yield { id: event.id, topic: event.topic, metadata: event.metadata, payload: event.payload, timestamp: BigInt(event.timestamp) };
  }
  if (failure) throw failure;
}

/** Events handed to this stream and not yet acked, by id. Past ack_wait an ack no longer counts, so older entries are dropped. */
class Unacked {
  private readonly sent = new Map<string, { event: ConsumedEvent; at: number }>();
  constructor(private readonly ackWaitMs: number) {}

  add(event: ConsumedEvent): void {
    const now = Date.now();
    for (const [id, { at }] of this.sent) {
      if (now - at <= this.ackWaitMs) break; // oldest first: the rest are younger
      this.sent.delete(id);
    }
    this.sent.delete(event.id); // re-inserted last: the map stays in sending order
    this.sent.set(event.id, { event, at: now });
  }

  take(id: string): ConsumedEvent | undefined {
    const entry = this.sent.get(id);
    this.sent.delete(id);
    return entry?.event;
  }
}

/** Settles acked events; rejects with a BadRequest on a message that is not an AckRequest. */
async function readAcks(incoming: AsyncIterable<Uint8Array> | undefined, unacked: Unacked | undefined): Promise<void> {
  if (!incoming) return;
  // Read with next() rather than for-await: leaving a for-await early would destroy the call's stream,
  // and a destroyed call can no longer send the 400 status to the client.
  const reader = incoming[Symbol.asyncIterator]();
  try {
    for (let r = await reader.next(); !r.done; r = await reader.next()) {
      const bytes = r.value;
      let ack;
      try {
        ack = fromBinary(AckRequestSchema, bytes);
      } catch (err) {
        throw BadRequest(ID, `cannot decode events.AckRequest: ${(err as Error).message}`);
      }
      if (!unacked) continue; // auto-ack: nothing to settle
      // Unknown ids are ignored as in Micro: most likely acked late, after the event went out again.
      const event = unacked.take(ack.id);
      if (event) void (ack.success ? event.ack() : event.nack()).catch(() => {});
    }
  } catch (err) {
    if (err instanceof MicroError) throw err;
    // The call ended (cancelled or closed): nothing more to read.
  }
}
