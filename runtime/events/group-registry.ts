// The consumer groups of one engine. Named groups are durable and stay loaded once used (their position
// lives in memory as well as on disk, so a group that empties and refills never reads a stale cursor);
// private groups exist only while their consumer does.
import type { Database } from "lmdb";
import { ConsumerGroup } from "./consumer-group.js";
import { durableGroupState, ephemeralGroupState, type GroupPosition } from "./group-state.js";
import type { EventLog, Key } from "./log.js";

export interface OpenedGroup {
  group: ConsumerGroup;
  /** Call when a member left: drops a private group once empty. */
  release(): void;
}

export class GroupRegistry {
  private readonly durable = new Map<string, ConsumerGroup>();
  private readonly byTopic = new Map<string, Set<ConsumerGroup>>();

  constructor(
    private readonly log: EventLog,
    private readonly db: Database<unknown, Key>,
    private readonly track: (write: Promise<unknown>) => Promise<unknown>,
  ) {}

  /** `offset` (Unix seconds, > 0) positions a group that has no position yet; a known group resumes. */
  open(ns: string, topic: string, name: string | undefined, offset: number | undefined): OpenedGroup {
    if (!name) {
      const group = new ConsumerGroup(this.log, ephemeralGroupState(), this.track, ns, topic, this.initial(ns, topic, offset));
      this.index(ns, topic).add(group);
      return { group, release: () => (group.size === 0 ? this.drop(group) : undefined) };
    }
    const id = `${ns}\0${topic}\0${name}`;
    let group = this.durable.get(id);
    if (!group) {
      const state = durableGroupState(this.db, ns, topic, name);
      let position = state.position();
      if (!position) {
        position = this.initial(ns, topic, offset);
        this.track(state.savePosition(position));
      }
      group = new ConsumerGroup(this.log, state, this.track, ns, topic, position);
      this.durable.set(id, group);
      this.index(ns, topic).add(group);
    }
    return { group, release: () => {} };
  }

  /** A new event was committed to the topic. */
  notify(ns: string, topic: string): void {
    for (const group of this.byTopic.get(`${ns}\0${topic}`) ?? []) group.pump();
  }

  close(): void {
    for (const groups of this.byTopic.values()) for (const group of groups) group.close();
    this.byTopic.clear();
    this.durable.clear();
  }

  /** Only new events by default (Micro's default for a new group); with an offset, replay from that time. */
  private initial(ns: string, topic: string, offset: number | undefined): GroupPosition {
    const head = this.log.head(ns, topic);
    if (!offset || offset <= 0) return { cursor: head, since: 0, replayUntil: 0 };
    return { cursor: this.log.firstSince(ns, topic, offset) - 1, since: offset, replayUntil: head };
  }

  private index(ns: string, topic: string): Set<ConsumerGroup> {
    const key = `${ns}\0${topic}`;
    let set = this.byTopic.get(key);
    if (!set) this.byTopic.set(key, (set = new Set()));
    return set;
  }

  private drop(group: ConsumerGroup): void {
    group.close();
    this.byTopic.get(`${group.ns}\0${group.topic}`)?.delete(group);
  }
}
