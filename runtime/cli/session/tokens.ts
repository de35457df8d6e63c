// Keeping the access token fresh: a minute before it expires the refresh token buys a new pair (Auth.Token with
// refresh_token), which is saved at once because the server rotates refresh tokens on every use.
import type { Session } from "./session.js";
import type { AccountInfo } from "../settings/file.js";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds. */
  expiry: number;
}

/** Refresh this long before the access token expires, so that it does not die in flight. */
export const REFRESH_MARGIN_SECONDS = 60;

const pending = new WeakMap<Session, Promise<string | undefined>>();

export async function refreshIfExpiring(session: Session): Promise<string | undefined> {
  const record = session.config.data.envs[session.env.name];
  if (!record?.token) return undefined;
  const now = Date.now() / 1000;
  if (!record.refreshToken || record.expiry === undefined || record.expiry - REFRESH_MARGIN_SECONDS > now) return record.token;
  let p = pending.get(session);
  if (!p) {
    p = refresh(session, record.refreshToken).finally(() => pending.delete(session));
    pending.set(session, p);
  }
  return p;
}

async function refresh(session: Session, refreshToken: string): Promise<string | undefined> {
  try {
    const tokens = await exchange(session, { refreshToken });
    session.saveTokens(tokens);
    return tokens.accessToken;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "number" && code >= 400 && code < 500) {
      // the refresh token is spent or revoked: carry on anonymously, and say how to fix it
      session.config.updateEnv(session.env.name, (r) => { delete r.token; delete r.refreshToken; delete r.expiry; });
      session.context.stderr.write("warning: your login has expired; run `micro login` to log in again\n");
      return undefined;
    }
    throw err;
  }
}

export interface Credentials { id?: string; secret?: string; refreshToken?: string }

/** Auth.Token without a bearer token: credentials (or a refresh token) for a token pair, in `namespace`. */
export async function exchange(session: Session, credentials: Credentials, namespace = session.namespace): Promise<TokenPair> {
  const [{ createClient }, { Auth }] = await Promise.all([import("../../rpc/client.js"), import("../../gen/auth/auth_pb.js")]);
  const auth = createClient(Auth, await session.anonymousTransport(namespace));
  const { token } = await auth.token({ ...credentials, options: { namespace } });
  if (!token?.accessToken) throw new Error("the auth service returned no token");
  return { accessToken: token.accessToken, refreshToken: token.refreshToken, expiry: Number(token.expiry) };
}

/** Auth.Inspect: who a token belongs to. */
export async function inspect(session: Session, accessToken: string, namespace = session.namespace): Promise<AccountInfo> {
  const [{ createClient }, { Auth }] = await Promise.all([import("../../rpc/client.js"), import("../../gen/auth/auth_pb.js")]);
  const auth = createClient(Auth, await session.anonymousTransport(namespace));
  const { account } = await auth.inspect({ token: accessToken, options: { namespace } });
  if (!account) throw new Error("the auth service did not describe the account");
  return { id: account.id, type: account.type, issuer: account.issuer, scopes: [...account.scopes], name: account.name || undefined };
}
