// Token pairs: a short-lived signed access token plus an opaque refresh token that is stored hashed, used once
// (rotated on every refresh) and dies with the account's secret.
import { Unauthorized } from "../rpc/errors.js";
import type { CallerAccount } from "../rpc/types.js";
import type { SigningKeys } from "./keys.js";
import { digestToken, randomToken } from "./secrets.js";
import type { AuthState } from "./state.js";
import type { StoredAccount } from "./store.js";
import { CALL_TOKEN_TYPE, signAccessToken, verifyAccessToken, type Verifier } from "./tokens.js";
import type { Token } from "./types.js";

export interface SessionOptions {
  /** Access token lifetime; Auth.Token may ask for less, never more. Default 15 minutes. */
  accessTokenSeconds?: number;
  /** Refresh token lifetime. Default 30 days. */
  refreshTokenSeconds?: number;
}

/** Refresh tokens we issue are 43 characters; anything much longer is not worth a lookup. */
const MAX_REFRESH_TOKEN_LENGTH = 256;

export class Sessions {
  readonly accessTokenSeconds: number;
  readonly refreshTokenSeconds: number;

  /** `verifier`: the keys tokens are checked with (default this server's own; keyring.ts for a shared set). */
  constructor(private readonly store: AuthState, private readonly keys: SigningKeys, options: SessionOptions = {},
    private readonly verifier: Verifier = keys.publicKey) {
    this.accessTokenSeconds = options.accessTokenSeconds ?? 15 * 60;
    this.refreshTokenSeconds = options.refreshTokenSeconds ?? 30 * 24 * 3600;
  }

  async issue(account: StoredAccount, requestedSeconds?: number): Promise<Token> {
    const lifetime = requestedSeconds && requestedSeconds > 0 ? Math.min(requestedSeconds, this.accessTokenSeconds) : this.accessTokenSeconds;
    const { token, iat, exp } = await signAccessToken(this.keys, {
      sub: account.id, iss: account.issuer, type: account.type, scopes: account.scopes, name: account.name, uid: account.uid,
    }, lifetime);
    const refreshToken = randomToken(32);
    await this.store.putRefresh(digestToken(refreshToken), {
      namespace: account.issuer, id: account.id, uid: account.uid, generation: account.generation,
      expires: Date.now() + this.refreshTokenSeconds * 1000,
    });
    return { accessToken: token, refreshToken, created: iat, expiry: exp };
  }

  /** Consumes a refresh token and issues a new pair. The namespace comes from the token's own record. */
  async refresh(refreshToken: string, requestedSeconds?: number): Promise<Token> {
    const invalid = () => Unauthorized("auth", "invalid or expired refresh token");
    if (refreshToken.length > MAX_REFRESH_TOKEN_LENGTH) throw invalid();
    const record = await this.store.takeRefresh(digestToken(refreshToken));
    if (!record || record.expires <= Date.now()) throw invalid();
    const account = await this.store.getAccount(record.namespace, record.id);
    if (!account || account.uid !== record.uid || account.generation !== record.generation) throw invalid();
    return this.issue(account, requestedSeconds);
  }

  /** The caller an access token proves, or undefined (bad signature or algorithm, expired, account gone). The
   * account comes from the store, so scopes are current rather than what the token claimed. */
  async verify(accessToken: string): Promise<CallerAccount | undefined> {
    const claims = await verifyAccessToken(this.verifier, accessToken);
    // a front door's call token proves no account
    if (!claims || claims.type === CALL_TOKEN_TYPE) return undefined;
    const account = await this.store.getAccount(claims.iss, claims.sub);
    if (!account || account.uid !== claims.uid) return undefined;
    return toCaller(account);
  }
}

export function toCaller(a: StoredAccount): CallerAccount {
  return { id: a.id, type: a.type, issuer: a.issuer, scopes: [...a.scopes], name: a.name, metadata: { ...a.metadata } };
}
