// Brute-force protection for anything that checks a secret: after `maxFailures` failures within `windowMs` for
// one key (an account from one address, an address), that key is refused with 429 for `blockMs`, even with the
// right secret. An account as a whole is never blocked (anyone could lock its owner out from elsewhere): its
// failures across addresses only slow the answers to further failures down (FailureSlowdown).
// Unknown account ids are counted the same way, so the limiter says nothing about which ids exist.
import { MicroError } from "../rpc/errors.js";
import { MICRO_PEER } from "../wire/metadata.js";

/** The client's address as the server's front doors saw it (proxy, gateway, gRPC-Web set it, overwriting
 * anything the client sent): what failed logins are also counted by, across accounts. */
export const PEER_HEADER = MICRO_PEER;

/** Per account across addresses: failed answers are delayed once an account has this many failures in a minute,
 * doubling with each further one up to maxDelayMs. Its owner's correct login is never delayed. */
export const ACCOUNT_SLOWDOWN: SlowdownOptions = { after: 10, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Per peer, failures across all accounts: higher than per account, since many users and services may share an
 * address (a NAT, or every local process on one machine). */
export const PEER_LIMITS: LimiterOptions = { maxFailures: 30, windowMs: 60_000, blockMs: 60_000 };

export interface LimiterOptions {
  maxFailures?: number;
  windowMs?: number;
  blockMs?: number;
  /** Bounds memory when someone sprays random ids. */
  maxKeys?: number;
  now?: () => number;
}

interface Entry { failures: number[]; blockedUntil: number }

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly blockMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.blockMs = options.blockMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Throws 429 when any of the keys is blocked. */
  check(keys: readonly string[]): void {
    const now = this.now();
    const until = Math.max(0, ...keys.map((k) => this.entries.get(k)?.blockedUntil ?? 0));
    if (until > now) {
      throw new MicroError("auth", 429, `too many failed attempts; try again in ${Math.ceil((until - now) / 1000)}s`);
    }
  }

  /** Records a failure for each key; returns the keys that just became blocked. */
  fail(keys: readonly string[]): string[] {
    const now = this.now();
    const blocked: string[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key) ?? { failures: [], blockedUntil: 0 };
      entry.failures = entry.failures.filter((t) => t > now - this.windowMs);
      entry.failures.push(now);
      if (entry.failures.length >= this.maxFailures && entry.blockedUntil <= now) {
        entry.blockedUntil = now + this.blockMs;
        entry.failures = [];
        blocked.push(key);
      }
      this.entries.delete(key); // re-insert: the map's order is then least recently failed first
      this.entries.set(key, entry);
    }
    this.evict(now);
    return blocked;
  }

  /** A success clears the account's count (a peer's stays: it may be trying many accounts). */
  succeed(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private evict(now: number): void {
    if (this.entries.size <= this.maxKeys) return;
    for (const [key, e] of this.entries) {
      if (e.blockedUntil <= now && e.failures.every((t) => t <= now - this.windowMs)) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}

export interface SlowdownOptions {
  /** Failures within the window before answers are delayed. */
  after?: number;
  windowMs?: number;
  /** The first delay; each further failure doubles it, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxKeys?: number;
  now?: () => number;
}

/** Counts failures per key within a window and says how long to hold the next failed answer back. */
export class FailureSlowdown {
  private readonly failures = new Map<string, number[]>();
  private readonly after: number;
  private readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: SlowdownOptions = {}) {
    this.after = options.after ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 4_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Records a failure; returns the delay (ms) for its answer, 0 below the threshold, and whether this failure
   * is the one that crossed it (to log once). */
  fail(key: string): { delayMs: number; crossed: boolean } {
    const now = this.now();
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    recent.push(now);
    this.failures.delete(key); // re-insert: least recently failed first, for eviction
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
    const over = recent.length - this.after;
    if (over <= 0) return { delayMs: 0, crossed: false };
    return { delayMs: Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over - 1, 20)), crossed: over === 1 };
  }
}
