// The keys tokens are verified with. One server: its own key (keys.ts). Several servers sharing PostgreSQL: a
// shared key *set* — each server signs with its own private key, which never leaves its data dir, and publishes
// the public half in micro_auth_keys (kid, JWK, last seen); every server verifies with every published key that
// is still live, and lists them all in the auth service's registry entry (jwks.ts), where services fetch them by
// kid. A server re-publishes its key every PUBLISH_MS; a key not re-published for longer than the longest token
// lifetime (plus two periods) is dropped. That is also rotation: give a server a new key (remove its
// <data>/auth/jwt-private.pem and restart it) and the old public key stays while tokens signed with it can live,
// then goes.
import { createPublicKey, type KeyObject } from "node:crypto";
import type pg from "pg";
import type { CryptoKey, JWTVerifyGetKey } from "jose";
import { jwksOf, type PublishedJwk } from "./jwks.js";
import type { SigningKeys } from "./keys.js";

export const PUBLISH_MS = 30_000;
/** How often the others' keys are re-read. A new server's key reaches the auth registry entry with the next heartbeat
 * of the builtins (every 10 s, each after a re-read: server.ts), so within a heartbeat of its start. */
export const RELOAD_MS = 5000;
/** An unknown kid re-reads the set at most this often (a flood of forged kids costs one query a second). */
const MIN_RELOAD_MS = 1000;

export class KeyRing {
  private others = new Map<string, { jwk: PublishedJwk; key: KeyObject }>();
  private timers: NodeJS.Timeout[] = [];
  private loadedAt = -Infinity;
  private loading?: Promise<void>;

  /** `shared`: the database the set is kept in (none: this server's key only); `maxTokenSeconds`: the longest a
   * token signed by a key can live, which is how long a key outlives its last publication. */
  constructor(readonly own: SigningKeys, private readonly shared?: { pool: pg.Pool; maxTokenSeconds: number }) {}

  /** Publishes this server's key and reads the others', then keeps doing so every PUBLISH_MS. */
  async start(): Promise<void> {
    if (!this.shared) return;
    await this.publish();
    await this.reload();
    this.timers = [
      setInterval(() => void this.publish().catch(() => { /* next period retries */ }), PUBLISH_MS).unref(),
      setInterval(() => void this.refresh().catch(() => undefined), RELOAD_MS).unref(),
    ];
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** Re-reads the shared set now (the server does before each heartbeat of the auth entry). */
  async refresh(): Promise<void> {
    if (this.shared) await this.reload();
  }

  /** The live keys as a JWK set, ordered by kid, so that every server writes the same auth registry entry (what
   * services fetch their keys from) rather than each its own, changing it at every heartbeat. */
  get jwks(): string {
    const all = [this.own.publicJwk, ...[...this.others.values()].map((o) => o.jwk)].sort((a, b) => a.kid.localeCompare(b.kid));
    return jwksOf(all.map((publicJwk) => ({ publicJwk })));
  }

  /** The key of `kid`, re-reading the shared set for one not seen yet (another server's, or just rotated). */
  async keyFor(kid: string | undefined): Promise<KeyObject | CryptoKey | undefined> {
    if (kid === undefined || kid === this.own.kid) return this.own.publicKey;
    if (!this.others.has(kid) && this.shared && performance.now() - this.loadedAt >= MIN_RELOAD_MS) await this.reload();
    return this.others.get(kid)?.key;
  }

  /** keyFor as jose's jwtVerify takes it: a kid with no key fails verification. */
  readonly verifier: JWTVerifyGetKey = async (header) => {
    const key = await this.keyFor(header.kid);
    if (!key) throw new Error(`no verification key for kid ${header.kid}`);
    return key;
  };

  private async publish(): Promise<void> {
    await this.shared!.pool.query(
      "INSERT INTO micro_auth_keys (kid, jwk, seen) VALUES ($1, $2, $3) ON CONFLICT (kid) DO UPDATE SET seen = GREATEST(micro_auth_keys.seen, $3)",
      [this.own.kid, this.own.publicJwk, Date.now()]);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const { pool, maxTokenSeconds } = this.shared!;
        const since = Date.now() - maxTokenSeconds * 1000 - 2 * PUBLISH_MS;
        const { rows } = await pool.query<{ jwk: PublishedJwk }>("SELECT jwk FROM micro_auth_keys WHERE seen > $1 AND kid <> $2", [since, this.own.kid]);
        const others = new Map<string, { jwk: PublishedJwk; key: KeyObject }>();
        for (const { jwk } of rows) {
          if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.kid) continue;
          others.set(jwk.kid, { jwk, key: createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" }) });
        }
        this.others = others;
        // keys long dead go from the table (any server may do it)
        await pool.query("DELETE FROM micro_auth_keys WHERE seen <= $1", [since - 24 * 3600_000]);
      } finally {
        this.loadedAt = performance.now();
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
