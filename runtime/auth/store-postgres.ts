// Auth's durable state on PostgreSQL (`micro server --store postgres://…`): accounts, rules, namespaces, refresh
// tokens and invites in micro_auth_* tables every server of the platform shares, and the platform's token
// verification keys (keyring.ts). The embedded engine's rules, as SQL: multi-row changes of a namespace run in one
// transaction under that namespace's advisory lock; a refresh token is taken with DELETE … RETURNING (used once,
// whichever server is asked); an invite is used up inside the signup's transaction.
// Reads on the hot path (an account per verified token, a namespace's rules per admitted call) come from a small
// cache: writes drop it here at once and on every other server through NOTIFY micro_auth; a cache entry lives at
// most CACHE_MS anyway, so a server that missed a notification (its listening connection dropped) is stale at most
// that long.
import pg from "pg";
import type { AuthState } from "./state.js";
import type { InviteClaim, InviteRecord, RefreshRecord, StoredAccount } from "./store.js";
import type { Rule } from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS micro_auth_namespaces (ns text PRIMARY KEY, created bigint NOT NULL);
CREATE TABLE IF NOT EXISTS micro_auth_accounts (ns text NOT NULL, id text NOT NULL, account jsonb NOT NULL, PRIMARY KEY (ns, id));
CREATE TABLE IF NOT EXISTS micro_auth_rules (ns text NOT NULL, id text NOT NULL, rule jsonb NOT NULL, PRIMARY KEY (ns, id));
CREATE TABLE IF NOT EXISTS micro_auth_refresh (digest text PRIMARY KEY, record jsonb NOT NULL, expires bigint NOT NULL);
CREATE TABLE IF NOT EXISTS micro_auth_invites (digest text PRIMARY KEY, record jsonb NOT NULL, expires bigint NOT NULL);
CREATE TABLE IF NOT EXISTS micro_auth_keys (kid text PRIMARY KEY, jwk jsonb NOT NULL, seen bigint NOT NULL);`;

/** How long a cached account or rule set is used without a notification. */
export const CACHE_MS = 1000;
const CHANNEL = "micro_auth";
const MAX_CACHED = 10_000;

type Change = { kind: "acct" | "rule"; ns: string; id?: string };

export class PostgresAuthState implements AuthState {
  private readonly accounts = new Map<string, { value: StoredAccount | undefined; at: number }>();
  private readonly rules = new Map<string, { value: Rule[]; at: number }>();
  private listener?: pg.Client;
  private relisten?: NodeJS.Timeout;
  private closed = false;

  /** Creates the tables when missing (under a lock: servers starting together race on CREATE TABLE) and starts
   * listening for other servers' changes. The pool stays the caller's. */
  static async open(pool: pg.Pool, connectionString: string): Promise<PostgresAuthState> {
    await transaction(pool, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('micro_auth_schema'))");
      await c.query(SCHEMA);
    });
    const state = new PostgresAuthState(pool, connectionString);
    await state.listen();
    return state;
  }

  private constructor(readonly pool: pg.Pool, private readonly connectionString: string) {}

  close(): void {
    this.closed = true;
    clearTimeout(this.relisten);
    void this.listener?.end().catch(() => undefined);
  }

  /** One connection of its own LISTENs; when it drops, the caches age out (CACHE_MS) until it is back. */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 10_000 });
    const retry = () => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed) this.relisten = setTimeout(() => void this.listen().catch(retry), 2000).unref();
    };
    client.on("error", retry);
    client.on("notification", (n) => {
      try {
        this.forget(JSON.parse(n.payload ?? "") as Change);
      } catch { /* not ours */ }
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.closed) return void client.end().catch(() => undefined);
    this.listener = client;
  }

  private forget(change: Change): void {
    if (change.kind === "rule") this.rules.delete(change.ns);
    else this.accounts.delete(`${change.ns}\n${change.id ?? ""}`);
  }

  /** Drops the cache here, and tells the other servers in the same transaction (delivered once it commits). */
  private async changed(c: pg.PoolClient, change: Change): Promise<void> {
    this.forget(change);
    await c.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(change)]);
  }

  async namespaceExists(ns: string): Promise<boolean> {
    return (await this.pool.query("SELECT 1 FROM micro_auth_namespaces WHERE ns = $1", [ns])).rowCount! > 0;
  }

  async listNamespaces(limit: number): Promise<string[]> {
    return (await this.pool.query<{ ns: string }>("SELECT ns FROM micro_auth_namespaces ORDER BY ns COLLATE \"C\" LIMIT $1", [limit])).rows.map((r) => r.ns);
  }

  async countNamespaces(): Promise<number> {
    return Number((await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM micro_auth_namespaces")).rows[0]!.n);
  }

  async countAccounts(ns: string): Promise<number> {
    return Number((await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM micro_auth_accounts WHERE ns = $1", [ns])).rows[0]!.n);
  }

  async getAccount(ns: string, id: string): Promise<StoredAccount | undefined> {
    const key = `${ns}\n${id}`;
    const hit = this.accounts.get(key);
    if (hit && performance.now() - hit.at < CACHE_MS) return hit.value;
    const at = performance.now();
    const { rows } = await this.pool.query<{ account: StoredAccount }>("SELECT account FROM micro_auth_accounts WHERE ns = $1 AND id = $2", [ns, id]);
    if (this.accounts.size >= MAX_CACHED) this.accounts.clear();
    this.accounts.set(key, { value: rows[0]?.account, at });
    return rows[0]?.account;
  }

  async listAccounts(ns: string): Promise<StoredAccount[]> {
    return (await this.pool.query<{ account: StoredAccount }>("SELECT account FROM micro_auth_accounts WHERE ns = $1 ORDER BY id COLLATE \"C\"", [ns]))
      .rows.map((r) => r.account);
  }

  async listRules(ns: string): Promise<readonly Rule[]> {
    const hit = this.rules.get(ns);
    if (hit && performance.now() - hit.at < CACHE_MS) return hit.value;
    const at = performance.now();
    const { rows } = await this.pool.query<{ rule: Rule }>("SELECT rule FROM micro_auth_rules WHERE ns = $1 ORDER BY id COLLATE \"C\"", [ns]);
    const value = rows.map((r) => r.rule);
    if (this.rules.size >= MAX_CACHED) this.rules.clear();
    this.rules.set(ns, { value, at });
    return value;
  }

  async inviteValid(claim: InviteClaim, now = Date.now()): Promise<boolean> {
    const { rows } = await this.pool.query<{ record: InviteRecord }>("SELECT record FROM micro_auth_invites WHERE digest = $1 AND expires > $2", [claim.digest, now]);
    const record = rows[0]?.record;
    return !!record && (record.for === "" || record.for === claim.id);
  }

  async createAccount(account: StoredAccount, initialRules: Rule[], newNamespaceOnly: boolean, invite?: InviteClaim):
    Promise<"created" | "namespace-exists" | "account-exists" | "invite-invalid"> {
    const ns = account.issuer;
    return transaction(this.pool, async (c) => {
      await lockNamespace(c, ns);
      const nsExists = (await c.query("SELECT 1 FROM micro_auth_namespaces WHERE ns = $1", [ns])).rowCount! > 0;
      if (nsExists && newNamespaceOnly) return "namespace-exists";
      if ((await c.query("SELECT 1 FROM micro_auth_accounts WHERE ns = $1 AND id = $2", [ns, account.id])).rowCount) return "account-exists";
      if (invite) {
        const used = await c.query("DELETE FROM micro_auth_invites WHERE digest = $1 AND expires > $2 AND (record->>'for' = '' OR record->>'for' = $3)",
          [invite.digest, Date.now(), invite.id]);
        if (!used.rowCount) return "invite-invalid";
      }
      if (!nsExists) {
        await c.query("INSERT INTO micro_auth_namespaces (ns, created) VALUES ($1, $2)", [ns, Date.now()]);
        for (const rule of initialRules) await c.query("INSERT INTO micro_auth_rules (ns, id, rule) VALUES ($1, $2, $3)", [ns, rule.id, rule]);
        await this.changed(c, { kind: "rule", ns });
      }
      await c.query("INSERT INTO micro_auth_accounts (ns, id, account) VALUES ($1, $2, $3)", [ns, account.id, account]);
      await this.changed(c, { kind: "acct", ns, id: account.id });
      return "created";
    }, (outcome) => outcome === "created");
  }

  async putInvite(digest: string, record: InviteRecord, max: number): Promise<boolean> {
    return transaction(this.pool, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('micro_auth_invites'))");
      await c.query("DELETE FROM micro_auth_invites WHERE expires <= $1", [record.created]);
      const outstanding = Number((await c.query<{ n: string }>("SELECT count(*) AS n FROM micro_auth_invites")).rows[0]!.n);
      if (outstanding >= max) return false;
      await c.query("INSERT INTO micro_auth_invites (digest, record, expires) VALUES ($1, $2, $3)", [digest, record, record.expires]);
      return true;
    });
  }

  async deleteAccount(ns: string, id: string): Promise<boolean> {
    return transaction(this.pool, async (c) => {
      const gone = (await c.query("DELETE FROM micro_auth_accounts WHERE ns = $1 AND id = $2", [ns, id])).rowCount! > 0;
      if (gone) await this.changed(c, { kind: "acct", ns, id });
      return gone;
    });
  }

  async replaceSecret(ns: string, id: string, secretHash: string): Promise<boolean> {
    return transaction(this.pool, async (c) => {
      const done = (await c.query(
        `UPDATE micro_auth_accounts SET account = account || jsonb_build_object('secretHash', $3::text, 'generation', (account->>'generation')::int + 1)
         WHERE ns = $1 AND id = $2`, [ns, id, secretHash])).rowCount! > 0;
      if (done) await this.changed(c, { kind: "acct", ns, id });
      return done;
    });
  }

  async createRule(ns: string, rule: Rule): Promise<boolean> {
    return transaction(this.pool, async (c) => {
      const added = (await c.query("INSERT INTO micro_auth_rules (ns, id, rule) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [ns, rule.id, rule])).rowCount! > 0;
      if (added) await this.changed(c, { kind: "rule", ns });
      return added;
    });
  }

  async deleteRule(ns: string, id: string): Promise<boolean> {
    return transaction(this.pool, async (c) => {
      const gone = (await c.query("DELETE FROM micro_auth_rules WHERE ns = $1 AND id = $2", [ns, id])).rowCount! > 0;
      if (gone) await this.changed(c, { kind: "rule", ns });
      return gone;
    });
  }

  async putRefresh(digest: string, record: RefreshRecord): Promise<void> {
    await this.pool.query("INSERT INTO micro_auth_refresh (digest, record, expires) VALUES ($1, $2, $3) ON CONFLICT (digest) DO UPDATE SET record = $2, expires = $3",
      [digest, record, record.expires]);
  }

  async takeRefresh(digest: string): Promise<RefreshRecord | undefined> {
    return (await this.pool.query<{ record: RefreshRecord }>("DELETE FROM micro_auth_refresh WHERE digest = $1 RETURNING record", [digest])).rows[0]?.record;
  }

  async pruneRefresh(now = Date.now()): Promise<number> {
    const { rowCount } = await this.pool.query(`
      DELETE FROM micro_auth_refresh r WHERE r.expires <= $1 OR NOT EXISTS (
        SELECT 1 FROM micro_auth_accounts a WHERE a.ns = r.record->>'namespace' AND a.id = r.record->>'id'
          AND a.account->>'uid' = r.record->>'uid' AND (a.account->>'generation')::int = (r.record->>'generation')::int)`, [now]);
    return rowCount ?? 0;
  }
}

/** Runs `fn` in a transaction: committed when `commit` says so (default always), rolled back otherwise or on error. */
async function transaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, commit: (value: T) => boolean = () => true): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    const value = await fn(c);
    await c.query(commit(value) ? "COMMIT" : "ROLLBACK");
    return value;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

function lockNamespace(c: pg.PoolClient, ns: string): Promise<unknown> {
  return c.query("SELECT pg_advisory_xact_lock(hashtext('micro_auth_ns:' || $1))", [ns]);
}
