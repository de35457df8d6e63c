// Who may sign up (create a new namespace with its first admin), and how often. `open`: anyone; `invite`: only
// with an invite code a platform admin created (single use, 7 days); `off`: nobody. In every mode the attempts
// are counted per client address and across the server within a minute (429 past either), before anything is
// hashed or written, and the number of namespaces is capped, so signup cannot be used to burn CPU or fill disk.
import { MicroError } from "../rpc/errors.js";

export const SIGNUP_MODES = ["open", "invite", "off"] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

export interface SignupOptions {
  /** Default "open" (the server picks invite when it listens beyond loopback: see server.ts). */
  mode?: SignupMode;
  /** Attempts per client address per minute (MICRO_SIGNUP_PER_ADDRESS, default 10). */
  perAddressPerMinute?: number;
  /** Attempts per minute across all addresses (MICRO_SIGNUP_PER_MINUTE, default 60). */
  perMinute?: number;
  /** Namespaces the server holds at most; signup stops there (MICRO_MAX_NAMESPACES, default 10000). */
  maxNamespaces?: number;
  /** Accounts one namespace holds at most, whoever creates them (MICRO_MAX_ACCOUNTS_PER_NAMESPACE, default 10000). */
  maxAccountsPerNamespace?: number;
  now?: () => number;
}

/** Shortest password a person may choose (signup, changing one's password). */
export const MIN_PASSWORD_LENGTH = 8;
/** How long an invite code stays valid. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Outstanding invite codes at most: creating them is an admin's act, but still a write. */
export const MAX_INVITES = 1000;

const WINDOW_MS = 60_000;

/** `--signup` / MICRO_SIGNUP: the mode, or a clear error naming where the bad value came from. */
export function parseSignupMode(value: string | undefined, from: string): SignupMode | undefined {
  if (value === undefined || value === "") return undefined;
  if ((SIGNUP_MODES as readonly string[]).includes(value)) return value as SignupMode;
  throw new Error(`${from} must be one of ${SIGNUP_MODES.join(", ")} (got ${JSON.stringify(value)})`);
}

/** The limits MICRO_SIGNUP_PER_ADDRESS, MICRO_SIGNUP_PER_MINUTE, MICRO_MAX_NAMESPACES and
 * MICRO_MAX_ACCOUNTS_PER_NAMESPACE set; each must be a positive integer. */
export function signupLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<SignupOptions, "mode" | "now"> {
  const count = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${v} is not a positive whole number`);
    return n;
  };
  return {
    perAddressPerMinute: count("MICRO_SIGNUP_PER_ADDRESS"),
    perMinute: count("MICRO_SIGNUP_PER_MINUTE"),
    maxNamespaces: count("MICRO_MAX_NAMESPACES"),
    maxAccountsPerNamespace: count("MICRO_MAX_ACCOUNTS_PER_NAMESPACE"),
  };
}

/** Sliding one-minute counts of signup attempts, per address and overall. Memory stays bounded: at most
 * `perMinute` timestamps overall, and at most that many addresses can have attempts in the window. */
export class SignupLimits {
  private readonly perAddress: number;
  private readonly perMinute: number;
  private readonly now: () => number;
  private overall: number[] = [];
  private readonly byAddress = new Map<string, number[]>();

  constructor(options: SignupOptions = {}) {
    this.perAddress = options.perAddressPerMinute ?? 10;
    this.perMinute = options.perMinute ?? 60;
    this.now = options.now ?? Date.now;
  }

  /** Counts an attempt from `peer` (unknown: one shared bucket), or throws 429 without counting it. */
  take(peer: string | undefined): void {
    const now = this.now();
    const since = now - WINDOW_MS;
    const key = peer || "unknown";
    const mine = (this.byAddress.get(key) ?? []).filter((t) => t > since);
    this.overall = this.overall.filter((t) => t > since);
    const retry = (times: number[]) => Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
    if (mine.length >= this.perAddress) {
      throw new MicroError("auth", 429, `too many signups from your address; try again in ${retry(mine)}s`);
    }
    if (this.overall.length >= this.perMinute) {
      throw new MicroError("auth", 429, `too many signups on this server right now; try again in ${retry(this.overall)}s`);
    }
    mine.push(now);
    this.overall.push(now);
    this.byAddress.delete(key);
    this.byAddress.set(key, mine);
    // addresses whose attempts have all left the window are dropped, oldest first
    for (const [k, times] of this.byAddress) {
      if (this.byAddress.size <= this.perMinute || times[times.length - 1]! > since) break;
      this.byAddress.delete(k);
    }
  }
}
