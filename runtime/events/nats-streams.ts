// The JetStream layout of the events engine: one stream per namespace, "<prefix>-<ns>", holding the subjects
// <prefix>.<ns>.p.<topic> (published: streamed to consumers) and <prefix>.<ns>.w.<topic> (written to the events
// store only: history, never delivered). An event's id, timestamp, metadata and expiry ride in headers, its
// payload as the message. Streams are created on first use, by whichever server gets there first.
import { headers, type MsgHdrs } from "@nats-io/transport-node";
import { type JetStreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { token } from "./nats-names.js";
import type { Event } from "./types.js";

const H = { id: "Micro-Id", timestamp: "Micro-Timestamp", metadata: "Micro-Metadata", expires: "Micro-Expires" } as const;

export class Streams {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly jsm: JetStreamManager, readonly prefix: string) {}

  /** The namespace's stream, created if missing (`recheck`: even if this process saw it before); its name. */
  ensure(ns: string, recheck = false): Promise<string> {
    let p = this.known.get(ns);
    if (!p || recheck) {
      p = this.create(ns);
      this.known.set(ns, p);
      p.catch(() => this.known.delete(ns));
    }
    return p;
  }

  /** Namespaces this process has used, for the retention sweep. */
  namespaces(): string[] {
    return [...this.known.keys()];
  }

  name(ns: string): string {
    return `${this.prefix}-${token(ns)}`;
  }

  subject(ns: string, kind: "p" | "w" | "*", topic: string | ">"): string {
    return `${this.prefix}.${token(ns)}.${kind}.${topic === ">" ? ">" : token(topic)}`;
  }

  private async create(ns: string): Promise<string> {
    const name = this.name(ns);
    const config = {
      name, subjects: [`${this.prefix}.${token(ns)}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits,
      // reads of the events store walk a topic's messages with direct gets
      allow_direct: true,
    };
    try {
      await this.jsm.streams.info(name);
    } catch {
      // another server may create it at the same moment: either way it exists afterwards
      await this.jsm.streams.add(config).catch(async (err: unknown) => {
        await this.jsm.streams.info(name).catch(() => { throw err; });
      });
    }
    return name;
  }
}

export function eventHeaders(event: Omit<Event, "payload" | "topic">, expiresAt: number): MsgHdrs {
  const h = headers();
  h.set(H.id, event.id);
  h.set(H.timestamp, String(event.timestamp));
  h.set(H.metadata, JSON.stringify(event.metadata));
  if (expiresAt > 0) h.set(H.expires, String(expiresAt));
  return h;
}

export function decodeEvent(topic: string, h: MsgHdrs | undefined, payload: Uint8Array): Event & { expiresAt: number } {
  let metadata: Record<string, string> = {};
  try {
    metadata = JSON.parse(h?.get(H.metadata) || "{}") as Record<string, string>;
  } catch { /* not ours: no metadata */ }
  return {
    id: h?.get(H.id) ?? "", topic, metadata, payload,
    timestamp: Number(h?.get(H.timestamp) || 0),
    expiresAt: Number(h?.get(H.expires) || 0),
  };
}
