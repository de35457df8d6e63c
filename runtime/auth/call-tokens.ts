// The front door's credential for an anonymous call it admitted to a public endpoint: services admit no call
// without a token the platform signed (runtime/service/verify.ts), so the gateway and the proxy forward such a
// call with a short-lived token of type "public", bound to the namespace (iss) and the one service (aud). A direct
// caller cannot make one, and one taken from a service's logs works for that service's public endpoints only, for
// at most a minute. Tokens are reused per (namespace, service) while they have more than half their life left.
import type { SigningKeys } from "./keys.js";
import { CALL_TOKEN_TYPE, signAccessToken } from "./tokens.js";

/** Lifetime of a call token. */
export const CALL_TOKEN_SECONDS = 60;
/** At most this many (namespace, service) pairs are kept; the oldest go first. */
const MAX_CACHED = 1024;

export class CallTokens {
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(private readonly keys: Pick<SigningKeys, "privateKey" | "kid">) {}

  async issue(namespace: string, service: string, now = Date.now()): Promise<string> {
    const key = `${namespace}\n${service}`;
    const hit = this.cache.get(key);
    if (hit && now < hit.renewAt) return hit.token;
    const { token } = await signAccessToken(this.keys, {
      sub: CALL_TOKEN_TYPE, iss: namespace, type: CALL_TOKEN_TYPE, scopes: [], name: "", uid: "", aud: service,
    }, CALL_TOKEN_SECONDS, now);
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { token, renewAt: now + (CALL_TOKEN_SECONDS * 1000) / 2 });
    return token;
  }
}
