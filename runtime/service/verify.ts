// Every call a framework service receives is verified here, whoever sent it and whichever way it came (the proxy,
// the gateway, another service, any process that can reach the port): the caller's JWT is checked locally against
// the platform's published keys, and the service's namespace rules are applied with the front doors' own policy
// (auth/policy.ts). The call runs in the service's namespace — the one it registered in, never a header's — as the
// account the token proves (ctx.account), or, for the front door's call token of an anonymous call, as nobody.
import { createPublicKey, type KeyObject } from "node:crypto";
import { MicroError } from "../rpc/errors.js";
import type { Middleware } from "../rpc/server.js";
import type { CallerAccount, HandlerContext, Metadata } from "../rpc/types.js";
import { tokenFrom } from "../auth/guard.js";
import { decideAccess } from "../auth/policy.js";
import { CALL_TOKEN_TYPE, MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, type AccessClaims } from "../auth/claims.js";
import type { JwkSet } from "../auth/jwks.js";
import { rememberedClaims, verifyAccessToken } from "../auth/verify-token.js";
import type { Rule } from "../auth/types.js";

const ERROR_ID = "auth";

export interface KeySetOptions {
  /** A refetch for an unknown kid happens at most this often (a flood of forged kids costs auth one call). */
  minRefetchMs?: number;
  /** Milliseconds, monotonic (default performance.now). */
  clock?: () => number;
}

/** The platform's verification keys by kid: fetched on first use, refetched when a token names a kid not seen yet
 * (the server rotated its key), at most every `minRefetchMs`. */
export class KeySet {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private pending?: Promise<void>;
  private readonly minRefetchMs: number;
  private readonly clock: () => number;

  constructor(private readonly fetch: () => Promise<JwkSet>, options: KeySetOptions = {}) {
    this.minRefetchMs = options.minRefetchMs ?? 5000;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The key of `kid` (a token without one gets the newest key), fetching the set for an unknown one. */
  readonly keyFor = async (kid: string | undefined): Promise<KeyObject | undefined> => {
    let key = this.pick(kid);
    if (!key && this.clock() - this.fetchedAt >= this.minRefetchMs) {
      await this.refresh();
      key = this.pick(kid);
    }
    return key;
  };

  /** keyFor in the form jose's jwtVerify takes: a token whose kid has no key fails verification. */
  readonly joseKey = async (header: { kid?: string }): Promise<KeyObject> => {
    const key = await this.keyFor(header.kid);
    if (!key) throw new Error(`no verification key for kid ${header.kid ?? "(none)"}`);
    return key;
  };

  private pick(kid: string | undefined): KeyObject | undefined {
    return kid === undefined ? this.keys.values().next().value : this.keys.get(kid);
  }

  /** Fetches the set now (one fetch at a time; callers share it). */
  refresh(): Promise<void> {
    this.pending ??= (async () => {
      try {
        const set = await this.fetch();
        const keys = new Map<string, KeyObject>();
        for (const jwk of set.keys) {
          if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.kid || (jwk.alg !== undefined && jwk.alg !== TOKEN_ALGORITHM)) continue;
          keys.set(jwk.kid, createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" }));
        }
        this.keys = keys;
      } finally {
        // a failed fetch also waits its turn: an unreachable auth service is not asked on every call
        this.fetchedAt = this.clock();
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}

export interface RulesCacheOptions {
  /** How long fetched rules are used before they are fetched again. */
  ttlMs?: number;
}

/** The namespace's rules, fetched with the service's own token and kept `ttlMs`. */
export class RulesCache {
  private rules?: readonly Rule[];
  private fetchedAt = -Infinity;
  private pending?: Promise<readonly Rule[]>;
  private readonly ttlMs: number;

  constructor(private readonly fetch: () => Promise<readonly Rule[]>, options: RulesCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5000;
  }

  /** Milliseconds since the rules in hand were fetched. */
  get age(): number {
    return performance.now() - this.fetchedAt;
  }

  /** The rules in hand while they are fresh (what `get` would answer without a fetch), else undefined. */
  get fresh(): readonly Rule[] | undefined {
    return this.rules && this.age < this.ttlMs ? this.rules : undefined;
  }

  async get(): Promise<readonly Rule[]> {
    if (this.rules && this.age < this.ttlMs) return this.rules;
    return this.refresh();
  }

  refresh(): Promise<readonly Rule[]> {
    this.pending ??= this.fetch().then((rules) => {
      this.rules = rules;
      this.fetchedAt = performance.now();
      return rules;
    }).finally(() => { this.pending = undefined; });
    return this.pending;
  }

  /** Forget the rules in hand (a rules-changed signal). */
  invalidate(): void {
    this.fetchedAt = -Infinity;
  }
}

export interface CallVerifierOptions {
  /** The namespace the service registered in: every call it serves runs there. */
  namespace: string;
  keys: KeySet;
  rules: RulesCache;
}

/** A refusal that rules fetched this long ago could have caused is re-decided with fresh ones (a rule just added). */
const RECHECK_AFTER_MS = 1000;

export class CallVerifier {
  readonly namespace: string;
  /** Grants already decided, by rules in hand → service → endpoint → the remembered claims (verify-token.ts) they
   * were decided for. A decision is a function of exactly these (and of the namespace, fixed per verifier), so a
   * grant found here is the one decideAccess would make again; new rules are a new key, and only grants are kept. */
  private granted = new WeakMap<readonly Rule[], Map<string, Map<string, WeakSet<Readonly<AccessClaims>>>>>();

  constructor(private readonly options: CallVerifierOptions) {
    this.namespace = options.namespace;
  }

  /** The account the call's token proves (undefined for a call token), or a 401/403 MicroError. */
  async admit(metadata: Metadata, service: string, endpoint: string): Promise<CallerAccount | undefined> {
    const token = tokenFrom(metadata);
    if (!token) throw new MicroError(ERROR_ID, 401, "authentication required: this service admits only calls with a token the platform issued");
    const claims = await verifyAccessToken(this.options.keys.joseKey, token);
    if (!claims) throw new MicroError(ERROR_ID, 401, "invalid or expired token");
    const account = this.accountOf(claims, service);
    const resource = { type: "service", name: service, endpoint };
    const decide = (rules: readonly Rule[]) => decideAccess({ account, namespace: this.namespace, resource, rules });
    let decision = decide(await this.options.rules.get());
    if (!decision.allowed && this.options.rules.age > RECHECK_AFTER_MS) decision = decide(await this.options.rules.refresh());
    if (!decision.allowed) throw new MicroError(ERROR_ID, decision.code, decision.detail);
    return account;
  }

  /** The account of verified claims (undefined for the front door's call token), or a 401 MicroError. */
  private accountOf(claims: Readonly<AccessClaims>, service: string): CallerAccount | undefined {
    if (claims.type === CALL_TOKEN_TYPE) {
      // the front door's token for an anonymous call: for this service of this namespace only
      if (claims.aud !== service || claims.iss !== this.namespace) throw new MicroError(ERROR_ID, 401, "invalid or expired token");
      return undefined;
    }
    // the call's own copy of the scopes: a handler changing them changes no other call's (and no object spread:
    // node 20's V8 builds `{ ...x }` on a slow path, and this runs on every call)
    const account: CallerAccount = { id: claims.sub, type: claims.type, issuer: claims.iss, scopes: claims.scopes.slice() };
    if (claims.name) account.name = claims.name;
    return account;
  }

  /** `admit` without a promise for the common call — a token this service verified before (rememberedClaims), fresh
   * rules that grant it — as `{ account }`; undefined whenever anything else would happen (a token to verify, rules
   * to fetch, a refusal, which `admit` re-decides and words), and then the caller runs `admit`. */
  private admitRemembered(metadata: Metadata, service: string, endpoint: string): { account: CallerAccount | undefined } | undefined {
    const token = tokenFrom(metadata);
    if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
    const claims = rememberedClaims(this.options.keys.joseKey, token);
    const rules = this.options.rules.fresh;
    if (!claims || !rules) return undefined;
    if (claims.type === CALL_TOKEN_TYPE && (claims.aud !== service || claims.iss !== this.namespace)) return undefined;
    const account = this.accountOf(claims, service);
    let byService = this.granted.get(rules);
    if (byService === undefined) this.granted.set(rules, (byService = new Map()));
    let byEndpoint = byService.get(service);
    if (byEndpoint === undefined) byService.set(service, (byEndpoint = new Map()));
    let grants = byEndpoint.get(endpoint);
    if (grants === undefined) byEndpoint.set(endpoint, (grants = new WeakSet()));
    if (grants.has(claims)) return { account };
    const decision = decideAccess({ account, namespace: this.namespace, resource: { type: "service", name: service, endpoint }, rules });
    if (!decision.allowed) return undefined;
    grants.add(claims);
    return { account };
  }

  /** The namespace's rules changed (auth RULES_CHANGED_TOPIC): the next call fetches them. */
  invalidateRules(): void {
    this.options.rules.invalidate();
  }

  middleware(): Middleware {
    const slow = async (ctx: HandlerContext, next: () => Promise<void>): Promise<void> => {
      ctx.account = await this.admit(ctx.metadata, ctx.service, ctx.endpoint);
      ctx.namespace = this.namespace;
      await next();
    };
    return (ctx, next) => {
      const admitted = this.admitRemembered(ctx.metadata, ctx.service, ctx.endpoint);
      if (admitted === undefined) return slow(ctx, next);
      ctx.account = admitted.account;
      ctx.namespace = this.namespace;
      return next();
    };
  }
}
