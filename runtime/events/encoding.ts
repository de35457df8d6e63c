// Small conversions shared by every events implementation: payload encoding, time units, and wrapping an
// event with its ack/nack functions.
import { BadRequest } from "../rpc/errors.js";
import type { ConsumedEvent, Event, Payload } from "./types.js";

const utf8 = new TextDecoder();

export function encodePayload(payload: Payload): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  const json = JSON.stringify(payload ?? null);
  return new TextEncoder().encode(json);
}

/** Unix seconds from a Date or a number of seconds; undefined stays undefined. */
export function toUnixSeconds(t: Date | number | undefined): number | undefined {
  if (t === undefined) return undefined;
  return t instanceof Date ? Math.floor(t.getTime() / 1000) : Math.floor(t);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Wire durations are nanoseconds; ours are milliseconds. Non-positive means unset. */
export function nanosToMs(ns: bigint): number | undefined {
  return ns > 0n ? Number(ns) / 1e6 : undefined;
}

export function msToNanos(ms: number | undefined): bigint {
  return ms && ms > 0 ? BigInt(Math.round(ms * 1e6)) : 0n;
}

export function requireTopic(topic: string | undefined, id: string, field = "topic"): string {
  if (!topic) throw BadRequest(id, `${field} is required`);
  return topic;
}

const settled = async () => {};

export function consumed(event: Event, ack: () => Promise<void> = settled, nack: () => Promise<void> = settled): ConsumedEvent {
  return {
    ...event,
    ack,
    nack,
    json<T>() {
      return JSON.parse(utf8.decode(event.payload)) as T;
    },
  };
}
