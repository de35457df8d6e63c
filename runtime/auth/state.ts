// What auth keeps durably, behind one interface with two engines: the embedded one (store.ts, LMDB in the data dir,
// synchronous reads) and PostgreSQL (store-postgres.ts), which every server of a platform shares, so that an account,
// rule, refresh token or invite written through one server is honoured by all. Reads may answer synchronously or
// with a promise; EmbeddedAuth awaits either.
import type { InviteClaim, InviteRecord, RefreshRecord, StoredAccount } from "./store.js";
import type { Rule } from "./types.js";

type Maybe<T> = T | Promise<T>;

export interface AuthState {
  namespaceExists(ns: string): Maybe<boolean>;
  /** The namespaces there are, by name, at most `limit`. */
  listNamespaces?(limit: number): Maybe<string[]>;
  countNamespaces(): Maybe<number>;
  countAccounts(ns: string): Maybe<number>;
  getAccount(ns: string, id: string): Maybe<StoredAccount | undefined>;
  listAccounts(ns: string): Maybe<StoredAccount[]>;
  /** The namespace's rules, unsorted; the array may be the store's cached one: never modify it. */
  listRules(ns: string): Maybe<readonly Rule[]>;
  inviteValid(claim: InviteClaim, now?: number): Maybe<boolean>;
  createAccount(account: StoredAccount, initialRules: Rule[], newNamespaceOnly: boolean, invite?: InviteClaim):
    Promise<"created" | "namespace-exists" | "account-exists" | "invite-invalid">;
  putInvite(digest: string, record: InviteRecord, max: number): Promise<boolean>;
  deleteAccount(ns: string, id: string): Promise<boolean>;
  replaceSecret(ns: string, id: string, secretHash: string): Promise<boolean>;
  createRule(ns: string, rule: Rule): Promise<boolean>;
  deleteRule(ns: string, id: string): Promise<boolean>;
  putRefresh(digest: string, record: RefreshRecord): Promise<void>;
  takeRefresh(digest: string): Promise<RefreshRecord | undefined>;
  pruneRefresh(now?: number): Promise<number>;
}
