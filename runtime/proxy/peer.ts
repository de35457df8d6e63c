// Whose address a call comes from, for the micro-peer header (failed-login limits per address; services see it
// too): the socket's — unless the socket belongs to a proxy the operator trusts (MICRO_TRUSTED_PROXIES, a
// comma-separated list of addresses, e.g. the load balancer in front of the gateway). Then it is the nearest
// address in X-Forwarded-For that is not itself a trusted proxy; a client's own X-Forwarded-For is never believed.

export function trustedProxies(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  return new Set((env.MICRO_TRUSTED_PROXIES ?? "").split(",").map((a) => normalise(a.trim())).filter(Boolean));
}

const TRUSTED = trustedProxies();

/** The client's address by the operator's MICRO_TRUSTED_PROXIES, read once: what the proxy, gRPC-Web and the
 * gateway write into micro-peer. */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined): string {
  return peerAddress(remote, forwardedFor, TRUSTED);
}

/** Whether a socket's peer is a proxy the operator trusts (then its X-Forwarded-* headers may be believed). */
export function isTrustedProxy(remote: string | undefined): boolean {
  return TRUSTED.has(normalise(remote ?? ""));
}

export function peerAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trusted: ReadonlySet<string>): string {
  const chain = [...[forwardedFor ?? []].flat().flatMap((h) => h.split(",")), remote ?? ""].map((a) => normalise(a.trim())).filter(Boolean);
  if (chain.length === 0) return "unknown";
  // from the socket backwards: every hop a trusted proxy vouches for
  let i = chain.length - 1;
  while (i > 0 && trusted.has(chain[i]!)) i--;
  return chain[i]!;
}

/** IPv4 as IPv6-mapped ("::ffff:10.0.0.1") and plain ("10.0.0.1") name one peer. */
function normalise(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}
