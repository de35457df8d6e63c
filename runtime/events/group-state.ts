// Durable state of a consumer group on LMDB, so a group resumes where it left off after a restart:
// ["group", ns, topic, group] → position; ["pending", ns, topic, group, seq] → deliveries so far of an
// event handed out but not yet acked (redelivered when the group is loaded again).
import type { Database } from "lmdb";
import type { Key } from "./log.js";

export interface GroupPosition {
  /** Last sequence number taken from the log (events up to it are acked or pending). */
  cursor: number;
  /** Replay filter: events up to `replayUntil` older than `since` (Unix seconds) are skipped. */
  since: number;
  replayUntil: number;
}

export interface PendingEvent { seq: number; attempts: number }

/** Where a group keeps its position and pending acks; private groups use the in-memory variant. */
export interface GroupStateStore {
  position(): GroupPosition | undefined;
  savePosition(position: GroupPosition): Promise<unknown>;
  pending(): PendingEvent[];
  setPending(seq: number, attempts: number): Promise<unknown>;
  deletePending(seq: number): Promise<unknown>;
}

export function durableGroupState(db: Database<unknown, Key>, ns: string, topic: string, group: string): GroupStateStore {
  const prefix = ["pending", ns, topic, group];
  return {
    position: () => db.get(["group", ns, topic, group]) as GroupPosition | undefined,
    savePosition: (position) => db.put(["group", ns, topic, group], { ...position }),
    pending: () =>
      [...db.getRange({ start: [...prefix, 0], end: [...prefix, Number.MAX_SAFE_INTEGER] })]
        .map(({ key, value }) => ({ seq: (key as Key)[4] as number, attempts: (value as { attempts: number }).attempts })),
    setPending: (seq, attempts) => db.put([...prefix, seq], { attempts }),
    deletePending: (seq) => db.remove([...prefix, seq]),
  };
}

/** A private group (no group name) lives as long as its one consumer: nothing to persist. */
export function ephemeralGroupState(): GroupStateStore {
  const done = Promise.resolve();
  return {
    position: () => undefined,
    savePosition: () => done,
    pending: () => [],
    setPending: () => done,
    deletePending: () => done,
  };
}
