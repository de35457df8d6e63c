// The embedded auth engine: accounts, rules and sessions in LMDB under the data dir, tokens signed with the
// server's own key. It trusts its caller: who may call what is decided by policy.ts (through handler.ts and the
// auth middleware) before a request gets here.
import { setTimeout as sleep } from "node:timers/promises";
import { BadRequest, Conflict, Forbidden, NotFound, Unauthorized } from "../rpc/errors.js";
import type { CallerAccount } from "../rpc/types.js";
import type { Engine } from "../engine/lmdb.js";
import { loadOrCreateKeys } from "./keys.js";
import { KeyRing } from "./keyring.js";
import type { AuthState } from "./state.js";
import { CALL_TOKEN_SECONDS, CallTokens } from "./call-tokens.js";
import { WorkGate, type GateOptions } from "./gate.js";
import { ACCOUNT_SLOWDOWN, FailureLimiter, FailureSlowdown, PEER_LIMITS, type LimiterOptions, type SlowdownOptions } from "./ratelimit.js";
import { defaultRule } from "./rules.js";
import { decoyHash, digestToken, hashSecret, randomToken, verifySecret } from "./secrets.js";
import { Sessions, type SessionOptions } from "./sessions.js";
import { INVITE_TTL_MS, MAX_INVITES, MIN_PASSWORD_LENGTH, SignupLimits, type SignupMode, type SignupOptions } from "./signup.js";
import { AuthStore, type InviteClaim, type StoredAccount } from "./store.js";
import type { PostgresAuthState } from "./store-postgres.js";
import {
  ADMIN_SCOPE, DEFAULT_ACCOUNT, DEFAULT_NAMESPACE, type Account, type Auth, type ChangeSecretOptions, type GenerateOptions,
  type GeneratedAccount, type NamespaceOptions, type Rule, type Token, type TokenRequest,
} from "./types.js";
import {
  checkAccountId, checkAccountType, checkMetadata, checkName, checkNamespace, checkRule, checkRuleId, checkScopes, checkSecret,
  MAX_SECRET_BYTES,
} from "./validate.js";

export interface EmbeddedAuthOptions extends SessionOptions {
  engine: Engine;
  /** Where the signing key lives (`<dataDir>/auth/jwt-private.pem`). */
  dataDir: string;
  /** Failed-login limits per account and client address (default: 5 failures a minute → 429 for a minute, for
   * that address only). */
  limits?: LimiterOptions;
  /** Failed-login limits per peer address, across accounts (default PEER_LIMITS: 30 a minute). */
  peerLimits?: LimiterOptions;
  /** Per account across addresses: failed answers slow down, the account is never locked (ACCOUNT_SLOWDOWN). */
  slowdown?: SlowdownOptions;
  /** Who may sign up and how often (signup.ts). */
  signup?: SignupOptions;
  /** Accounts, rules, sessions and the token key set on PostgreSQL, shared by every server pointed at it
   * (store-postgres.ts, keyring.ts); default the embedded store in `engine`. */
  shared?: PostgresAuthState;
  /** Concurrent scrypt work: `signup` for signups (default 1 at a time, 8 queued), `secrets` for every other
   * hash or check (logins, password changes, accounts admins create; default 2 at a time, 64 queued). */
  gates?: { signup?: GateOptions; secrets?: GateOptions };
  /** Where security events go (never with secrets). Default console.warn. */
  log?: (line: string) => void;
}

/** Extra facts about a login attempt the transport may know. */
export interface AttemptInfo {
  /** The remote address, when known: also rate limited, across accounts. */
  peer?: string;
}

export class EmbeddedAuth implements Auth {
  private readonly store: AuthState;
  private readonly sessions: Sessions;
  private readonly callTokens: CallTokens;
  private readonly sortedRules = new WeakMap<readonly Rule[], readonly Rule[]>();
  private readonly limiter: FailureLimiter;
  private readonly peerLimiter: FailureLimiter;
  private readonly slowdown: FailureSlowdown;
  private readonly signupLimits: SignupLimits;
  private readonly signupGate: WorkGate;
  private readonly secretsGate: WorkGate;
  private readonly log: (line: string) => void;
  private readonly signupMode: SignupMode;
  private readonly maxNamespaces: number;
  private readonly maxAccountsPerNamespace: number;

  private constructor(options: EmbeddedAuthOptions, private readonly keys: KeyRing) {
    this.store = options.shared ?? new AuthStore(options.engine);
    this.sessions = new Sessions(this.store, keys.own, options, keys.verifier);
    this.callTokens = new CallTokens(keys.own);
    this.limiter = new FailureLimiter(options.limits);
    this.peerLimiter = new FailureLimiter(options.peerLimits ?? PEER_LIMITS);
    this.slowdown = new FailureSlowdown(options.slowdown ?? ACCOUNT_SLOWDOWN);
    this.signupLimits = new SignupLimits(options.signup);
    this.signupMode = options.signup?.mode ?? "open";
    this.maxNamespaces = options.signup?.maxNamespaces ?? 10_000;
    this.maxAccountsPerNamespace = options.signup?.maxAccountsPerNamespace ?? 10_000;
    this.signupGate = new WorkGate("signups", { concurrency: 1, maxQueued: 8, ...options.gates?.signup });
    this.secretsGate = new WorkGate("logins", { concurrency: 2, maxQueued: 64, ...options.gates?.secrets });
    this.log = options.log ?? ((line) => console.warn(line));
  }

  /** Hashing under a gate (the secrets gate unless said otherwise; 503 when it is full). */
  private hash(secret: string, gate: WorkGate = this.secretsGate): Promise<string> {
    return gate.run(() => hashSecret(secret));
  }

  /** SPKI PEM of the token signing key, for verifiers in other processes. */
  get publicKeyPem(): string {
    return this.keys.own.publicKeyPem;
  }

  /** The verification keys as a JWK set, as the auth service's registry entry publishes them (jwks.ts): this
   * server's, and with a shared store every other live server's (keyring.ts). */
  get jwks(): string {
    return this.keys.jwks;
  }

  /** The front door's credential for an anonymous call it admitted to `service` of `namespace` (call-tokens.ts). */
  callToken(namespace: string, service: string): Promise<string> {
    return this.callTokens.issue(namespace, service);
  }

  static async open(options: EmbeddedAuthOptions): Promise<EmbeddedAuth> {
    const own = await loadOrCreateKeys(options.dataDir);
    const ring = new KeyRing(own, options.shared && {
      pool: options.shared.pool,
      maxTokenSeconds: Math.max(options.accessTokenSeconds ?? 15 * 60, CALL_TOKEN_SECONDS),
    });
    await ring.start();
    const auth = new EmbeddedAuth(options, ring);
    await auth.store.pruneRefresh();
    return auth;
  }

  /** Re-reads the shared key set (before the auth entry's heartbeat: its jwks metadata is then current). */
  refreshKeys(): Promise<void> {
    return this.keys.refresh();
  }

  /** Stops re-publishing this server's key (shared key set); the shared state's connections are the caller's. */
  close(): void {
    this.keys.close();
  }

  /** Creates namespace "micro" with admin/micro and its default rule on a fresh data dir; true when it did (the
   * server then prints "default account admin / micro created"). */
  async ensureDefaults(): Promise<boolean> {
    if (await this.store.namespaceExists(DEFAULT_NAMESPACE)) return false;
    const outcome = await this.store.createAccount(
      await this.newAccount(DEFAULT_NAMESPACE, DEFAULT_ACCOUNT.id, "user", DEFAULT_ACCOUNT.secret, [...DEFAULT_ACCOUNT.scopes], {}, ""),
      [defaultRule()], true);
    return outcome === "created";
  }

  /** Whether admin of namespace micro still has the default secret: the server warns, and refuses to listen
   * beyond loopback with it. */
  async usesDefaultAdminSecret(): Promise<boolean> {
    const admin = await this.store.getAccount(DEFAULT_NAMESPACE, DEFAULT_ACCOUNT.id);
    return !!admin && await verifySecret(DEFAULT_ACCOUNT.secret, admin.secretHash);
  }

  async generate(options: GenerateOptions): Promise<GeneratedAccount> {
    const ns = namespaceOf(options);
    const secret = options.secret ? checkSecret(options.secret) : randomToken(24);
    const id = checkAccountId(options.id);
    if (await this.store.countAccounts(ns) >= this.maxAccountsPerNamespace) {
      throw Forbidden("auth", `namespace ${ns} holds the most accounts this server allows (${this.maxAccountsPerNamespace}); delete some first`);
    }
    const account = await this.newAccount(ns, id, checkAccountType(options.type), secret,
      checkScopes(options.scopes ?? []), checkMetadata(options.metadata), checkName(options.name), this.secretsGate);
    const outcome = await this.store.createAccount(account, [defaultRule()], false);
    if (outcome === "account-exists") throw Conflict("auth", `account ${account.id} already exists in namespace ${ns}`);
    return { ...publicAccount(account), secret };
  }

  /** The namespaces on this server, by name, at most `limit` (runtime/web/session.ts shows them to platform admins). */
  namespaces(limit = 500): string[] | Promise<string[]> {
    return this.store.listNamespaces?.(limit) ?? [];
  }

  /** Signup: a new namespace with this first account (scope admin, type user) and its default rule. In order,
   * cheapest first: 403 when signup is off, 429 past the per-address or overall rate, 403 when the namespace
   * exists or the invite (invite mode) is missing or not valid, 400 for a bad id or a short password, 403 when
   * the server holds its most namespaces, 503 when the signup hashing queue is full. */
  async signup(options: GenerateOptions, info: AttemptInfo = {}, invite?: string): Promise<GeneratedAccount> {
    if (this.signupMode === "off") throw Forbidden("auth", "signup is disabled on this server");
    this.signupLimits.take(info.peer);
    const ns = checkNamespace(options.namespace ?? "");
    const refused = () => Forbidden("auth", `namespace ${ns} already exists; ask one of its admins for an account`);
    if (ns === DEFAULT_NAMESPACE || await this.store.namespaceExists(ns)) throw refused();
    const id = checkAccountId(options.id);
    let claim: InviteClaim | undefined;
    if (this.signupMode === "invite") {
      if (!invite) throw Forbidden("auth", "signup on this server needs an invite code from its admin (micro signup --invite CODE)");
      claim = { digest: digestToken(invite), id };
      if (!await this.store.inviteValid(claim)) throw Forbidden("auth", "the invite code is not valid (unknown, used, expired or for another email)");
    }
    const secret = checkPassword(options.secret ?? "", "secret");
    if (await this.store.countNamespaces() >= this.maxNamespaces) {
      throw Forbidden("auth", `this server takes no more signups (it holds its most namespaces, ${this.maxNamespaces})`);
    }
    const account = await this.newAccount(ns, id, "user", secret, [ADMIN_SCOPE], checkMetadata(options.metadata), checkName(options.name),
      this.signupGate);
    const outcome = await this.store.createAccount(account, [defaultRule()], true, claim);
    if (outcome === "invite-invalid") throw Forbidden("auth", "the invite code is not valid (unknown, used, expired or for another email)");
    if (outcome !== "created") throw refused();
    this.log(`auth: signup created namespace ${ns}${info.peer ? ` from ${info.peer}` : ""}`);
    return { ...publicAccount(account), secret };
  }

  /** An invite code for one signup (invite mode), valid INVITE_TTL_MS; bound to `forId` unless that is empty.
   * The code is returned once and stored only as its digest. */
  async createInvite(forId: string, by: string): Promise<{ code: string; expires: number }> {
    const bound = forId ? checkAccountId(forId) : "";
    const code = randomToken(18);
    const created = Date.now();
    const expires = created + INVITE_TTL_MS;
    if (!await this.store.putInvite(digestToken(code), { created, expires, for: bound, by }, MAX_INVITES)) {
      throw Forbidden("auth", `${MAX_INVITES} invite codes are outstanding already; wait for some to be used or expire`);
    }
    return { code, expires };
  }

  async inspect(token: string): Promise<Account> {
    const caller = await this.sessions.verify(token);
    if (!caller) throw Unauthorized("auth", "invalid or expired token");
    return { id: caller.id, type: caller.type, issuer: caller.issuer, scopes: caller.scopes, metadata: caller.metadata ?? {}, name: caller.name ?? "" };
  }

  /** The caller a token proves, or undefined: what the guard (gateway, proxy, middleware) uses. */
  verifyAccessToken(token: string): Promise<CallerAccount | undefined> {
    return this.sessions.verify(token);
  }

  async token(request: TokenRequest, info: AttemptInfo = {}): Promise<Token> {
    if (request.refreshToken) return this.sessions.refresh(request.refreshToken, request.expirySeconds);
    const ns = namespaceOf(request);
    const id = checkAccountId(request.id ?? "");
    const refused = () => Unauthorized("auth", "invalid account id or secret");
    // A login with an empty or oversized secret is bad credentials like any other (401), never hashed.
    const secret = request.secret ?? "";
    if (!secret || Buffer.byteLength(secret, "utf8") > MAX_SECRET_BYTES) throw refused();
    const account = await this.checkCredentials(ns, id, secret, info, refused);
    return this.sessions.issue(account, request.expirySeconds);
  }

  async listAccounts(options: NamespaceOptions = {}): Promise<Account[]> {
    return (await this.store.listAccounts(namespaceOf(options))).map(publicAccount);
  }

  async deleteAccount(id: string, options: NamespaceOptions = {}): Promise<void> {
    const ns = namespaceOf(options);
    if (!await this.store.deleteAccount(ns, checkAccountId(id))) throw NotFound("auth", `account ${id} not found in namespace ${ns}`);
  }

  /** Without `oldSecret` the change is unconditional (an admin's); with it, the old secret must match. Either
   * way every refresh token of the account stops working. */
  async changeSecret(id: string, newSecret: string, options: ChangeSecretOptions = {}, info: AttemptInfo = {}): Promise<void> {
    const ns = namespaceOf(options);
    checkAccountId(id);
    checkPassword(newSecret, "new_secret");
    if (options.oldSecret !== undefined) {
      checkSecret(options.oldSecret, "old_secret");
      await this.checkCredentials(ns, id, options.oldSecret, info, () => Forbidden("auth", "old secret does not match"));
    }
    if (!await this.store.replaceSecret(ns, id, await this.hash(newSecret))) throw NotFound("auth", `account ${id} not found in namespace ${ns}`);
    await this.store.pruneRefresh();
  }

  async createRule(rule: Rule, options: NamespaceOptions = {}): Promise<void> {
    const ns = namespaceOf(options);
    const valid = checkRule(rule);
    if (!await this.store.createRule(ns, valid)) throw Conflict("auth", `rule ${valid.id} already exists in namespace ${ns}`);
  }

  async deleteRule(id: string, options: NamespaceOptions = {}): Promise<void> {
    const ns = namespaceOf(options);
    if (!await this.store.deleteRule(ns, checkRuleId(id))) throw NotFound("auth", `rule ${id} not found in namespace ${ns}`);
  }

  /** Highest priority first, then by id: the order they are evaluated in. */
  async listRules(options: NamespaceOptions = {}): Promise<Rule[]> {
    return [...await this.rulesOf(namespaceOf(options))];
  }

  /** A namespace's rules, for the access guard: synchronous on the embedded store, a promise on a shared one.
   * Sorted once per array the store caches (the guard asks on every call). */
  rulesOf(namespace: string): readonly Rule[] | Promise<readonly Rule[]> {
    const rules = this.store.listRules(namespace);
    return Array.isArray(rules) ? this.sorted(rules as readonly Rule[]) : (rules as Promise<readonly Rule[]>).then((r) => this.sorted(r));
  }

  private sorted(rules: readonly Rule[]): readonly Rule[] {
    let sorted = this.sortedRules.get(rules);
    if (!sorted) this.sortedRules.set(rules, (sorted = [...rules].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))));
    return sorted;
  }

  /** Whether a namespace has been created (by ensureDefaults, signup or an admin's Generate). */
  namespaceExists(namespace: string): boolean | Promise<boolean> {
    return this.store.namespaceExists(namespace);
  }

  /** Checks a secret under the failed-attempt limits: blocked per (account, address) and per address, never per
   * account alone (that would let anyone lock its owner out); an account's failures from everywhere only delay
   * further failed answers. Unknown ids cost the same time and count the same way as wrong secrets, so neither
   * timing nor 429s tell which ids exist. */
  private async checkCredentials(ns: string, id: string, secret: string, info: AttemptInfo, failure: () => Error): Promise<StoredAccount> {
    const pairKey = [`account ${ns}/${id} from ${info.peer ?? "an unknown address"}`];
    const peerKey = info.peer ? [`peer ${info.peer}`] : [];
    this.limiter.check(pairKey);
    this.peerLimiter.check(peerKey);
    const account = await this.store.getAccount(ns, id);
    const stored = account?.secretHash ?? await decoyHash();
    const matches = await this.secretsGate.run(() => verifySecret(secret, stored));
    if (!account || !matches) {
      const blocked = [...this.limiter.fail(pairKey), ...this.peerLimiter.fail(peerKey)];
      for (const key of blocked) this.log(`auth: too many failed attempts for ${key}; refusing it for a while`);
      const slow = this.slowdown.fail(`${ns}/${id}`);
      if (slow.crossed) this.log(`auth: many failed attempts for account ${ns}/${id} from any address; slowing its failed answers down`);
      if (slow.delayMs > 0) await sleep(slow.delayMs);
      throw failure();
    }
    // a success clears this address's count for the account, not the address's own: it may be trying many accounts
    this.limiter.succeed(pairKey);
    return account;
  }

  private async newAccount(ns: string, id: string, type: string, secret: string, scopes: string[], metadata: Record<string, string>,
    name: string, gate: WorkGate = this.secretsGate): Promise<StoredAccount> {
    return {
      id, type, issuer: ns, scopes, metadata, name,
      secretHash: await this.hash(secret, gate), uid: randomToken(12), generation: 0, created: Date.now(),
    };
  }
}

/** A password a person chooses: checkSecret's bounds plus MIN_PASSWORD_LENGTH characters. */
function checkPassword(secret: string, field: string): string {
  checkSecret(secret, field);
  if ([...secret].length < MIN_PASSWORD_LENGTH) throw BadRequest("auth", `${field} is too short: use at least ${MIN_PASSWORD_LENGTH} characters`);
  return secret;
}

function namespaceOf(options: NamespaceOptions): string {
  return checkNamespace(options.namespace || DEFAULT_NAMESPACE);
}

function publicAccount(a: StoredAccount): Account {
  return { id: a.id, type: a.type, issuer: a.issuer, scopes: [...a.scopes], metadata: { ...a.metadata }, name: a.name };
}
