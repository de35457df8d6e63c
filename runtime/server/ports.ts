export interface ServerPorts { proxy: number; api: number; host: string }

/** 8081/8080 unless MICRO_PROXY_PORT / MICRO_API_PORT say otherwise (tests use free ports). */
export function serverPorts(env: NodeJS.ProcessEnv = process.env): ServerPorts {
  const port = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new RangeError(`${name}=${v} is not a port number`);
    return n;
  };
  return { proxy: port("MICRO_PROXY_PORT", 8081), api: port("MICRO_API_PORT", 8080), host: env.MICRO_BIND_HOST || "127.0.0.1" };
}

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). Anything else,
 * 0.0.0.0 and :: included, is reachable from elsewhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}
