// How a service finds the platform: the MICRO_* environment that `micro run` and `micro server` set.
export interface MicroEnv {
  /** host:port of the server's proxy/network. */
  proxy: string;
  /** Namespace the service lives in. */
  namespace: string;
  /** Service account credentials, when auth is on. */
  authId?: string;
  authSecret?: string;
  /** Address to serve on (host:port); port 0 picks a free one. */
  serviceAddress: string;
  /** Host to advertise in the registry. */
  advertiseHost: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): MicroEnv {
  const proxyPort = env.MICRO_PROXY_PORT || "8081";
  return {
    proxy: env.MICRO_PROXY || env.MICRO_PROXY_ADDRESS || `127.0.0.1:${proxyPort}`,
    namespace: env.MICRO_NAMESPACE || "micro",
    authId: env.MICRO_AUTH_ID || undefined,
    authSecret: env.MICRO_AUTH_SECRET || undefined,
    serviceAddress: env.MICRO_SERVICE_ADDRESS || "127.0.0.1:0",
    advertiseHost: env.MICRO_ADVERTISE_HOST || "127.0.0.1",
  };
}
