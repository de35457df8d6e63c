// Brute-force protection for anything that checks a secret: after `maxFailures` failures within `windowMs` for
// one key (an account, a peer), that key is refused with 429 for `blockMs`, even with the right secret.
// Unknown account ids are counted the same way, so the limiter says nothing about which ids exist.
import { MicroError } from "../rpc/errors.js";
import { MICRO_PEER } from "../wire/metadata.js";

/** The client's address as the server's front doors saw it (proxy, gateway, gRPC-Web set it, overwriting
 * anything the client sent): what failed logins are also counted by, across accounts. */
export const PEER_HEADER = MICRO_PEER;

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
