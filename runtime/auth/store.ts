// Durable auth state in LMDB (one "auth" sub-database, ordered array keys):
//   ["ns", ns]            → namespace marker (a namespace, once created, stays taken even with no accounts left,
//                            so nobody can sign up into an abandoned namespace and inherit its data)
//   ["acct", ns, id]      → StoredAccount (secret hashed)
//   ["rule", ns, id]      → Rule
//   ["refresh", digest]   → RefreshRecord (keyed by the token's SHA-256, never the token)
//   ["invite", digest]    → InviteRecord (keyed by the code's SHA-256, never the code)
// Multi-key changes run in one LMDB transaction. Callbacks never throw (LMDB does not roll back a callback that
// throws): they return what happened and the caller turns that into an error.
import type { Database, Key } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import type { Account, Rule } from "./types.js";

export interface StoredAccount extends Account {
  secretHash: string;
  /** Random per creation: tokens of a deleted account never work for a new one with the same id. */
  uid: string;
  /** Bumped when the secret changes: refresh tokens carry the generation they were issued under. */
  generation: number;
  created: number;
}

export interface RefreshRecord {
  namespace: string;
  id: string;
  uid: string;
  generation: number;
  /** Unix ms. */
  expires: number;
}

interface NamespaceRecord { created: number }

export interface InviteRecord {
  /** Unix ms. */
  created: number;
  expires: number;
  /** The account id it is for; "" for anyone. */
  for: string;
  /** The admin who created it. */
  by: string;
}

/** What a signup with an invite presents: the code's digest and the account id signing up. */
export interface InviteClaim { digest: string; id: string }

const END = "\uffff";

export class AuthStore {
  private readonly db: Database<unknown, Key>;

  constructor(engine: Engine) {
    this.db = engine.db("auth");
  }

  namespaceExists(ns: string): boolean {
    return this.db.get(["ns", ns]) !== undefined;
  }

  /** The namespaces there are, by name, at most `limit` (the web interface's switcher, for platform admins). */
  listNamespaces(limit: number): string[] {
    return [...this.db.getKeys({ start: ["ns"], end: ["ns", END], limit })].map((k) => String((k as unknown[])[1]));
  }

  countNamespaces(): number {
    return this.db.getKeysCount({ start: ["ns"], end: ["ns", END] });
  }

  countAccounts(ns: string): number {
    return this.db.getKeysCount({ start: ["acct", ns], end: ["acct", ns, END] });
  }

  /** Read on every call with a token (each hop that admits it), written rarely: cached by (namespace, id), the
   * entry dropped by every write of that account once it has committed, so a deleted or changed account is seen on
   * the very next call. Only this process writes its LMDB auth state (PostgreSQL's is store-postgres.ts). */
  private readonly accountCache = new Map<string, StoredAccount | undefined>();

  getAccount(ns: string, id: string): StoredAccount | undefined {
    const key = `${ns}\n${id}`;
    if (this.accountCache.has(key)) return this.accountCache.get(key);
    // frozen: every caller shares the cached object, so none may change it for the others
    const account = frozen(this.readAccount(ns, id));
    if (this.accountCache.size >= 10_000) this.accountCache.clear();
    this.accountCache.set(key, account);
    return account;
  }

  /** Straight from LMDB: what a write transaction checks. */
  private readAccount(ns: string, id: string): StoredAccount | undefined {
    return this.db.get(["acct", ns, id]) as StoredAccount | undefined;
  }

  /** Runs a write that may change account `ns`/`id`; its cache entry is dropped once it has committed (or failed). */
  private async changingAccount<T>(ns: string, id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.accountCache.delete(`${ns}\n${id}`);
    }
  }

  listAccounts(ns: string): StoredAccount[] {
    return this.values<StoredAccount>(["acct", ns], ["acct", ns, END]);
  }

  /** Read on every call the guard admits, written rarely: cached per namespace, dropped by every rule write. */
  private readonly rulesCache = new Map<string, readonly Rule[]>();

  listRules(ns: string): readonly Rule[] {
    let rules = this.rulesCache.get(ns);
    if (!rules) {
      rules = this.values<Rule>(["rule", ns], ["rule", ns, END]);
      if (this.rulesCache.size >= 10_000) this.rulesCache.clear();
      this.rulesCache.set(ns, rules);
    }
    return rules;
  }

  /** Runs a write that may change `ns`'s rules; the cache is dropped once it has committed. */
  private async changingRules<T>(ns: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.rulesCache.delete(ns);
    }
  }

  /**
   * Adds an account. `newNamespaceOnly` (signup) refuses when the namespace exists; otherwise a missing
   * namespace is created. A namespace created here gets `initialRules`. An invite, when given, must be valid
   * for the account's id and is used up in the same transaction (a code signs up one namespace, even when
   * raced).
   */
  async createAccount(account: StoredAccount, initialRules: Rule[], newNamespaceOnly: boolean, invite?: InviteClaim):
    Promise<"created" | "namespace-exists" | "account-exists" | "invite-invalid"> {
    const ns = account.issuer;
    return this.changingAccount(ns, account.id, () => this.changingRules(ns, () => this.db.transaction(() => {
      const nsExists = this.namespaceExists(ns);
      if (nsExists && newNamespaceOnly) return "namespace-exists" as const;
      if (this.readAccount(ns, account.id)) return "account-exists" as const;
      if (invite) {
        if (!this.inviteValid(invite)) return "invite-invalid" as const;
        void this.db.remove(["invite", invite.digest]);
      }
      if (!nsExists) {
        void this.db.put(["ns", ns], { created: Date.now() } satisfies NamespaceRecord);
        for (const rule of initialRules) void this.db.put(["rule", ns, rule.id], rule);
      }
      void this.db.put(["acct", ns, account.id], account);
      return "created" as const;
    })));
  }

  /** Whether an invite exists, has not expired and is for this id (or anyone). */
  inviteValid(claim: InviteClaim, now = Date.now()): boolean {
    const record = this.db.get(["invite", claim.digest]) as InviteRecord | undefined;
    return !!record && record.expires > now && (record.for === "" || record.for === claim.id);
  }

  /** Stores an invite after dropping expired ones; false when `max` are outstanding. */
  async putInvite(digest: string, record: InviteRecord, max: number): Promise<boolean> {
    return this.db.transaction(() => {
      let outstanding = 0;
      for (const { key, value } of this.db.getRange({ start: ["invite"], end: ["invite", END] })) {
        if ((value as InviteRecord).expires <= record.created) void this.db.remove(key);
        else outstanding++;
      }
      if (outstanding >= max) return false;
      void this.db.put(["invite", digest], record);
      return true;
    });
  }

  async deleteAccount(ns: string, id: string): Promise<boolean> {
    return this.changingAccount(ns, id, () => this.db.transaction(() => {
      if (!this.readAccount(ns, id)) return false;
      void this.db.remove(["acct", ns, id]);
      return true;
    }));
  }

  /** Replaces the secret hash and bumps the generation, which invalidates every refresh token issued before. */
  async replaceSecret(ns: string, id: string, secretHash: string): Promise<boolean> {
    return this.changingAccount(ns, id, () => this.db.transaction(() => {
      const acc = this.readAccount(ns, id);
      if (!acc) return false;
      void this.db.put(["acct", ns, id], { ...acc, secretHash, generation: acc.generation + 1 });
      return true;
    }));
  }

  async createRule(ns: string, rule: Rule): Promise<boolean> {
    return this.changingRules(ns, () => this.db.transaction(() => {
      if (this.db.get(["rule", ns, rule.id]) !== undefined) return false;
      void this.db.put(["rule", ns, rule.id], rule);
      return true;
    }));
  }

  async deleteRule(ns: string, id: string): Promise<boolean> {
    return this.changingRules(ns, () => this.db.transaction(() => {
      if (this.db.get(["rule", ns, id]) === undefined) return false;
      void this.db.remove(["rule", ns, id]);
      return true;
    }));
  }

  async putRefresh(digest: string, record: RefreshRecord): Promise<void> {
    await this.db.put(["refresh", digest], record);
  }

  /** Reads and deletes in one transaction: a refresh token is used at most once, even by concurrent callers. */
  async takeRefresh(digest: string): Promise<RefreshRecord | undefined> {
    return this.db.transaction(() => {
      const record = this.db.get(["refresh", digest]) as RefreshRecord | undefined;
      if (record) void this.db.remove(["refresh", digest]);
      return record;
    });
  }

  /** Drops expired refresh tokens and those of accounts that no longer match (deleted, secret changed). */
  async pruneRefresh(now = Date.now()): Promise<number> {
    return this.db.transaction(() => {
      let removed = 0;
      for (const { key, value } of this.db.getRange({ start: ["refresh"], end: ["refresh", END] })) {
        const r = value as RefreshRecord;
        const acc = this.readAccount(r.namespace, r.id);
        if (r.expires <= now || !acc || acc.uid !== r.uid || acc.generation !== r.generation) {
          void this.db.remove(key);
          removed++;
        }
      }
      return removed;
    });
  }

  private values<V>(start: Key, end: Key): V[] {
    return [...this.db.getRange({ start, end })].map((e) => e.value as V);
  }
}

function frozen(a: StoredAccount | undefined): StoredAccount | undefined {
  if (a) {
    Object.freeze(a.scopes);
    Object.freeze(a.metadata);
    Object.freeze(a);
  }
  return a;
}
