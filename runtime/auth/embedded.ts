// The embedded auth engine: accounts, rules and sessions in LMDB under the data dir, tokens signed with the
// server's own key. It trusts its caller: who may call what is decided by policy.ts (through handler.ts and the
// auth middleware) before a request gets here.
import { Conflict, Forbidden, NotFound, Unauthorized } from "../rpc/errors.js";
import type { CallerAccount } from "../rpc/types.js";
import type { Engine } from "../engine/lmdb.js";
import { loadOrCreateKeys, type SigningKeys } from "./keys.js";
import { FailureLimiter, PEER_LIMITS, type LimiterOptions } from "./ratelimit.js";
import { defaultRule } from "./rules.js";
import { decoyHash, hashSecret, randomToken, verifySecret } from "./secrets.js";
import { Sessions, type SessionOptions } from "./sessions.js";
import { AuthStore, type StoredAccount } from "./store.js";
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
  /** Failed-login limits per account (default: 5 failures a minute → 429 for a minute). */
  limits?: LimiterOptions;
  /** Failed-login limits per peer address, across accounts (default PEER_LIMITS: 30 a minute). */
  peerLimits?: LimiterOptions;
  /** Where security events go (never with secrets). Default console.warn. */
  log?: (line: string) => void;
}

/** Extra facts about a login attempt the transport may know. */
export interface AttemptInfo {
  /** The remote address, when known: also rate limited, across accounts. */
  peer?: string;
}

export class EmbeddedAuth implements Auth {
  private readonly store: AuthStore;
  private readonly sessions: Sessions;
  private readonly limiter: FailureLimiter;
  private readonly peerLimiter: FailureLimiter;
  private readonly log: (line: string) => void;

  private constructor(options: EmbeddedAuthOptions, private readonly keys: SigningKeys) {
    this.store = new AuthStore(options.engine);
    this.sessions = new Sessions(this.store, keys, options);
    this.limiter = new FailureLimiter(options.limits);
    this.peerLimiter = new FailureLimiter(options.peerLimits ?? PEER_LIMITS);
    this.log = options.log ?? ((line) => console.warn(line));
  }

  /** SPKI PEM of the token signing key, for verifiers in other processes. */
  get publicKeyPem(): string {
    return this.keys.publicKeyPem;
  }

  static async open(options: EmbeddedAuthOptions): Promise<EmbeddedAuth> {
    const auth = new EmbeddedAuth(options, await loadOrCreateKeys(options.dataDir));
    await auth.store.pruneRefresh();
    return auth;
  }

  /** Creates namespace "micro" with admin/micro and its default rule on a fresh data dir; true when it did (the
   * server then prints "default account admin / micro created"). */
  async ensureDefaults(): Promise<boolean> {
    if (this.store.namespaceExists(DEFAULT_NAMESPACE)) return false;
    const outcome = await this.store.createAccount(
      await this.newAccount(DEFAULT_NAMESPACE, DEFAULT_ACCOUNT.id, "user", DEFAULT_ACCOUNT.secret, [...DEFAULT_ACCOUNT.scopes], {}, ""),
      [defaultRule()], true);
    return outcome === "created";
  }

  async generate(options: GenerateOptions): Promise<GeneratedAccount> {
    const ns = namespaceOf(options);
    const secret = options.secret ? checkSecret(options.secret) : randomToken(24);
    const account = await this.newAccount(ns, checkAccountId(options.id), checkAccountType(options.type), secret,
      checkScopes(options.scopes ?? []), checkMetadata(options.metadata), checkName(options.name));
    const outcome = await this.store.createAccount(account, [defaultRule()], false);
    if (outcome === "account-exists") throw Conflict("auth", `account ${account.id} already exists in namespace ${ns}`);
    return { ...publicAccount(account), secret };
  }

  /** Signup: a new namespace with this first account (scope admin, type user) and its default rule. 403 when the
   * namespace already exists. */
  async signup(options: GenerateOptions): Promise<GeneratedAccount> {
    const ns = checkNamespace(options.namespace ?? "");
    const refused = () => Forbidden("auth", `namespace ${ns} already exists; ask one of its admins for an account`);
    if (ns === DEFAULT_NAMESPACE) throw refused();
    const secret = checkSecret(options.secret ?? "");
    const account = await this.newAccount(ns, checkAccountId(options.id), "user", secret, [ADMIN_SCOPE],
      checkMetadata(options.metadata), checkName(options.name));
    if (await this.store.createAccount(account, [defaultRule()], true) !== "created") throw refused();
    return { ...publicAccount(account), secret };
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
    return this.store.listAccounts(namespaceOf(options)).map(publicAccount);
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
    checkSecret(newSecret, "new_secret");
    if (options.oldSecret !== undefined) {
      checkSecret(options.oldSecret, "old_secret");
      await this.checkCredentials(ns, id, options.oldSecret, info, () => Forbidden("auth", "old secret does not match"));
    }
    if (!await this.store.replaceSecret(ns, id, await hashSecret(newSecret))) throw NotFound("auth", `account ${id} not found in namespace ${ns}`);
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
    return this.rulesOf(namespaceOf(options));
  }

  /** Synchronous read of a namespace's rules, for the access guard. */
  rulesOf(namespace: string): Rule[] {
    return this.store.listRules(namespace).sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  }

  /** Whether a namespace has been created (by ensureDefaults, signup or an admin's Generate). */
  namespaceExists(namespace: string): boolean {
    return this.store.namespaceExists(namespace);
  }

  /** Checks a secret under the failed-attempt limits. Unknown ids cost the same time and count the same way as
   * wrong secrets, so neither timing nor 429s tell which ids exist. */
  private async checkCredentials(ns: string, id: string, secret: string, info: AttemptInfo, failure: () => Error): Promise<StoredAccount> {
    const accountKey = [`account ${ns}/${id}`];
    const peerKey = info.peer ? [`peer ${info.peer}`] : [];
    this.limiter.check(accountKey);
    this.peerLimiter.check(peerKey);
    const account = this.store.getAccount(ns, id);
    const matches = await verifySecret(secret, account?.secretHash ?? await decoyHash());
    if (!account || !matches) {
      const blocked = [...this.limiter.fail(accountKey), ...this.peerLimiter.fail(peerKey)];
      for (const key of blocked) this.log(`auth: too many failed attempts for ${key}; refusing it for a while`);
      throw failure();
    }
    // a success clears the account's count, not the peer's: it may be trying many accounts
    this.limiter.succeed(accountKey);
    return account;
  }

  private async newAccount(ns: string, id: string, type: string, secret: string, scopes: string[], metadata: Record<string, string>, name: string): Promise<StoredAccount> {
    return {
      id, type, issuer: ns, scopes, metadata, name,
      secretHash: await hashSecret(secret), uid: randomToken(12), generation: 0, created: Date.now(),
    };
  }
}

function namespaceOf(options: NamespaceOptions): string {
  return checkNamespace(options.namespace || DEFAULT_NAMESPACE);
}

function publicAccount(a: StoredAccount): Account {
  return { id: a.id, type: a.type, issuer: a.issuer, scopes: [...a.scopes], metadata: { ...a.metadata }, name: a.name };
}
