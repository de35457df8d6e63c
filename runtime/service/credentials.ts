// Keeps a service's access token fresh: fetched with its account id/secret, refreshed with the refresh token
// a minute before expiry, refetched with the secret if the refresh fails.
import { Auth } from "../gen/auth/auth_pb.js";
import { createClient } from "../rpc/client.js";
import type { Transport } from "../rpc/types.js";

export class TokenSource {
  private access = "";
  private refresh = "";
  private expiry = 0;
  private pending?: Promise<string>;
  private readonly auth;

  constructor(transport: Transport, private readonly id: string, private readonly secret: string, private readonly namespace: string) {
    this.auth = createClient(Auth, transport);
  }

  /** A valid access token, fetching or refreshing one when needed. */
  async token(): Promise<string> {
    if (this.access && Date.now() < this.expiry - 60_000) return this.access;
    this.pending ??= this.renew().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  private async renew(): Promise<string> {
    const options = { namespace: this.namespace };
    let res;
    try {
      res = this.refresh ? await this.auth.token({ refreshToken: this.refresh, options }) : undefined;
    } catch {
      res = undefined;
    }
    res ??= await this.auth.token({ id: this.id, secret: this.secret, options });
    const t = res.token;
    if (!t?.accessToken) throw new Error("auth: the server returned no token");
    this.access = t.accessToken;
    this.refresh = t.refreshToken;
    this.expiry = Number(t.expiry) * 1000;
    return this.access;
  }
}
